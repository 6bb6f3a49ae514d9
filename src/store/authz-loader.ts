// Loads one organization's authorization index (core/authz/decision-index.ts) in one snapshot:
// a read-only REPEATABLE READ transaction of its own (never a request's), so the reads see
// the same committed state.
import type { Db } from './db.js';
import { sql } from './sql.js';
import type { AuthzLoader } from '../core/authz/authz-engine.js';
import { catalogIndex, permissionBits } from '../core/authz/decision-index.js';
import { addDevices, emptyOrgIndex, setDeviceGrants, setMembers, setResourceAccess, setResources } from '../core/authz/org-index.js';

export function authzLoader(db: Db): AuthzLoader {
  return {
    async loadCatalog() {
      // Ordered by key: any instance interns the same catalog to the same bits (easier to debug).
      const rows = await db.query<{ key: string; resource_type: string | null; deprecated: boolean }>(
        sql`SELECT key, resource_type, deprecated_at IS NOT NULL AS deprecated FROM permissions ORDER BY key`,
      );
      const types = await db.query<{ type: string; parent: string | null }>(sql`SELECT type, parent FROM resource_types`);
      return catalogIndex(
        rows.map((r) => ({ key: r.key, resourceType: r.resource_type, deprecated: r.deprecated })),
        types,
      );
    },
    async load(orgId, catalog) {
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
          const resourceRows = await tx.query<{ id: string; type: string; external_id: string; parent_id: string | null }>(
            sql`SELECT id, type, external_id, parent_id FROM resources WHERE org_id = ${orgId}`,
          );
          const typeAccess = await tx.query<{ user_id: string; type: string; all_resources: boolean }>(
            sql`SELECT user_id, type, all_resources FROM member_resource_access WHERE org_id = ${orgId}`,
          );
          const resourceGrants = await tx.query<{ user_id: string; type: string; resource_id: string }>(sql`
            SELECT g.user_id, r.type, g.resource_id FROM member_resources g
              JOIN resources r ON r.org_id = g.org_id AND r.id = g.resource_id
             WHERE g.org_id = ${orgId}`);

          // Each member's access per type: the row's `all`, and the explicit set.
          const accessOf = new Map<string, Map<string, { all: boolean; ids: Set<string> }>>();
          const entry = (userId: string, type: string) => {
            let m = accessOf.get(userId);
            if (!m) {
              m = new Map();
              accessOf.set(userId, m);
            }
            let a = m.get(type);
            if (!a) {
              a = { all: false, ids: new Set() };
              m.set(type, a);
            }
            return a;
          };
          for (const a of typeAccess) entry(a.user_id, a.type).all = a.all_resources;
          for (const g of resourceGrants) entry(g.user_id, g.type).ids.add(g.resource_id);

          const byRole = new Map<string, string[]>();
          for (const g of grants) {
            let list = byRole.get(g.role_id);
            if (!list) {
              list = [];
              byRole.set(g.role_id, list);
            }
            list.push(g.permission);
          }
          const sets = new Map<string, Uint32Array>([...byRole].map(([role, keys]) => [role, permissionBits(catalog, keys)]));
          const noPermissions = new Uint32Array(catalog.words);
          const deviceSets = new Map<string, string[]>();
          for (const a of access) {
            let list = deviceSets.get(a.user_id);
            if (!list) {
              list = [];
              deviceSets.set(a.user_id, list);
            }
            list.push(a.device_id);
          }
          // The index in the five steps the bench weighs (org-index.ts): devices, members, grants, resources, resource access.
          const index = emptyOrgIndex(orgId, Number(org.authz_version), catalog, org.require_mfa);
          addDevices(
            index,
            devices.map((d) => d.id),
          );
          setMembers(
            index,
            members.map((m) => ({
              userId: m.user_id,
              isAdmin: m.role_id === 'admin',
              allDevices: m.all_devices,
              permissions: sets.get(m.role_id) ?? noPermissions,
              hasFactor: m.has_factor,
            })),
          );
          setDeviceGrants(index, deviceSets);
          setResources(
            index,
            resourceRows.map((r) => ({ id: r.id, type: r.type, externalId: r.external_id, parentId: r.parent_id })),
          );
          setResourceAccess(index, accessOf);
          return index;
        },
        { snapshot: true },
      );
    },
  };
}
