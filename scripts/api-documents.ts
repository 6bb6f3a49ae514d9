// The API's contract as files: the OpenAPI document the service serves at /api/v1/openapi.json
// (spec/openapi.json, which the web UI and the SDK read) and the web UI's TypeScript types generated
// from it with openapi-typescript (web/src/api/schema.d.ts). Both come from the app itself, built
// with an in-memory database and never listening, so they are what the route schemas say.
// `npm run generate` writes them; test/unit/generated-files.test.ts fails when they are stale.
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from './openapi-document.js';

// A fixed public URL, so that the document does not depend on who generates it: the public URL and
// the cookie name (plain `gatehouse_session` over http) are part of the document.
const PUBLIC_URL = 'http://localhost:3000';

const HEADER = `// Generated from spec/openapi.json by \`npm run generate\` (openapi-typescript). Do not edit:
// change the route schemas in src/http/routes and run the script again.
`;

/** Both files' contents: the document (2-space JSON) and the web UI's types. */
export async function apiDocuments(): Promise<{ openapi: string; types: string }> {
  const doc = await openApiDocument(PUBLIC_URL);
  const openapi = `${JSON.stringify(doc, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(openapi), { silent: true, alphabetize: false });
  return { openapi, types: `${HEADER}\n${astToString(ast)}` };
}
