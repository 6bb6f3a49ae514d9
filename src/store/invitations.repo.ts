// SQL for invitations. Organization-scoped reads name the organization; the token and the
// invitee's own list are the two ways in that do not (the caller then checks the address).
import type { InvitationRecord, InvitationsRepo, InvitationStatus } from '../core/invitations/ports.js';
import type { Queryable } from './db.js';
import { join, raw, sql, type Sql } from './sql.js';
import { containsPattern, inviterOf } from './sql-text.js';

type Row = Record<string, unknown>;

const select = raw(`
  SELECT i.id, i.org_id, o.name AS org_name, i.email, i.role_id, r.name AS role_name, i.all_devices, i.device_ids, i.resource_access, i.message,
         i.invited_by, u.first_name AS invited_by_first_name, u.last_name AS invited_by_last_name,
         i.delivery, i.status, i.created_at, i.expires_at
    FROM invitations i
    JOIN organizations o ON o.id = i.org_id
    JOIN roles r ON r.id = i.role_id
    LEFT JOIN users u ON u.id = i.invited_by`);

function toInvitation(r: Row): InvitationRecord {
  return {
    id: r.id as string,
    orgId: r.org_id as string,
    orgName: r.org_name as string,
    email: r.email as string,
    role: { id: r.role_id as string, name: r.role_name as string },
    allDevices: r.all_devices as boolean,
    deviceIds: (r.device_ids as string[] | null) ?? [],
    resourceAccess: (r.resource_access as Record<string, { all: boolean; ids: string[] }> | null) ?? {},
    message: (r.message as string | null) ?? null,
    invitedBy: inviterOf(r),
    delivery: r.delivery as 'email' | 'link',
    status: r.status as InvitationStatus,
    createdAt: r.created_at as Date,
    expiresAt: (r.expires_at as Date | null) ?? null,
  };
}

/** Pending and not past its expiry at `now`. */
const live = (now: Date) => sql`i.status = 'pending' AND (i.expires_at IS NULL OR i.expires_at > ${now})`;

export function invitationsRepo(q: Queryable): InvitationsRepo {
  const many = async (statement: Sql) => (await q.query(statement)).map(toInvitation);
  const one = async (statement: Sql) => {
    const [r] = await q.query(statement);
    return r && toInvitation(r);
  };
  return {
    async insert(inv) {
      const rows = await q.query(sql`
        INSERT INTO invitations (id, org_id, email, role_id, all_devices, device_ids, resource_access, message, invited_by, token_hash, delivery, status, created_at, expires_at)
        VALUES (${inv.id}, ${inv.orgId}, ${inv.email}, ${inv.roleId}, ${inv.allDevices}, ${inv.deviceIds}, ${JSON.stringify(inv.resourceAccess)}::jsonb, ${inv.message}, ${inv.invitedBy},
                ${inv.tokenHash}, ${inv.delivery}, 'pending', ${inv.createdAt}, ${inv.expiresAt})
        ON CONFLICT (org_id, email) WHERE status = 'pending' DO NOTHING RETURNING id`);
      return rows.length === 1;
    },
    find: (orgId, id) => one(sql`${select} WHERE i.org_id = ${orgId} AND i.id = ${id}`),
    findByTokenHash: (tokenHash) => one(sql`${select} WHERE i.token_hash = ${tokenHash}`),
    findById: (id) => one(sql`${select} WHERE i.id = ${id}`),
    async expireStale(orgId, email, now) {
      await q.query(sql`
        UPDATE invitations SET status = 'expired', responded_at = expires_at
         WHERE org_id = ${orgId} AND status = 'pending' AND expires_at <= ${now} AND (${email ?? null}::text IS NULL OR email = ${email ?? null})`);
    },
    async deleteFinishedOfRole(orgId, roleId) {
      await q.query(sql`DELETE FROM invitations WHERE org_id = ${orgId} AND role_id = ${roleId} AND status <> 'pending'`);
    },
    async transition(id, to, now, acceptedBy) {
      const rows = await q.query(sql`
        UPDATE invitations i SET status = ${to}, responded_at = ${now}, accepted_by = ${acceptedBy ?? null}
         WHERE i.id = ${id} AND ${live(now)} RETURNING id`);
      return rows.length === 1;
    },
    async replaceToken(id, tokenHash, expiresAt, delivery) {
      await q.query(
        sql`UPDATE invitations SET token_hash = ${tokenHash}, expires_at = ${expiresAt}, delivery = ${delivery} WHERE id = ${id}`,
      );
    },
    list(orgId, query) {
      const where = [sql`i.org_id = ${orgId}`];
      if (query.status === 'pending') where.push(live(query.now));
      else if (query.status === 'expired')
        where.push(sql`(i.status = 'expired' OR (i.status = 'pending' AND i.expires_at <= ${query.now}))`);
      else if (query.status) where.push(sql`i.status = ${query.status}`);
      if (query.before) where.push(sql`i.id < ${query.before}`);
      return many(sql`${select} WHERE ${join(where, ' AND ')} ORDER BY i.id DESC LIMIT ${query.limit}`);
    },
    listPending(orgId, query) {
      const where = [sql`i.org_id = ${orgId}`, live(query.now)];
      if (query.roleId) where.push(sql`i.role_id = ${query.roleId}`);
      if (query.q) where.push(sql`i.email LIKE lower(${containsPattern(query.q)})`);
      if (query.after) where.push(sql`(i.email, i.id) ${raw(query.order === 'asc' ? '>' : '<')} (${query.after.key}, ${query.after.id})`);
      const dir = raw(query.order === 'asc' ? 'ASC' : 'DESC');
      return many(sql`${select} WHERE ${join(where, ' AND ')} ORDER BY i.email ${dir}, i.id ${dir} LIMIT ${query.limit}`);
    },
    listPendingForEmail: (email, now) => many(sql`${select} WHERE i.email = ${email} AND ${live(now)} ORDER BY i.id DESC LIMIT 200`),
  };
}
