import { fail } from '../core/errors.js';
import { IDEMPOTENCY_TTL_MS, type IdempotencyClaim, type IdempotencyStore } from '../core/idempotency.js';
import type { Db, Queryable } from './db.js';

/** The first statement of a request's transaction when it carries an Idempotency-Key. */
export async function insertIdempotencyKey(tx: Queryable, claim: IdempotencyClaim): Promise<void> {
  // An expired key not purged yet is taken over, as if the maintenance pass had already run.
  const taken = await tx.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL, body = NULL,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
     RETURNING 1`,
    [claim.userId, claim.key, claim.requestHash, claim.now, new Date(claim.now.getTime() + IDEMPOTENCY_TTL_MS)],
  );
  // Another request with this key committed first (or was committing: the INSERT waited for it).
  if (taken.length === 0) fail('idempotency.in_progress', { retryAfterSeconds: 1, detail: `key ${claim.key}` });
}

export function idempotencyStore(db: Db): IdempotencyStore {
  return {
    async find(userId, key, now) {
      const [r] = await db.query<{ request_hash: string; status: number | null; content_type: string | null; body: string | null; created_at: Date }>(
        `SELECT request_hash, status, content_type, body, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND expires_at > $3`,
        [userId, key, now],
      );
      return r && { requestHash: r.request_hash, status: r.status, contentType: r.content_type, body: r.body, createdAt: new Date(r.created_at) };
    },
    async record(userId, key, answer) {
      await db.query(`UPDATE idempotency_keys SET status = $3, content_type = $4, body = $5 WHERE user_id = $1 AND key = $2 AND status IS NULL`,
        [userId, key, answer.status, answer.contentType, answer.body]);
    },
    async deleteExpired(now) {
      return (await db.query(`DELETE FROM idempotency_keys WHERE expires_at <= $1 RETURNING key`, [now])).length;
    },
  };
}
