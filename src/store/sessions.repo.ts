// SQL for sessions (the UI's and API's sign-ins).
import type { SessionRecord, SessionsRepo } from '../core/accounts/ports.js';
import type { Queryable } from './db.js';
import { sql } from './sql.js';

type Row = Record<string, unknown>;

function toSession(r: Row): SessionRecord {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    createdAt: r.created_at as Date,
    lastSeenAt: r.last_seen_at as Date,
    expiresAt: r.expires_at as Date,
    amr: (r.amr as string[] | null) ?? ['pwd'],
  };
}

export function sessionsRepo(q: Queryable): SessionsRepo {
  return {
    async insert(s) {
      await q.query(sql`
        INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent, amr)
        VALUES (${s.id}, ${s.tokenHash}, ${s.userId}, ${s.createdAt}, ${s.lastSeenAt}, ${s.expiresAt}, ${s.ip}, ${s.userAgent}, ${[...s.amr]}::text[])`);
    },
    async findByTokenHash(tokenHash) {
      const [r] = await q.query(
        sql`SELECT id, user_id, created_at, last_seen_at, expires_at, amr FROM sessions WHERE token_hash = ${tokenHash}`,
      );
      return r && toSession(r);
    },
    async touch(id, now) {
      await q.query(sql`UPDATE sessions SET last_seen_at = ${now} WHERE id = ${id} AND last_seen_at < ${now}`);
    },
    async addMethod(id, method) {
      await q.query(sql`UPDATE sessions SET amr = array_append(amr, ${method}) WHERE id = ${id} AND NOT (${method} = ANY(amr))`);
    },
    async delete(id) {
      await q.query(sql`DELETE FROM sessions WHERE id = ${id}`);
    },
    async deleteAllOfUser(userId, exceptSessionId) {
      const rows = await q.query(
        sql`DELETE FROM sessions WHERE user_id = ${userId} AND id IS DISTINCT FROM ${exceptSessionId ?? null} RETURNING id`,
      );
      return rows.length;
    },
    async deleteExpired(now, idleTtlMs) {
      const rows = await q.query(
        sql`DELETE FROM sessions WHERE expires_at <= ${now} OR last_seen_at <= ${new Date(now.getTime() - idleTtlMs)} RETURNING id`,
      );
      return rows.length;
    },
  };
}
