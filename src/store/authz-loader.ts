// Loads one organization's authorization index (core/authz/decision-index.ts) in one snapshot:
// a read-only REPEATABLE READ transaction of its own (never a request's), so the reads see
// the same committed state.
import type { Db } from './db.js';
import { sql } from './sql.js';
import type { AuthzLoader } from '../core/authz/authz-engine.js';
import {
  catalogIndex,
  permissionBits,
  type IndexedMember,
  type IndexedResource,
  type OrgIndex,
  type TypeAccess,
} from '../core/authz/decision-index.js';

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

          // Resources with parent pointers (a parent may come after its child in the rows).
          const resources = new Map<string, IndexedResource>();
          const byExternal = new Map<string, Map<string, IndexedResource>>();
          for (const r of resourceRows) {
            const resource: IndexedResource = { id: r.id, type: r.type, externalId: r.external_id, parent: undefined };
            resources.set(r.id, resource);
            let ofType = byExternal.get(r.type);
            if (!ofType) {
              ofType = new Map();
              byExternal.set(r.type, ofType);
            }
            ofType.set(r.external_id, resource);
          }
          for (const r of resourceRows) if (r.parent_id !== null) resources.get(r.id)!.parent = resources.get(r.parent_id);

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
          const noAccess: ReadonlyMap<string, TypeAccess> = new Map();

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
            index.set(m.user_id, {
              isAdmin: m.role_id === 'admin',
              allDevices: m.all_devices,
              permissions: sets.get(m.role_id) ?? noPermissions,
              devices: deviceSets.get(m.user_id) ?? none,
              ...(m.has_factor && { hasFactor: true }),
              access: accessOf.get(m.user_id) ?? noAccess,
            });
          }
          return {
            orgId,
            version: Number(org.authz_version),
            members: index,
            devices: new Set(devices.map((d) => d.id)),
            catalog,
            ...(org.require_mfa && { requireMfa: true }),
            resources,
            resourcesByExternal: byExternal,
          } satisfies OrgIndex;
        },
        { snapshot: true },
      );
    },
  };
}
