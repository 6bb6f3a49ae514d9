// A registered Smart Service for tests, made by SQL until the manifests (issue 15, part A) register
// them: a `services` row, its resource types, the resource type of some catalog permissions, and a
// service key belonging to it. Every instance given drops its in-memory indexes afterwards, so they
// learn the new types and permission types (a manifest change will announce itself).
import type { Gatehouse } from '../../src/server.js';

export interface TestServiceDefinition {
  slug: string;
  /** `type` is `<slug>:<name>`; `parent` the parent type. */
  types: { type: string; parent?: string; name?: { en: string; de?: string } }[];
  /** Catalog permissions and the resource type each now has. */
  permissionTypes?: Record<string, string>;
}

export async function registerSmartService(gatehouse: Gatehouse, def: TestServiceDefinition, others: Gatehouse[] = []) {
  const db = gatehouse.db;
  const now = new Date();
  await db.query(
    `INSERT INTO services (slug, name, manifest, created_at, updated_at) VALUES ($1, $2, '{}'::jsonb, $3, $3) ON CONFLICT (slug) DO NOTHING`,
    [def.slug, JSON.stringify({ en: def.slug }), now],
  );
  for (const [i, t] of def.types.entries())
    await db.query(
      `INSERT INTO resource_types (type, service, parent, name, position, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (type) DO NOTHING`,
      [t.type, def.slug, t.parent ?? null, JSON.stringify(t.name ?? { en: t.type }), i, now],
    );
  for (const [key, type] of Object.entries(def.permissionTypes ?? {}))
    await db.query(`UPDATE permissions SET resource_type = $2 WHERE key = $1`, [key, type]);
  const client = await gatehouse.core.serviceClients.create(`${def.slug} service`);
  await db.query(`UPDATE service_clients SET service = $2 WHERE id = $1`, [client.id, def.slug]);
  for (const g of [gatehouse, ...others]) {
    g.core.serviceClients.forgetAll();
    g.core.authzEngine.distrustAll();
    g.core.authzEngine.trustAgain();
  }
  return { key: client.key, clientId: client.id };
}

/** The seed's Time Series Data Service with dashboard groups holding dashboards (PLATFORM.md's example). */
export const TSD: TestServiceDefinition = {
  slug: 'tsd',
  types: [
    { type: 'tsd:dashboard-group', name: { en: 'Dashboard group', de: 'Dashboard-Gruppe' } },
    { type: 'tsd:dashboard', parent: 'tsd:dashboard-group', name: { en: 'Dashboard', de: 'Dashboard' } },
  ],
  permissionTypes: { 'tsd:dashboards.view': 'tsd:dashboard', 'tsd:dashboards.favorite': 'tsd:dashboard' },
};
