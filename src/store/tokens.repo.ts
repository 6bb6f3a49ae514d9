// SQL for the mailed single-use tokens (e-mail verification, password reset, e-mail change).
import type { TokenPurpose, TokenRecord, TokensRepo } from '../core/accounts/ports.js';
import type { Queryable } from './db.js';
import { sql } from './sql.js';

type Row = Record<string, unknown>;

function toToken(r: Row): TokenRecord {
  return {
    purpose: r.purpose as TokenPurpose,
    userId: r.user_id as string,
    email: r.email as string,
    createdAt: r.created_at as Date,
    expiresAt: r.expires_at as Date,
  };
}

export function tokensRepo(q: Queryable): TokensRepo {
  return {
    async insert(t) {
      await q.query(sql`
        INSERT INTO user_tokens (token_hash, purpose, user_id, email, created_at, expires_at)
        VALUES (${t.tokenHash}, ${t.purpose}, ${t.userId}, ${t.email}, ${t.createdAt}, ${t.expiresAt})`);
    },
    async consume(tokenHash, purpose, now) {
      const [r] = await q.query(sql`
        UPDATE user_tokens SET used_at = ${now}
         WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
         RETURNING purpose, user_id, email, created_at, expires_at`);
      return r && toToken(r);
    },
    async findLive(tokenHash, purpose, now) {
      const [r] = await q.query(sql`
        SELECT purpose, user_id, email, created_at, expires_at FROM user_tokens
         WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}`);
      return r && toToken(r);
    },
    async invalidate(userId, purpose, now) {
      await q.query(sql`UPDATE user_tokens SET used_at = ${now} WHERE user_id = ${userId} AND purpose = ${purpose} AND used_at IS NULL`);
    },
    async deleteExpired(now) {
      return (await q.query(sql`DELETE FROM user_tokens WHERE expires_at <= ${now} RETURNING purpose`)).length;
    },
  };
}
