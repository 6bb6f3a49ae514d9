// The files made from one definition in the code (scripts/generated-files.ts) are up to date:
// docs/configuration.md from the declared variables, the web UI's country codes from the server's,
// docs/errors.md from the catalogue, and the OpenAPI document with the web UI's types generated from
// the route schemas (a route changed without `npm run generate` fails here, before the web UI
// type-checks against a stale contract).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../../scripts/generated-files.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('every generated file matches its definition (run `npm run generate` after changing one)', async () => {
  for (const { path, content } of await generatedFiles()) {
    let written: string | undefined;
    try {
      written = readFileSync(`${root}${path}`, 'utf8');
    } catch {
      written = undefined;
    }
    assert.equal(written, content, `${path} is stale or missing: run npm run generate`);
  }
});
