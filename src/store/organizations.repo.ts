// SQL for organizations, memberships, roles and the audit log. Every query of organization-owned
// data takes the organization id first and puts it in the WHERE clause.
import type { Queryable } from './db.js';
import { containsPattern, inviterOf } from './sql-text.js';
import type { AuthzDelta } from '../core/authz/decision-index.js';
import type { AuditRepo } from '../core/audit/ports.js';
import type { MemberRecord, MemberSort, MembershipsRepo, OrganizationsRepo } from '../core/organizations/ports.js';
import type { RoleRecord, RolesRepo } from '../core/roles/ports.js';
import { isPermission, PERMISSION_KEYS, type Permission } from '../core/authz/permissions.js';

type Row = Record<string, unknown>;

const catalogOrder = new Map<string, number>(PERMISSION_KEYS.map((k, i) => [k, i]));
/** Permissions as stored, in catalog order, dropping any key the running code does not know. */
function permissionsOf(value: unknown): Permission[] {
  return ((value as string[] | null) ?? []).filter(isPermission).sort((a, b) => catalogOrder.get(a)! - catalogOrder.get(b)!);
}

type AuthzChanged = (orgId: string, delta?: AuthzDelta) => Promise<void>;

export function organizationsRepo(q: Queryable, authzChanged: AuthzChanged): OrganizationsRepo {
  return {
    async insert(o) {
      await q.query(`INSERT INTO organizations (id, name, created_at, created_by) VALUES ($1, $2, $3, $4)`, [o.id, o.name, o.createdAt, o.createdBy]);
    },
    async delete(id) {
      await q.query(`DELETE FROM organizations WHERE id = $1`, [id]);
      await authzChanged(id);
    },
    async find(id) {
      const [r] = await q.query(
        `SELECT id, name, created_at, (SELECT count(*) FROM memberships m WHERE m.org_id = o.id) AS member_count
           FROM organizations o WHERE id = $1`,
        [id],
      );
      return r && { id: r.id as string, name: r.name as string, createdAt: r.created_at as Date, memberCount: r.member_count as number };
    },
    async lock(ids) {
      // FOR NO KEY UPDATE, not FOR UPDATE: it serialises the changes to an organization just the same,
      // but does not block the KEY SHARE lock a foreign-key check takes (setting a user's active
      // organization to one that another transaction holds), which otherwise deadlocks.
      const rows = await q.query(`SELECT id, name, created_at FROM organizations WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`, [[...ids]]);
      return rows.map((r) => ({ id: r.id as string, name: r.name as string, createdAt: r.created_at as Date }));
    },
    async rename(id, name) {
      await q.query(`UPDATE organizations SET name = $2 WHERE id = $1`, [id, name]);
    },
    async getBilling(orgId) {
      const [r] = await q.query(
        `SELECT company_name, street, postal_code, city, country, vat_id, billing_email, updated_at FROM organization_billing WHERE org_id = $1`,
        [orgId],
      );
      return r && {
        companyName: r.company_name as string,
        street: r.street as string,
        postalCode: r.postal_code as string,
        city: r.city as string,
        country: r.country as string,
        vatId: (r.vat_id as string | null) ?? null,
        billingEmail: r.billing_email as string,
        updatedAt: r.updated_at as Date,
      };
    },
    async putBilling(orgId, b, by, now) {
      await q.query(
        `INSERT INTO organization_billing (org_id, company_name, street, postal_code, city, country, vat_id, billing_email, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (org_id) DO UPDATE SET company_name = $2, street = $3, postal_code = $4, city = $5, country = $6,
           vat_id = $7, billing_email = $8, updated_at = $9, updated_by = $10`,
        [orgId, b.companyName, b.street, b.postalCode, b.city, b.country, b.vatId, b.billingEmail, now, by],
      );
    },
  };
}

/** The column holding each sort order's key (see migration 002). */
const sortColumn: Record<MemberSort, string> = {
  firstName: 'first_name_key',
  lastName: 'last_name_key',
  email: 'email_key',
  role: 'role_key',
  joinedAt: 'joined_at',
};

const memberSelect = `
  SELECT m.user_id, u.email, u.first_name, u.last_name, m.role_id, r.name AS role_name, m.joined_at, m.all_devices,
         m.invited_by, i.first_name AS invited_by_first_name, i.last_name AS invited_by_last_name`;
