// SQL for Idempotency-Key rows (core/idempotency.ts): claimed in the transaction of a write (by the
// unit of work, unit-of-work.ts), answered and looked up by the HTTP layer, purged when expired.
import { fail } from '../core/errors.js';
import { IDEMPOTENCY_TTL_MS, type IdempotencyClaim, type IdempotencyStore } from '../core/idempotency.js';
import type { Db, Queryable } from './db.js';
import { sql } from './sql.js';

/** The first statement of a write's transaction when its request carries an Idempotency-Key. */
export async function claimIdempotencyKey(tx: Queryable, claim: IdempotencyClaim): Promise<void> {
  // An expired key not purged yet is taken over, as if the maintenance pass had already run.
  const taken = await tx.query(sql`
    INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, expires_at)
    VALUES (${claim.userId}, ${claim.key}, ${claim.requestHash}, ${claim.now}, ${new Date(claim.now.getTime() + IDEMPOTENCY_TTL_MS)})
    ON CONFLICT (user_id, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL, body = NULL,
          created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
      WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
    RETURNING 1`);
  // Another request with this key committed first (or was committing: the INSERT waited for it).
  if (taken.length === 0) fail('idempotency.in_progress', { retryAfterSeconds: 1, detail: `key ${claim.key}` });
}

export function idempotencyStore(db: Db): IdempotencyStore {
  return {
    async find(userId, key, now) {
      const [r] = await db.query<{
        request_hash: string;
        status: number | null;
        content_type: string | null;
        body: string | null;
        created_at: Date;
      }>(sql`
        SELECT request_hash, status, content_type, body, created_at FROM idempotency_keys
         WHERE user_id = ${userId} AND key = ${key} AND expires_at > ${now}`);
      return (
        r && { requestHash: r.request_hash, status: r.status, contentType: r.content_type, body: r.body, createdAt: new Date(r.created_at) }
      );
    },
    async record(userId, key, answer) {
      await db.query(sql`
        UPDATE idempotency_keys SET status = ${answer.status}, content_type = ${answer.contentType}, body = ${answer.body}
         WHERE user_id = ${userId} AND key = ${key} AND status IS NULL`);
    },
    async deleteExpired(now) {
      return (await db.query(sql`DELETE FROM idempotency_keys WHERE expires_at <= ${now} RETURNING key`)).length;
    },
  };
}
