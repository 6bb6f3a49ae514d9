// Idempotency-Key for the API's writes (IETF draft "The Idempotency-Key HTTP Header Field").
// Exactly once needs the key recorded in the same transaction as the write. Explicit at both ends:
// a route declares itself idempotent (`config: { idempotent: true }`, http/idempotency.ts), and the
// use case hands the request's claim (`actor.idempotency`) to the transaction that writes:
// `store.transaction(fn, { idempotency: actor.idempotency })`. That transaction records the key as
// its first statement, so it commits or rolls back with the write. The answer is stored right
// after, for retries to replay. Reads and the authorization API never take a key.

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface IdempotencyClaim {
  userId: string;
  key: string;
  requestHash: string;
  now: Date;
  /** Set once a transaction holding the key row committed: the answer is then recorded. */
  claimed: boolean;
}

export interface StoredIdempotentRequest {
  requestHash: string;
  /** `null` while the answer is not recorded (in flight, or lost in a crash after the COMMIT). */
  status: number | null;
  contentType: string | null;
  body: string | null;
  createdAt: Date;
}

export interface IdempotencyStore {
  find(userId: string, key: string, now: Date): Promise<StoredIdempotentRequest | undefined>;
  record(userId: string, key: string, answer: { status: number; contentType: string | null; body: string }): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}
