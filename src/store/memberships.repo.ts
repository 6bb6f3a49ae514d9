// SQL for memberships: who belongs to which organization with which role, and each member's
// device access (the `all_devices` flag and the explicit set in `member_devices`). Every query
// names the organization. Reads join users and roles for the views they return; writes touch
// only these two tables.
import type { MemberAccess, MemberRecord, MemberSort, MembershipsRepo, MembershipSummary } from '../core/organizations/ports.js';
import type { Queryable } from './db.js';
import { join, raw, sql, type Sql } from './sql.js';
import { containsPattern, inviterOf, permissionsOf } from './sql-text.js';

type Row = Record<string, unknown>;

function toSummary(r: Row): MembershipSummary {
  return {
    orgId: r.org_id as string,
    orgName: r.org_name as string,
    roleId: r.role_id as string,
    roleName: r.role_name as string,
    joinedAt: r.joined_at as Date,
  };
}

function toMember(r: Row): MemberRecord {
  return {
    userId: r.user_id as string,
    email: r.email as string,
    firstName: r.first_name as string,
    lastName: r.last_name as string,
    role: { id: r.role_id as string, name: r.role_name as string },
    joinedAt: r.joined_at as Date,
    allDevices: r.all_devices as boolean,
    invitedBy: inviterOf(r),
  };
}

const summarySelect = raw(`
  SELECT m.org_id, o.name AS org_name, m.role_id, r.name AS role_name, m.joined_at
    FROM memberships m JOIN organizations o ON o.id = m.org_id JOIN roles r ON r.id = m.role_id`);

const memberSelect = raw(`
  SELECT m.user_id, u.email, u.first_name, u.last_name, m.role_id, r.name AS role_name, m.joined_at, m.all_devices,
         m.invited_by, i.first_name AS invited_by_first_name, i.last_name AS invited_by_last_name`);
const memberFrom = raw(`
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    JOIN roles r ON r.id = m.role_id
    LEFT JOIN users i ON i.id = m.invited_by`);

/** The column holding each sort order's key (see migration 002). */
const sortColumn: Record<MemberSort, Sql> = {
  firstName: raw('m.first_name_key'),
  lastName: raw('m.last_name_key'),
  email: raw('m.email_key'),
  role: raw('m.role_key'),
  joinedAt: raw('m.joined_at'),
};

