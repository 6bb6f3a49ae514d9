// `npm run gen:api-types`: writes spec/openapi.json and web/src/api/schema.d.ts from the app's
// route schemas (see api-documents.ts). Run it after changing a route's schema, and commit both.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { apiDocuments, OPENAPI_FILE, WEB_TYPES_FILE } from './api-documents.js';

const { openapi, types } = await apiDocuments();
for (const [file, text] of [[OPENAPI_FILE, openapi], [WEB_TYPES_FILE, types]] as const) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
