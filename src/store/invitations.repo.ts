// SQL for invitations. Organization-scoped reads name the organization; the token and the
// invitee's own list are the two ways in that do not (the caller then checks the address).
import type { Queryable } from './db.js';
import { containsPattern, inviterOf } from './sql-text.js';
import type { InvitationRecord, InvitationStatus, InvitationsRepo } from '../core/invitations/ports.js';

type Row = Record<string, unknown>;

const select = `
  SELECT i.id, i.org_id, o.name AS org_name, i.email, i.role_id, r.name AS role_name, i.all_devices, i.device_ids, i.message,
         i.invited_by, u.first_name AS invited_by_first_name, u.last_name AS invited_by_last_name,
         i.delivery, i.status, i.created_at, i.expires_at
    FROM invitations i
    JOIN organizations o ON o.id = i.org_id
    JOIN roles r ON r.id = i.role_id
    LEFT JOIN users u ON u.id = i.invited_by`;

function toInvitation(r: Row): InvitationRecord {
  return {
    id: r.id as string,
    orgId: r.org_id as string,
    orgName: r.org_name as string,
    email: r.email as string,
    role: { id: r.role_id as string, name: r.role_name as string },
    allDevices: r.all_devices as boolean,
    deviceIds: (r.device_ids as string[] | null) ?? [],
    message: (r.message as string | null) ?? null,
    invitedBy: inviterOf(r),
    delivery: r.delivery as 'email' | 'link',
    status: r.status as InvitationStatus,
    createdAt: r.created_at as Date,
    expiresAt: (r.expires_at as Date | null) ?? null,
  };
}

/** Pending and not past its expiry at $n. */
const live = (n: number) => `i.status = 'pending' AND (i.expires_at IS NULL OR i.expires_at > $${n})`;

export function invitationsRepo(q: Queryable): InvitationsRepo {
  return {
    async insert(inv) {
      const rows = await q.query(
        `INSERT INTO invitations (id, org_id, email, role_id, all_devices, device_ids, message, invited_by, token_hash, delivery, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12)
         ON CONFLICT (org_id, email) WHERE status = 'pending' DO NOTHING RETURNING id`,
        [inv.id, inv.orgId, inv.email, inv.roleId, inv.allDevices, inv.deviceIds, inv.message, inv.invitedBy, inv.tokenHash, inv.delivery, inv.createdAt, inv.expiresAt],
      );
      return rows.length === 1;
    },
    async find(orgId, id) {
      const [r] = await q.query(`${select} WHERE i.org_id = $1 AND i.id = $2`, [orgId, id]);
      return r && toInvitation(r);
    },
    async findByTokenHash(tokenHash) {
      const [r] = await q.query(`${select} WHERE i.token_hash = $1`, [tokenHash]);
      return r && toInvitation(r);
    },
    async findById(id) {
      const [r] = await q.query(`${select} WHERE i.id = $1`, [id]);
      return r && toInvitation(r);
    },
    async expireStale(orgId, email, now) {
      await q.query(
        `UPDATE invitations SET status = 'expired', responded_at = expires_at
          WHERE org_id = $1 AND status = 'pending' AND expires_at <= $2 AND ($3::text IS NULL OR email = $3)`,
        [orgId, now, email ?? null],
      );
    },
    async transition(id, to, now, acceptedBy) {
      const rows = await q.query(
        `UPDATE invitations i SET status = $2, responded_at = $3, accepted_by = $4 WHERE i.id = $1 AND ${live(3)} RETURNING id`,
        [id, to, now, acceptedBy ?? null],
      );
      return rows.length === 1;
    },
    async replaceToken(id, tokenHash, expiresAt, delivery) {
      await q.query(`UPDATE invitations SET token_hash = $2, expires_at = $3, delivery = $4 WHERE id = $1`, [id, tokenHash, expiresAt, delivery]);
    },
    async list(orgId, query) {
      const params: unknown[] = [orgId];
      const where = ['i.org_id = $1'];
      if (query.status === 'pending' || query.status === 'expired') params.push(query.now);
      if (query.status === 'pending') where.push(live(2));
      else if (query.status === 'expired') where.push(`(i.status = 'expired' OR (i.status = 'pending' AND i.expires_at <= $2))`);
      else if (query.status) {
        params.push(query.status);
        where.push(`i.status = $${params.length}`);
      }
      if (query.before) {
        params.push(query.before);
        where.push(`i.id < $${params.length}`);
      }
      params.push(query.limit);
      const rows = await q.query(`${select} WHERE ${where.join(' AND ')} ORDER BY i.id DESC LIMIT $${params.length}`, params);
      return rows.map(toInvitation);
    },
    async listPending(orgId, query) {
      const params: unknown[] = [orgId, query.now];
      const where = ['i.org_id = $1', live(2)];
      if (query.roleId) {
        params.push(query.roleId);
        where.push(`i.role_id = $${params.length}`);
      }
      if (query.q) {
        params.push(containsPattern(query.q));
        where.push(`i.email LIKE lower($${params.length})`);
      }
      if (query.after) {
        params.push(query.after.key, query.after.id);
        where.push(`(i.email, i.id) ${query.order === 'asc' ? '>' : '<'} ($${params.length - 1}, $${params.length})`);
      }
      params.push(query.limit);
      const dir = query.order === 'asc' ? 'ASC' : 'DESC';
      const rows = await q.query(`${select} WHERE ${where.join(' AND ')} ORDER BY i.email ${dir}, i.id ${dir} LIMIT $${params.length}`, params);
      return rows.map(toInvitation);
    },
    async listPendingForEmail(email, now) {
      const rows = await q.query(`${select} WHERE i.email = $1 AND ${live(2)} ORDER BY i.id DESC LIMIT 200`, [email, now]);
      return rows.map(toInvitation);
    },
    async rememberForSignup(userId, invitationId) {
      await q.query(`UPDATE users SET signup_invitation_id = $2 WHERE id = $1`, [userId, invitationId]);
    },
    async takeSignupInvitation(userId) {
      const [r] = await q.query<{ id: string | null }>(
        `UPDATE users u SET signup_invitation_id = NULL FROM (SELECT id, signup_invitation_id FROM users WHERE id = $1 FOR UPDATE) old
          WHERE u.id = old.id RETURNING old.signup_invitation_id AS id`,
        [userId],
      );
      return r?.id ?? undefined;
    },
  };
}
