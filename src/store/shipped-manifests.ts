// The manifests shipped with Gatehouse (src/store/manifests/, copied next to the compiled code by
// scripts/copy-assets.mjs): the seed's services, Gatehouse's own among them. Applied at every start
// by core/services (`applyShipped`), in file-name order, which is the services' order in the catalog.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('./manifests/', import.meta.url));

export function readShippedManifests(): unknown[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as unknown);
}
