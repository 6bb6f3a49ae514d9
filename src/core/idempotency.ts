// Idempotency-Key for the API's writes (IETF draft "The Idempotency-Key HTTP Header Field").
// Exactly once needs the key recorded in the same transaction as the write: the HTTP layer runs the
// handler inside `idempotencyScope`, and the store's transaction helper inserts the key row as the
// first statement of the request's first transaction (so it commits or rolls back with the write).
// The answer is stored right after, for retries to replay.
import { AsyncLocalStorage } from 'node:async_hooks';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface IdempotencyClaim {
  userId: string;
  key: string;
  requestHash: string;
  now: Date;
  /** Set once a transaction holding the key row committed. */
  claimed: boolean;
}

export const idempotencyScope = new AsyncLocalStorage<IdempotencyClaim>();

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
