import { fail } from '../core/errors.js';
import { IDEMPOTENCY_TTL_MS, type IdempotencyClaim, type IdempotencyStore } from '../core/idempotency.js';
import { isUniqueViolation, type Db, type Queryable } from './db.js';

/** The first statement of a request's transaction when it carries an Idempotency-Key. */
export async function insertIdempotencyKey(tx: Queryable, claim: IdempotencyClaim): Promise<void> {
  try {
    await tx.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [claim.userId, claim.key, claim.requestHash, claim.now, new Date(claim.now.getTime() + IDEMPOTENCY_TTL_MS)],
    );
  } catch (e) {
    // Another request with this key committed first (or is committing: the INSERT waited for it).
    if (isUniqueViolation(e)) fail('idempotency.in_progress', { retryAfterSeconds: 1, detail: `key ${claim.key}` });
    throw e;
  }
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
