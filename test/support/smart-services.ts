// A registered Smart Service for tests, registered as a service team would: its manifest through
// the application's use case (`core.services.register`, what `gatehouse service register` runs and
// services-manifests.test.ts exercises), never by SQL. The registering instance reloads its catalog
// when the registration commits; other instances given are told at once (`catalogChanged`, what
// the NOTIFY would make them do a moment later), so a test does not wait for the change feed.
import { readFileSync } from 'node:fs';
import type { Gatehouse } from '../../src/server.js';
import { readShippedManifests } from '../../src/store/shipped-manifests.js';

interface TestManifest {
  service: string;
  resourceTypes?: { type: string; parent?: string; name: { en: string; de?: string } }[];
  [field: string]: unknown;
}

/** Registers (or updates) the service of `manifest`; returns a key of that service (a new one each call). */
export async function registerSmartService(gatehouse: Gatehouse, manifest: TestManifest, others: Gatehouse[] = []) {
  const registered = await gatehouse.core.services.register(manifest);
  // The first registration prints the service's key; a service that has one gets another here.
  const client = registered.client ?? (await gatehouse.core.serviceClients.create(`${manifest.service} service`, manifest.service));
  for (const g of others) g.core.authzEngine.catalogChanged();
  return { key: client.key, clientId: client.id };
}

/** The seed's Time Series Data Service with dashboard groups holding dashboards: the example manifest itself. */
export const TSD: TestManifest = JSON.parse(readFileSync(new URL('../../examples/manifests/tsd.json', import.meta.url), 'utf8'));

/** A shipped service's manifest (its permissions kept as shipped) with these resource types of its own. */
export function withResourceTypes(slug: string, types: string[]): TestManifest {
  const shipped = (readShippedManifests() as TestManifest[]).find((m) => m.service === slug);
  if (!shipped) throw new Error(`no shipped manifest of ${slug}`);
  return { ...shipped, resourceTypes: types.map((type) => ({ type, name: { en: type } })) };
}