const memberFrom = `
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    JOIN roles r ON r.id = m.role_id
    LEFT JOIN users i ON i.id = m.invited_by`;

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


export function membershipsRepo(q: Queryable, authzChanged: AuthzChanged): Pick<MembershipsRepo,
  'findAccess' | 'get' | 'list' | 'setRole' | 'delete' | 'countAdmins' | 'orgIdsOfUser' | 'userIdsOfOrg'> {
  return {
    async findAccess(orgId, userId) {
      const [r] = await q.query(
        `SELECT m.role_id, r.name AS role_name, m.all_devices,
                coalesce(array_agg(rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}') AS permissions
           FROM memberships m JOIN roles r ON r.id = m.role_id LEFT JOIN role_permissions rp ON rp.role_id = m.role_id
          WHERE m.org_id = $1 AND m.user_id = $2
          GROUP BY m.role_id, r.name, m.all_devices`,
        [orgId, userId],
      );
      if (!r) return undefined;
      return {
        orgId,
        userId,
        roleId: r.role_id as string,
        roleName: r.role_name as string,
        isAdmin: r.role_id === 'admin',
        allDevices: r.all_devices as boolean,
        permissions: new Set(permissionsOf(r.permissions)),
      };
    },
    async get(orgId, userId) {
      const [r] = await q.query(`${memberSelect} ${memberFrom} WHERE m.org_id = $1 AND m.user_id = $2`, [orgId, userId]);
      return r && toMember(r);
    },
    async list(orgId, query) {
      const column = `m.${sortColumn[query.sort]}`;
      const params: unknown[] = [orgId];
      const where = ['m.org_id = $1'];
      if (query.roleId) {
        params.push(query.roleId);
        where.push(`m.role_id = $${params.length}`);
      }
      if (query.q) {
        params.push(containsPattern(query.q));
        const p = `lower($${params.length})`;
        where.push(`(m.first_name_key LIKE ${p} OR m.last_name_key LIKE ${p} OR m.email_key LIKE ${p}
                     OR (m.first_name_key || ' ' || m.last_name_key) LIKE ${p})`);
      }
      if (query.after) {
        params.push(query.after.key, query.after.userId);
        const key = query.sort === 'joinedAt' ? `$${params.length - 1}::timestamptz` : `$${params.length - 1}`;
        where.push(`(${column}, m.user_id) ${query.order === 'asc' ? '>' : '<'} (${key}, $${params.length})`);
      }
      params.push(query.limit);
      const dir = query.order === 'asc' ? 'ASC' : 'DESC';
      const rows = await q.query(
        `${memberSelect}, ${column} AS cursor_key ${memberFrom}
          WHERE ${where.join(' AND ')}
          ORDER BY ${column} ${dir}, m.user_id ${dir}
          LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => ({
        ...toMember(r),
        cursorKey: r.cursor_key instanceof Date ? r.cursor_key.toISOString() : (r.cursor_key as string),
      }));
    },
    async setRole(orgId, userId, roleId) {
      await q.query(`UPDATE memberships SET role_id = $3 WHERE org_id = $1 AND user_id = $2`, [orgId, userId, roleId]);
      await authzChanged(orgId);
    },
    async delete(orgId, userId) {
      await q.query(`DELETE FROM memberships WHERE org_id = $1 AND user_id = $2`, [orgId, userId]);
      await authzChanged(orgId, { kind: 'member_removed', userId });
    },
    async countAdmins(orgId) {
      const [r] = await q.query<{ n: number }>(`SELECT count(*) AS n FROM memberships WHERE org_id = $1 AND role_id = 'admin'`, [orgId]);
      return r!.n;
    },
    async orgIdsOfUser(userId) {
      const rows = await q.query<{ org_id: string }>(`SELECT org_id FROM memberships WHERE user_id = $1 ORDER BY org_id`, [userId]);
      return rows.map((r) => r.org_id);
    },
    async userIdsOfOrg(orgId) {
      const rows = await q.query<{ user_id: string }>(`SELECT user_id FROM memberships WHERE org_id = $1 ORDER BY user_id`, [orgId]);
      return rows.map((r) => r.user_id);
    },
  };
}

function toRole(r: Row): RoleRecord {
  return {
    id: r.id as string,
    orgId: (r.org_id as string | null) ?? null,
    name: r.name as string,
    description: r.description as string,
    permissions: permissionsOf(r.permissions),
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

const roleSelect = `
  SELECT r.id, r.org_id, r.name, r.description, r.created_at, r.updated_at,
         coalesce(array_agg(rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}') AS permissions
    FROM roles r LEFT JOIN role_permissions rp ON rp.role_id = r.id`;

export function rolesRepo(q: Queryable, authzChanged: AuthzChanged): RolesRepo {
  async function setPermissions(roleId: string, permissions: readonly Permission[]) {
    await q.query(`DELETE FROM role_permissions WHERE role_id = $1`, [roleId]);
    if (permissions.length > 0) {
      await q.query(`INSERT INTO role_permissions (role_id, permission) SELECT $1, unnest($2::text[])`, [roleId, [...permissions]]);
    }
  }
  return {
    async list(orgId) {
      const rows = await q.query(`${roleSelect} WHERE r.org_id IS NULL OR r.org_id = $1 GROUP BY r.id
                                   ORDER BY r.org_id IS NOT NULL, r.created_at, r.id`, [orgId]);
      return rows.map(toRole);
    },
    async find(orgId, roleId) {
      const [r] = await q.query(`${roleSelect} WHERE r.id = $2 AND (r.org_id IS NULL OR r.org_id = $1) GROUP BY r.id`, [orgId, roleId]);
      return r && toRole(r);
    },
    async findByName(orgId, name) {
      const [r] = await q.query(`${roleSelect} WHERE lower(r.name) = lower($2) AND (r.org_id IS NULL OR r.org_id = $1) GROUP BY r.id`, [orgId, name]);
      return r && toRole(r);
    },
    async insert(role) {
      await q.query(
        `INSERT INTO roles (id, org_id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [role.id, role.orgId, role.name, role.description, role.createdAt, role.updatedAt],
      );
      await setPermissions(role.id, role.permissions);
    },
    async update(orgId, roleId, patch, now) {
      await q.query(
        `UPDATE roles SET name = coalesce($3, name), description = coalesce($4, description), updated_at = $5
          WHERE id = $2 AND org_id = $1`,
        [orgId, roleId, patch.name ?? null, patch.description ?? null, now],
      );
      if (patch.permissions) {
        await setPermissions(roleId, patch.permissions);
        await authzChanged(orgId);
      }
    },
    async delete(orgId, roleId) {
      await q.query(`DELETE FROM roles WHERE id = $2 AND org_id = $1`, [orgId, roleId]);
    },
    async holders(orgId, roleId) {
      const [r] = await q.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM memberships WHERE org_id = $1 AND role_id = $2)
              + (SELECT count(*) FROM invitations WHERE org_id = $1 AND role_id = $2 AND status = 'pending') AS n`,
        [orgId, roleId],
      );
      return r!.n;
    },
  };
}

export function auditRepo(q: Queryable): AuditRepo {
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  return {
    async record(e) {
      await q.query(
        `INSERT INTO audit_events (id, org_id, action, actor_id, target_type, target_id, before, after, details, request_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11)`,
        [e.id, e.orgId, e.action, e.actorId, e.targetType, e.targetId, json(e.before), json(e.after), json(e.details), e.requestId, e.createdAt],
      );
    },
    async list(orgId, query) {
      const params: unknown[] = [orgId];
      const where = ['org_id = $1'];
      const filter = (column: string, value: string | undefined, op = '=') => {
        if (value === undefined) return;
        params.push(value);
        where.push(`${column} ${op} $${params.length}`);
      };
      filter('action', query.action);
      filter('actor_id', query.actorId);
      filter('target_id', query.targetId);
      filter('id', query.before, '<');
      params.push(query.limit);
      const rows = await q.query(
        `SELECT id, org_id, action, actor_id, target_type, target_id, before, after, details, request_id, created_at
           FROM audit_events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => ({
        id: r.id as string,
        orgId: r.org_id as string,
        action: r.action as string,
        actorId: (r.actor_id as string | null) ?? null,
        targetType: (r.target_type as string | null) ?? null,
        targetId: (r.target_id as string | null) ?? null,
        before: r.before ?? null,
        after: r.after ?? null,
        details: r.details ?? null,
        requestId: (r.request_id as string | null) ?? null,
        createdAt: r.created_at as Date,
      }));
    },
  };
}
