// The committed OpenAPI document (spec/openapi.json) and the web UI's types generated from it
// (web/src/api/schema.d.ts) are what the route schemas produce today: a route changed without
// `npm run gen:api-types` fails here, before the web UI type-checks against a stale contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiDocuments, OPENAPI_FILE, WEB_TYPES_FILE } from '../../scripts/api-documents.js';

test('spec/openapi.json and web/src/api/schema.d.ts are generated from the current route schemas', async () => {
  const fresh = await apiDocuments();
  const stale = 'is stale: run `npm run gen:api-types` and commit the result';
  // Compared parsed first, so that a failure names the first differing path rather than a 300 kB string.
  const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, unknown> };
  const current = JSON.parse(fresh.openapi) as { paths: Record<string, unknown> };
  assert.deepEqual(Object.keys(committed.paths).sort(), Object.keys(current.paths).sort(), `the paths of spec/openapi.json ${stale}`);
  for (const path of Object.keys(current.paths)) assert.deepEqual(committed.paths[path], current.paths[path], `${path} in spec/openapi.json ${stale}`);
  assert.equal(readFileSync(OPENAPI_FILE, 'utf8'), fresh.openapi, `spec/openapi.json ${stale}`);
  assert.equal(readFileSync(WEB_TYPES_FILE, 'utf8'), fresh.types, `web/src/api/schema.d.ts ${stale}`);
});
