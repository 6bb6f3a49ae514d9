// The permission catalog and the built-in roles' permissions are data in the code; this mirrors
// them into `permissions` and `role_permissions` at every start, so roles reference real rows and a
// release that changes the mapping changes it everywhere at once. Idempotent; several instances
// starting together serialise on an advisory lock.
import type { Db } from './db.js';
import { BUILT_IN_ROLES, builtInRolePermissions, CATALOG, isDeviceScoped, type BuiltInRoleId } from '../core/authz/permissions.js';

const LOCK_KEY = 7_270_212;

export async function syncCatalog(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const keys = CATALOG.map((e) => e.key);
    await tx.query(
      `INSERT INTO permissions (key, service, device_scoped)
       SELECT k, split_part(k, ':', 1), d FROM unnest($1::text[], $2::boolean[]) AS t(k, d)
       ON CONFLICT (key) DO UPDATE SET service = excluded.service, device_scoped = excluded.device_scoped`,
      [keys, keys.map((k) => isDeviceScoped(k))],
    );
    // A permission dropped from the catalog disappears from every role holding it (cascade).
    await tx.query(`DELETE FROM permissions WHERE NOT (key = ANY($1::text[]))`, [keys]);
    for (const role of Object.keys(BUILT_IN_ROLES) as BuiltInRoleId[]) {
      const permissions = builtInRolePermissions(role);
      await tx.query(`DELETE FROM role_permissions WHERE role_id = $1 AND NOT (permission = ANY($2::text[]))`, [role, permissions]);
      await tx.query(
        `INSERT INTO role_permissions (role_id, permission) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [role, permissions],
      );
    }
  });
}
