// SQL for the registered services and the catalog their manifests become: `services`,
// `permissions` (a left-out permission is deprecated, never deleted, so custom roles keep it),
// `resource_types`, and the built-in roles' `role_permissions`.
import type { CatalogPermission, CatalogResourceType, ServiceRecord, ServicesRepo } from '../core/services/ports.js';
import type { Manifest } from '../core/services/manifest.js';
import type { Localized } from '../core/locale.js';
import type { Queryable } from './db.js';
import { raw, sql } from './sql.js';

type Row = Record<string, unknown>;

/** Any manifest write, and start-up's apply, serialise on this (several instances start together). */
const CATALOG_LOCK = 7_270_212;

function toService(r: Row): ServiceRecord {
  return {
    slug: r.slug as string,
    name: r.name as Localized,
    url: (r.url as string | null) ?? null,
    manifest: r.manifest as Manifest,
    version: Number(r.version),
    builtIn: r.built_in as boolean,
    position: Number(r.position),
    hasIcon: r.has_icon === true,
  };
}

/** Every column but the icon (up to 8 KB a service, read only by `icon`). */
const COLUMNS = raw('slug, name, url, manifest, version, built_in, position, icon IS NOT NULL AS has_icon');

export function servicesRepo(q: Queryable): ServicesRepo {
  return {
    async lockCatalog() {
      await q.query(sql`SELECT pg_advisory_xact_lock(${CATALOG_LOCK})`);
    },
    async find(slug) {
      const [r] = await q.query(sql`SELECT ${COLUMNS} FROM services WHERE slug = ${slug}`);
      return r && toService(r);
    },
    async list() {
      return (await q.query(sql`SELECT ${COLUMNS} FROM services ORDER BY position, slug`)).map(toService);
    },
    async save(s, now) {
      await q.query(sql`
        INSERT INTO services (slug, name, url, icon, manifest, version, built_in, position, created_at, updated_at)
        VALUES (${s.slug}, ${JSON.stringify(s.name)}::jsonb, ${s.url}, ${s.icon}, ${JSON.stringify(s.manifest)}::jsonb, ${s.version}, ${s.builtIn},
                coalesce(${s.position ?? null}::integer, (SELECT coalesce(max(position) + 1, 0) FROM services)), ${now}, ${now})
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name, url = excluded.url, icon = excluded.icon, manifest = excluded.manifest,
          version = excluded.version, built_in = excluded.built_in,
          position = coalesce(${s.position ?? null}::integer, services.position), updated_at = excluded.updated_at`);
    },
    async icon(slug) {
      const [r] = await q.query(sql`SELECT icon FROM services WHERE slug = ${slug} AND icon IS NOT NULL`);
      return r ? (r.icon as string) : undefined;
    },
    async permissions() {
      const rows = await q.query(sql`
        SELECT p.key, p.service, p.label, p.description, p.resource_type, p.deprecated_at
          FROM permissions p LEFT JOIN services s ON s.slug = p.service
         ORDER BY s.position NULLS LAST, p.service, p.position, p.key`);
      return rows.map(
        (r): CatalogPermission => ({
          key: r.key as string,
          service: r.service as string,
          label: (r.label as Localized | null) ?? { en: r.key as string },
          description: (r.description as Localized | null) ?? { en: '' },
          resourceType: (r.resource_type as string | null) ?? null,
          deprecated: r.deprecated_at !== null,
        }),
      );
    },
    async resourceTypes() {
      const rows = await q.query(sql`
        SELECT t.type, t.service, t.parent, t.name FROM resource_types t JOIN services s ON s.slug = t.service
         ORDER BY s.position, t.position, t.type`);
      return rows.map(
        (r): CatalogResourceType => ({
          type: r.type as string,
          service: r.service as string,
          parent: (r.parent as string | null) ?? null,
          name: r.name as Localized,
        }),
      );
    },
    async savePermissions(service, rows, now) {
      const keys = rows.map((r) => r.key);
      if (rows.length > 0)
        await q.query(sql`
          INSERT INTO permissions (key, service, device_scoped, label, description, resource_type, position, deprecated_at)
          SELECT t.key, ${service}, t.resource_type IS NOT DISTINCT FROM 'device', t.label, t.description, t.resource_type, t.position, NULL
            FROM unnest(${keys}::text[], ${rows.map((r) => JSON.stringify(r.label))}::jsonb[], ${rows.map((r) => JSON.stringify(r.description))}::jsonb[],
                        ${rows.map((r) => r.resourceType)}::text[], ${rows.map((_, i) => i)}::integer[])
                 AS t(key, label, description, resource_type, position)
          ON CONFLICT (key) DO UPDATE SET service = excluded.service, device_scoped = excluded.device_scoped, label = excluded.label,
            description = excluded.description, resource_type = excluded.resource_type, position = excluded.position, deprecated_at = NULL`);
      await q.query(sql`
        UPDATE permissions SET deprecated_at = ${now}
         WHERE service = ${service} AND deprecated_at IS NULL AND NOT (key = ANY(${keys}::text[]))`);
    },
    async setBuiltInGrants(role, service, keys) {
      await q.query(sql`
        DELETE FROM role_permissions rp USING permissions p
         WHERE rp.role_id = ${role} AND p.key = rp.permission AND p.service = ${service} AND NOT (rp.permission = ANY(${[...keys]}::text[]))`);
      await q.query(
        sql`INSERT INTO role_permissions (role_id, permission) SELECT ${role}, unnest(${[...keys]}::text[]) ON CONFLICT DO NOTHING`,
      );
    },
    async saveResourceTypes(service, rows, now) {
      const types = rows.map((r) => r.type);
      // Parents first; a type that lost its parent has it cleared before the parent may go.
      // A type that first appears gives existing non-Admin members `all` of it: migration 015's
      // trigger on resource_types does that, in this transaction (one mechanism, never two rows).
      for (const [i, r] of rows.entries())
        await q.query(sql`
          INSERT INTO resource_types (type, service, parent, name, position, created_at)
          VALUES (${r.type}, ${service}, NULL, ${JSON.stringify(r.name)}::jsonb, ${i}, ${now})
          ON CONFLICT (type) DO UPDATE SET name = excluded.name, position = excluded.position`);
      for (const r of rows) await q.query(sql`UPDATE resource_types SET parent = ${r.parent} WHERE type = ${r.type}`);
      await q.query(sql`UPDATE resource_types SET parent = NULL WHERE service = ${service} AND NOT (type = ANY(${types}::text[]))`);
      await q.query(sql`DELETE FROM resource_types WHERE service = ${service} AND NOT (type = ANY(${types}::text[]))`);
    },
    async typesInUse(types) {
      if (types.length === 0) return [];
      const rows = await q.query(sql`SELECT DISTINCT type FROM resources WHERE type = ANY(${[...types]}::text[]) ORDER BY type`);
      return rows.map((r) => r.type as string);
    },
  };
}