export function membershipsRepo(q: Queryable): MembershipsRepo {
  const ids = async (statement: Sql) => (await q.query<{ id: string }>(statement)).map((r) => r.id);
  return {
    async insert(m) {
      await q.query(sql`
        INSERT INTO memberships (org_id, user_id, role_id, joined_at, invited_by, all_devices)
        VALUES (${m.orgId}, ${m.userId}, ${m.roleId}, ${m.joinedAt}, ${m.invitedBy}, ${m.allDevices ?? false})`);
    },
    async listOfUser(userId) {
      return (await q.query(sql`${summarySelect} WHERE m.user_id = ${userId} ORDER BY lower(o.name), m.org_id`)).map(toSummary);
    },
    async findOne(orgId, userId) {
      const [r] = await q.query(sql`${summarySelect} WHERE m.org_id = ${orgId} AND m.user_id = ${userId}`);
      return r && toSummary(r);
    },
    async findAccess(orgId, userId) {
      const [r] = await q.query(sql`
        SELECT m.role_id, r.name AS role_name, m.all_devices,
               coalesce(array_agg(rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}') AS permissions,
               (SELECT require_mfa FROM organizations WHERE id = ${orgId}) AS require_mfa
          FROM memberships m JOIN roles r ON r.id = m.role_id LEFT JOIN role_permissions rp ON rp.role_id = m.role_id
         WHERE m.org_id = ${orgId} AND m.user_id = ${userId}
         GROUP BY m.role_id, r.name, m.all_devices`);
      if (!r) return undefined;
      return {
        orgId,
        userId,
        roleId: r.role_id as string,
        roleName: r.role_name as string,
        isAdmin: r.role_id === 'admin',
        allDevices: r.all_devices as boolean,
        permissions: new Set(permissionsOf(r.permissions)),
        orgRequiresMfa: r.require_mfa === true,
      } satisfies MemberAccess;
    },
    async get(orgId, userId) {
      const [r] = await q.query(sql`${memberSelect} ${memberFrom} WHERE m.org_id = ${orgId} AND m.user_id = ${userId}`);
      return r && toMember(r);
    },
    async list(orgId, query) {
      const column = sortColumn[query.sort];
      const where = [sql`m.org_id = ${orgId}`];
      if (query.roleId) where.push(sql`m.role_id = ${query.roleId}`);
      if (query.q) {
        const p = containsPattern(query.q);
        where.push(sql`(m.first_name_key LIKE lower(${p}) OR m.last_name_key LIKE lower(${p}) OR m.email_key LIKE lower(${p})
                        OR (m.first_name_key || ' ' || m.last_name_key) LIKE lower(${p}))`);
      }
      if (query.after) {
        const key = query.sort === 'joinedAt' ? sql`${query.after.key}::timestamptz` : sql`${query.after.key}`;
        where.push(sql`(${column}, m.user_id) ${raw(query.order === 'asc' ? '>' : '<')} (${key}, ${query.after.userId})`);
      }
      const dir = raw(query.order === 'asc' ? 'ASC' : 'DESC');
      const rows = await q.query(sql`
        ${memberSelect}, ${column} AS cursor_key ${memberFrom}
         WHERE ${join(where, ' AND ')}
         ORDER BY ${column} ${dir}, m.user_id ${dir}
         LIMIT ${query.limit}`);
      return rows.map((r) => ({
        ...toMember(r),
        cursorKey: r.cursor_key instanceof Date ? r.cursor_key.toISOString() : (r.cursor_key as string),
      }));
    },
    async setRole(orgId, userId, roleId) {
      await q.query(sql`UPDATE memberships SET role_id = ${roleId} WHERE org_id = ${orgId} AND user_id = ${userId}`);
    },
    async delete(orgId, userId) {
      // The member's explicit device set goes with it (foreign key).
      await q.query(sql`DELETE FROM memberships WHERE org_id = ${orgId} AND user_id = ${userId}`);
    },
    async countAdmins(orgId) {
      const [r] = await q.query<{ n: number }>(sql`SELECT count(*) AS n FROM memberships WHERE org_id = ${orgId} AND role_id = 'admin'`);
      return r!.n;
    },
    orgIdsOfUser: (userId) => ids(sql`SELECT org_id AS id FROM memberships WHERE user_id = ${userId} ORDER BY org_id`),
    userIdsOfOrg: (orgId) => ids(sql`SELECT user_id AS id FROM memberships WHERE org_id = ${orgId} ORDER BY user_id`),

    async hasDevice(orgId, userId, deviceId) {
      const rows = await q.query(
        sql`SELECT 1 FROM member_devices WHERE org_id = ${orgId} AND user_id = ${userId} AND device_id = ${deviceId}`,
      );
      return rows.length === 1;
    },
    deviceIdsOf: (orgId, userId) =>
      ids(sql`SELECT device_id AS id FROM member_devices WHERE org_id = ${orgId} AND user_id = ${userId} ORDER BY device_id`),
    async grantDevices(orgId, userId, deviceIds) {
      await q.query(sql`
        INSERT INTO member_devices (org_id, user_id, device_id) SELECT ${orgId}, ${userId}, unnest(${[...deviceIds]}::text[])
        ON CONFLICT DO NOTHING`);
    },
    async setDeviceAccess(orgId, userId, allDevices, deviceIds) {
      await q.query(sql`UPDATE memberships SET all_devices = ${allDevices} WHERE org_id = ${orgId} AND user_id = ${userId}`);
      await q.query(sql`DELETE FROM member_devices WHERE org_id = ${orgId} AND user_id = ${userId}`);
      if (deviceIds.length > 0) {
        await q.query(
          sql`INSERT INTO member_devices (org_id, user_id, device_id) SELECT ${orgId}, ${userId}, unnest(${[...deviceIds]}::text[])`,
        );
      }
    },
    devicePage: (orgId, userId, after, limit) =>
      ids(sql`SELECT device_id AS id FROM member_devices WHERE org_id = ${orgId} AND user_id = ${userId} AND device_id > ${after ?? ''}
              ORDER BY device_id LIMIT ${limit}`),
  };
}
