// Loads one organization's authorization index (core/authz/decision-index.ts) in one snapshot:
// a read-only REPEATABLE READ transaction of its own (never a request's), so the five reads see
// the same committed state.
import type { Db } from './db.js';
import { sql } from './sql.js';
import type { AuthzLoader } from '../core/authz/authz-engine.js';
import { permissionMask, type IndexedMember, type OrgIndex, type PermissionMask } from '../core/authz/decision-index.js';

export function authzLoader(db: Db): AuthzLoader {
  return {
    async load(orgId) {
      return db.transaction(
        async (tx) => {
          const [org] = await tx.query<{ authz_version: number; require_mfa: boolean }>(
            sql`SELECT authz_version, require_mfa FROM organizations WHERE id = ${orgId}`,
          );
          if (!org) return undefined;
          // Whether each member has a second factor: read only for an organization that requires one.
          const members = await tx.query<{ user_id: string; role_id: string; all_devices: boolean; has_factor: boolean }>(sql`
            SELECT m.user_id, m.role_id, m.all_devices,
                   ${org.require_mfa}::boolean AND (EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = m.user_id AND t.enabled_at IS NOT NULL)
                     OR EXISTS (SELECT 1 FROM user_passkeys p WHERE p.user_id = m.user_id)) AS has_factor
              FROM memberships m WHERE m.org_id = ${orgId}`);
          const grants = await tx.query<{ role_id: string; permission: string }>(sql`
          SELECT rp.role_id, rp.permission FROM role_permissions rp
           WHERE rp.role_id IN (SELECT DISTINCT role_id FROM memberships WHERE org_id = ${orgId})`);
          const devices = await tx.query<{ id: string }>(sql`SELECT id FROM devices WHERE org_id = ${orgId}`);
          const access = await tx.query<{ user_id: string; device_id: string }>(
            sql`SELECT user_id, device_id FROM member_devices WHERE org_id = ${orgId}`,
          );

          const byRole = new Map<string, string[]>();
          for (const g of grants) {
            let list = byRole.get(g.role_id);
            if (!list) {
              list = [];
              byRole.set(g.role_id, list);
            }
            list.push(g.permission);
          }
          const masks = new Map<string, PermissionMask>([...byRole].map(([role, keys]) => [role, permissionMask(keys)]));
          const noPermissions: PermissionMask = { lo: 0, hi: 0 };
          const deviceSets = new Map<string, Set<string>>();
          for (const a of access) {
            let set = deviceSets.get(a.user_id);
            if (!set) {
              set = new Set();
              deviceSets.set(a.user_id, set);
            }
            set.add(a.device_id);
          }
          const none: ReadonlySet<string> = new Set();
          const index = new Map<string, IndexedMember>();
          for (const m of members) {
            const mask = masks.get(m.role_id) ?? noPermissions;
            index.set(m.user_id, {
              isAdmin: m.role_id === 'admin',
              allDevices: m.all_devices,
              lo: mask.lo,
              hi: mask.hi,
              devices: deviceSets.get(m.user_id) ?? none,
              ...(m.has_factor && { hasFactor: true }),
            });
          }
          return {
            orgId,
            version: Number(org.authz_version),
            members: index,
            devices: new Set(devices.map((d) => d.id)),
            ...(org.require_mfa && { requireMfa: true }),
          } satisfies OrgIndex;
        },
        { snapshot: true },
      );
    },
  };
}
