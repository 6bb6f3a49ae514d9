// SQL for users: the `users` table and nothing else (sessions, tokens and memberships go with a
// deleted user by their foreign keys, not by code here).
import { fail } from '../core/errors.js';
import type { UserRecord, UsersRepo } from '../core/accounts/ports.js';
import type { Queryable } from './db.js';
import { join, raw, sql, type Sql } from './sql.js';
import { isUniqueViolation } from './store-errors.js';

type Row = Record<string, unknown>;

const columns = raw(`id, email, first_name, last_name, password_hash, email_verified_at, active_org_id, locale, created_at`);

function toUser(r: Row): UserRecord {
  return {
    id: r.id as string,
    email: r.email as string,
    firstName: r.first_name as string,
    lastName: r.last_name as string,
    passwordHash: r.password_hash as string,
    emailVerifiedAt: (r.email_verified_at as Date | null) ?? null,
    activeOrgId: (r.active_org_id as string | null) ?? null,
    locale: r.locale as UserRecord['locale'],
    createdAt: r.created_at as Date,
  };
}

/** The columns `update` may set, by record field. */
const patchColumns = {
  firstName: 'first_name',
  lastName: 'last_name',
  passwordHash: 'password_hash',
  emailVerifiedAt: 'email_verified_at',
  activeOrgId: 'active_org_id',
  locale: 'locale',
} as const;

export function usersRepo(q: Queryable): UsersRepo {
  const one = async (where: Sql) => {
    const [r] = await q.query(sql`SELECT ${columns} FROM users WHERE ${where}`);
    return r && toUser(r);
  };
  return {
    async insert(u) {
      // ON CONFLICT rather than catching the violation: inside a transaction an error would abort it.
      const rows = await q.query(sql`
        INSERT INTO users (id, email, first_name, last_name, password_hash, email_verified_at, active_org_id, locale, created_at, updated_at)
        VALUES (${u.id}, ${u.email}, ${u.firstName}, ${u.lastName}, ${u.passwordHash}, ${u.emailVerifiedAt}, ${u.activeOrgId}, ${u.locale}, ${u.createdAt}, ${u.createdAt})
        ON CONFLICT (email) DO NOTHING RETURNING id`);
      return rows.length === 1;
    },
    findById: (id) => one(sql`id = ${id}`),
    findByEmail: (email) => one(sql`email = ${email}`),
    lock: (id) => one(sql`id = ${id} FOR UPDATE`),
    async lockMany(ids) {
      const rows = await q.query<{ id: string }>(sql`SELECT id FROM users WHERE id = ANY(${[...ids]}::text[]) ORDER BY id FOR UPDATE`);
      return rows.map((r) => r.id);
    },
    async update(id, patch, now) {
      const sets = Object.entries(patchColumns)
        .filter(([key]) => patch[key as keyof typeof patch] !== undefined)
        .map(([key, column]) => sql`${raw(column)} = ${patch[key as keyof typeof patch]}`);
      if (sets.length === 0) return;
      await q.query(sql`UPDATE users SET ${join(sets, ', ')}, updated_at = ${now} WHERE id = ${id}`);
    },
    async changeEmail(id, email, now) {
      try {
        await q.query(sql`UPDATE users SET email = ${email}, email_verified_at = ${now}, updated_at = ${now} WHERE id = ${id}`);
      } catch (e) {
        // The transaction is aborted either way; the caller's whole change is rolled back.
        if (isUniqueViolation(e, 'users_email_key')) fail('account.email_taken');
        throw e;
      }
    },
    async delete(id) {
      await q.query(sql`DELETE FROM users WHERE id = ${id}`);
    },
    async listUnverifiedWithoutLink(createdBefore, now, limit) {
      const rows = await q.query<{ id: string }>(sql`
        SELECT u.id FROM users u
         WHERE u.email_verified_at IS NULL AND u.created_at <= ${createdBefore}
           AND NOT EXISTS (SELECT 1 FROM user_tokens t
                            WHERE t.user_id = u.id AND t.purpose = 'verify_email' AND t.used_at IS NULL AND t.expires_at > ${now})
         ORDER BY u.created_at LIMIT ${limit}`);
      return rows.map((r) => r.id);
    },
    async rememberSignupInvitation(userId, invitationId) {
      await q.query(sql`UPDATE users SET signup_invitation_id = ${invitationId} WHERE id = ${userId}`);
    },
    async takeSignupInvitation(userId) {
      const [r] = await q.query<{ id: string | null }>(sql`
        UPDATE users u SET signup_invitation_id = NULL
          FROM (SELECT id, signup_invitation_id FROM users WHERE id = ${userId} FOR UPDATE) old
         WHERE u.id = old.id RETURNING old.signup_invitation_id AS id`);
      return r?.id ?? undefined;
    },
  };
}
