// SQL for the core's repositories. The mapping between snake_case columns and camelCase records
// lives here and nowhere else. Every query of organization-owned data names the organization.
import type { Db, Queryable, Tx } from './db.js';
import { isUniqueViolation } from './db.js';
import type {
  MembershipSummary, Repos, SessionRecord, Store, TokenPurpose, TokenRecord, UserRecord,
} from '../core/ports.js';
import { newId } from '../core/clock-random.js';
import { fail } from '../core/errors.js';
import { invitationsRepo } from './invitations.repo.js';
import { devicesRepo, serviceClientsRepo } from './devices.repo.js';
import type { AuthzDelta } from '../core/authz/decision-index.js';
import { auditRepo, membershipsRepo, organizationsRepo, rolesRepo } from './organizations.repo.js';
import { oidcAccountStateRepo } from './oidc.repo.js';

type Row = Record<string, unknown>;

const userCols = `id, email, first_name, last_name, password_hash, email_verified_at, active_org_id, created_at`;
function toUser(r: Row): UserRecord {
  return {
    id: r.id as string,
    email: r.email as string,
    firstName: r.first_name as string,
    lastName: r.last_name as string,
    passwordHash: r.password_hash as string,
    emailVerifiedAt: (r.email_verified_at as Date | null) ?? null,
    activeOrgId: (r.active_org_id as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

function toSession(r: Row): SessionRecord {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    createdAt: r.created_at as Date,
    lastSeenAt: r.last_seen_at as Date,
    expiresAt: r.expires_at as Date,
  };
}

function toToken(r: Row): TokenRecord {
  return {
    purpose: r.purpose as TokenPurpose,
    userId: r.user_id as string,
    email: r.email as string,
    createdAt: r.created_at as Date,
    expiresAt: r.expires_at as Date,
  };
}

function toMembership(r: Row): MembershipSummary {
  return {
    orgId: r.org_id as string,
    orgName: r.org_name as string,
    roleId: r.role_id as string,
    roleName: r.role_name as string,
    joinedAt: r.joined_at as Date,
  };
}

const userPatchColumns = {
  firstName: 'first_name',
  lastName: 'last_name',
  passwordHash: 'password_hash',
  emailVerifiedAt: 'email_verified_at',
  activeOrgId: 'active_org_id',
} as const;

export interface StoreHooks {
  /** A message entered the outbox (after commit): wake the mail worker. */
  onMailEnqueued: () => void;
  /** An organization's members, roles, devices or device access changed (after commit). */
  onAuthzChanged: (orgId: string, version: number | undefined, delta?: AuthzDelta) => void;
}

export const AUTHZ_CHANNEL = 'gatehouse_authz';

export function makeRepos(q: Queryable, hooks: StoreHooks, afterCommit: (cb: () => void) => void): Repos {
  const { onMailEnqueued } = hooks;
  /**
   * Every write that changes what `/authz/*` answers calls this: the NOTIFY is delivered to the other
   * instances when (and only if) the transaction commits; this instance drops its index right after
   * the COMMIT, before the request that wrote answers.
   */
  async function authzChanged(orgId: string, delta?: AuthzDelta) {
    // Raising the version also takes the organization row's lock: authorization changes of one
    // organization commit one after another, so versions are gap-free and in commit order.
    const [row] = await q.query<{ authz_version: number }>(
      `UPDATE organizations SET authz_version = authz_version + 1 WHERE id = $1 RETURNING authz_version`, [orgId]);
    const version = row ? Number(row.authz_version) : undefined;
    await q.query(`SELECT pg_notify('${AUTHZ_CHANNEL}', $1)`, [version === undefined ? orgId : `${orgId}:${version}`]);
    afterCommit(() => hooks.onAuthzChanged(orgId, version, delta));
  }
  return {
    users: {
      async insert(u) {
        // ON CONFLICT rather than catching the violation: inside a transaction an error would abort it.
        const rows = await q.query(
          `INSERT INTO users (id, email, first_name, last_name, password_hash, email_verified_at, active_org_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [u.id, u.email, u.firstName, u.lastName, u.passwordHash, u.emailVerifiedAt, u.activeOrgId, u.createdAt],
        );
        return rows.length === 1;
      },
      async findById(id) {
        const [r] = await q.query(`SELECT ${userCols} FROM users WHERE id = $1`, [id]);
        return r && toUser(r);
      },
      async findByEmail(email) {
        const [r] = await q.query(`SELECT ${userCols} FROM users WHERE email = $1`, [email]);
        return r && toUser(r);
      },
      async lock(id) {
        const [r] = await q.query(`SELECT ${userCols} FROM users WHERE id = $1 FOR UPDATE`, [id]);
        return r && toUser(r);
      },
      async lockMany(ids) {
        const rows = await q.query<{ id: string }>(`SELECT id FROM users WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [[...ids]]);
        return rows.map((r) => r.id);
      },
      async update(id, patch, now) {
        const sets: string[] = [];
        const params: unknown[] = [id, now];
        for (const [key, column] of Object.entries(userPatchColumns)) {
          const value = patch[key as keyof typeof patch];
          if (value !== undefined) {
            params.push(value);
            sets.push(`${column} = $${params.length}`);
          }
        }
        if (sets.length === 0) return;
        await q.query(`UPDATE users SET ${sets.join(', ')}, updated_at = $2 WHERE id = $1`, params);
      },
      async changeEmail(id, email, now) {
        try {
          await q.query(`UPDATE users SET email = $2, email_verified_at = $3, updated_at = $3 WHERE id = $1`, [id, email, now]);
        } catch (e) {
          // The transaction is aborted either way; the caller's whole change is rolled back.
          if (isUniqueViolation(e, 'users_email_key')) fail('account.email_taken');
          throw e;
        }
      },
      async delete(id) {
        const orgs = await q.query<{ org_id: string }>(`DELETE FROM memberships WHERE user_id = $1 RETURNING org_id`, [id]);
        for (const o of orgs) await authzChanged(o.org_id);
        await q.query(`DELETE FROM users WHERE id = $1`, [id]);
      },
    },

    sessions: {
      async insert(s) {
        await q.query(
          `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [s.id, s.tokenHash, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.ip, s.userAgent],
        );
      },
      async findByTokenHash(tokenHash) {
        const [r] = await q.query(`SELECT id, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = $1`, [tokenHash]);
        return r && toSession(r);
      },
      async touch(id, now) {
        await q.query(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2`, [id, now]);
      },
      async delete(id) {
        await q.query(`DELETE FROM sessions WHERE id = $1`, [id]);
      },
      async deleteAllOfUser(userId, exceptSessionId) {
        const rows = await q.query(
          `DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id`,
          [userId, exceptSessionId ?? null],
        );
        return rows.length;
      },
      async deleteExpired(now, idleTtlMs) {
        const rows = await q.query(
          `DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING id`,
          [now, new Date(now.getTime() - idleTtlMs)],
        );
        return rows.length;
      },
    },

    tokens: {
      async insert(t) {
        await q.query(
          `INSERT INTO user_tokens (token_hash, purpose, user_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [t.tokenHash, t.purpose, t.userId, t.email, t.createdAt, t.expiresAt],
        );
      },
      async consume(tokenHash, purpose, now) {
        const [r] = await q.query(
          `UPDATE user_tokens SET used_at = $3
            WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
            RETURNING purpose, user_id, email, created_at, expires_at`,
          [tokenHash, purpose, now],
        );
        return r && toToken(r);
      },
      async invalidate(userId, purpose, now) {
        await q.query(`UPDATE user_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose, now]);
      },
      async deleteExpired(now) {
        const rows = await q.query(`DELETE FROM user_tokens WHERE expires_at <= $1 RETURNING purpose`, [now]);
        return rows.length;
      },
    },

    organizations: organizationsRepo(q, authzChanged),

    memberships: {
      ...membershipsRepo(q, authzChanged),
      async insert(m) {
        await q.query(
          `INSERT INTO memberships (org_id, user_id, role_id, joined_at, invited_by, all_devices) VALUES ($1, $2, $3, $4, $5, $6)`,
          [m.orgId, m.userId, m.roleId, m.joinedAt, m.invitedBy, m.allDevices ?? false],
        );
        await authzChanged(m.orgId);
      },
      async listOfUser(userId) {
        const rows = await q.query(
          `SELECT m.org_id, o.name AS org_name, m.role_id, r.name AS role_name, m.joined_at
             FROM memberships m JOIN organizations o ON o.id = m.org_id JOIN roles r ON r.id = m.role_id
            WHERE m.user_id = $1 ORDER BY lower(o.name), m.org_id`,
          [userId],
        );
        return rows.map(toMembership);
      },
      async findOne(orgId, userId) {
        const [r] = await q.query(
          `SELECT m.org_id, o.name AS org_name, m.role_id, r.name AS role_name, m.joined_at
             FROM memberships m JOIN organizations o ON o.id = m.org_id JOIN roles r ON r.id = m.role_id
            WHERE m.org_id = $1 AND m.user_id = $2`,
          [orgId, userId],
        );
        return r && toMembership(r);
      },
    },

    roles: rolesRepo(q, authzChanged),
    devices: devicesRepo(q, authzChanged),
    serviceClients: serviceClientsRepo(q),
    invitations: invitationsRepo(q),
    audit: auditRepo(q),

    outbox: {
      async enqueue(mail, now) {
        const id = newId('msg');
        await q.query(
          `INSERT INTO outbox (id, kind, recipient, subject, text_body, html_body, links, created_at, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
          [id, mail.kind, mail.to, mail.subject, mail.text, mail.html, mail.links, now],
        );
        afterCommit(onMailEnqueued);
        return id;
      },
    },

    throttle: {
      async hit(key, now, windowMs) {
        const [r] = await q.query<{ count: number; window_start: Date }>(
          `INSERT INTO throttle_counters AS t (key, window_start, count) VALUES ($1, $2, 1)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN t.window_start <= $3 THEN 1 ELSE t.count + 1 END,
             window_start = CASE WHEN t.window_start <= $3 THEN $2 ELSE t.window_start END
           RETURNING count, window_start`,
          [key, now, new Date(now.getTime() - windowMs)],
        );
        return { count: r!.count, resetAt: new Date(r!.window_start.getTime() + windowMs) };
      },
      async refund(key) {
        await q.query(`UPDATE throttle_counters SET count = greatest(count - 1, 0) WHERE key = $1`, [key]);
      },
      async reset(key) {
        await q.query(`DELETE FROM throttle_counters WHERE key = $1`, [key]);
      },
      async deleteStale(now, maxWindowMs) {
        const rows = await q.query(`DELETE FROM throttle_counters WHERE window_start <= $1 RETURNING key`, [new Date(now.getTime() - maxWindowMs)]);
        return rows.length;
      },
    },

    // OpenID Connect state of a user, for credential events (oidc-sec: lives in oidc.repo.ts).
    oidc: oidcAccountStateRepo(q),
  };
}

export function makeStore(db: Db, hooks: StoreHooks): Store {
  return {
    repos: makeRepos(db, hooks, (cb) => cb()),
    transaction: (fn) =>
      db.transaction((tx: Tx) => {
        const afterCommit = (cb: () => void) => tx.afterCommit(cb);
        return fn(makeRepos(tx, hooks, afterCommit), afterCommit);
      }),
  };
}
