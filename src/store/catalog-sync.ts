// The permission catalog and the built-in roles' permissions are data in the code; this mirrors
// them into `permissions` and `role_permissions` at every start, so roles reference real rows and a
// release that changes the mapping changes it everywhere at once. Idempotent; several instances
// starting together serialise on an advisory lock.
import type { Db } from './db.js';
import { sql } from './sql.js';
import { BUILT_IN_ROLES, builtInRolePermissions, CATALOG, isDeviceScoped, type BuiltInRoleId } from '../core/authz/permissions.js';

const LOCK_KEY = 7_270_212;

export async function syncCatalog(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    const keys = CATALOG.map((e) => e.key);
    await tx.query(sql`
      INSERT INTO permissions (key, service, device_scoped)
      SELECT k, split_part(k, ':', 1), d FROM unnest(${keys}::text[], ${keys.map((k) => isDeviceScoped(k))}::boolean[]) AS t(k, d)
      ON CONFLICT (key) DO UPDATE SET service = excluded.service, device_scoped = excluded.device_scoped`);
    // A permission dropped from the catalog disappears from every role holding it (cascade).
    await tx.query(sql`DELETE FROM permissions WHERE NOT (key = ANY(${keys}::text[]))`);
    for (const role of Object.keys(BUILT_IN_ROLES) as BuiltInRoleId[]) {
      const permissions = builtInRolePermissions(role);
      await tx.query(sql`DELETE FROM role_permissions WHERE role_id = ${role} AND NOT (permission = ANY(${permissions}::text[]))`);
      await tx.query(
        sql`INSERT INTO role_permissions (role_id, permission) SELECT ${role}, unnest(${permissions}::text[]) ON CONFLICT DO NOTHING`,
      );
    }
  });
}
