// SQL for roles and their permissions (`roles`, `role_permissions`): the built-in roles
// (`org_id IS NULL`, whose permissions the services' manifests grant: core/services) and each organization's own.
import type { RoleRecord, RolesRepo } from '../core/roles/ports.js';
import type { Queryable } from './db.js';
import { sql, type Sql } from './sql.js';
import { catalogJoin, deprecatedAgg, permissionsAgg, permissionsOf } from './sql-text.js';

type Row = Record<string, unknown>;

function toRole(r: Row): RoleRecord {
  return {
    id: r.id as string,
    orgId: (r.org_id as string | null) ?? null,
    name: r.name as string,
    description: r.description as string,
    permissions: permissionsOf(r.permissions),
    deprecated: permissionsOf(r.deprecated),
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

const roleSelect = sql`
  SELECT r.id, r.org_id, r.name, r.description, r.created_at, r.updated_at, ${permissionsAgg} AS permissions, ${deprecatedAgg} AS deprecated
    FROM roles r LEFT JOIN role_permissions rp ON rp.role_id = r.id ${catalogJoin}`;

/** A built-in role, or one of this organization's: never another organization's. */
const visibleIn = (orgId: string) => sql`(r.org_id IS NULL OR r.org_id = ${orgId})`;

export function rolesRepo(q: Queryable): RolesRepo {
  async function setPermissions(roleId: string, permissions: readonly string[]) {
    await q.query(sql`DELETE FROM role_permissions WHERE role_id = ${roleId}`);
    if (permissions.length > 0) {
      await q.query(sql`INSERT INTO role_permissions (role_id, permission) SELECT ${roleId}, unnest(${[...permissions]}::text[])`);
    }
  }
  const one = async (where: Sql) => {
    const [r] = await q.query(sql`${roleSelect} WHERE ${where} GROUP BY r.id`);
    return r && toRole(r);
  };
  return {
    async list(orgId) {
      const rows = await q.query(
        sql`${roleSelect} WHERE ${visibleIn(orgId)} GROUP BY r.id ORDER BY r.org_id IS NOT NULL, r.created_at, r.id`,
      );
      const counts = await q.query<{ role_id: string; n: number }>(
        sql`SELECT role_id, count(*)::int AS n FROM memberships WHERE org_id = ${orgId} GROUP BY role_id`,
      );
      const held = new Map(counts.map((c) => [c.role_id, Number(c.n)]));
      return rows.map((r) => ({ ...toRole(r), memberCount: held.get(r.id as string) ?? 0 }));
    },
    find: (orgId, roleId) => one(sql`r.id = ${roleId} AND ${visibleIn(orgId)}`),
    findByName: (orgId, name) => one(sql`lower(r.name) = lower(${name}) AND ${visibleIn(orgId)}`),
    async insert(role) {
      await q.query(sql`
        INSERT INTO roles (id, org_id, name, description, created_at, updated_at)
        VALUES (${role.id}, ${role.orgId}, ${role.name}, ${role.description}, ${role.createdAt}, ${role.updatedAt})`);
      await setPermissions(role.id, role.permissions);
    },
    async update(orgId, roleId, patch, now) {
      await q.query(sql`
        UPDATE roles SET name = coalesce(${patch.name ?? null}, name), description = coalesce(${patch.description ?? null}, description), updated_at = ${now}
         WHERE id = ${roleId} AND org_id = ${orgId}`);
      if (patch.permissions) await setPermissions(roleId, patch.permissions);
    },
    async delete(orgId, roleId) {
      await q.query(sql`DELETE FROM roles WHERE id = ${roleId} AND org_id = ${orgId}`);
    },
    async holders(orgId, roleId) {
      const [r] = await q.query<{ n: number }>(sql`
        SELECT (SELECT count(*) FROM memberships WHERE org_id = ${orgId} AND role_id = ${roleId})
             + (SELECT count(*) FROM invitations WHERE org_id = ${orgId} AND role_id = ${roleId} AND status = 'pending') AS n`);
      return r!.n;
    },
  };
}
