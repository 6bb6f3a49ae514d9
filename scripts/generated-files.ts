// Files written from one definition in the code, so that no copy is kept by hand:
//   docs/configuration.md          ← src/config/variables.ts (every environment variable)
//   web/src/generated/country-codes.ts ← src/core/organizations/countries.ts (the web UI may not import src/)
//   docs/errors.md                 ← src/core/errors.ts and the meanings in scripts/errors-doc.ts
//   spec/openapi.json, web/src/api/schema.d.ts, packages/sdk/src/schema.d.ts ← the route schemas (scripts/api-documents.ts)
// `npm run generate` writes them; test/unit/generated-files.test.ts fails when one is stale.
import { configurationDoc } from '../src/config/docs.js';
import { COUNTRY_CODE_LIST } from '../src/core/organizations/countries.js';
import { apiDocuments } from './api-documents.js';
import { renderErrorsDoc } from './errors-doc.js';

function countryCodesModule(): string {
  const lines: string[] = [];
  for (let i = 0; i < COUNTRY_CODE_LIST.length; i += 16) {
    lines.push(
      `  ${COUNTRY_CODE_LIST.slice(i, i + 16)
        .map((c) => `'${c}'`)
        .join(', ')},`,
    );
  }
  return [
    '// Written by `npm run generate` from src/core/organizations/countries.ts (the codes the service',
    '// accepts for a billing address, ISO 3166-1 alpha-2): change the list there, then run it.',
    'export const COUNTRY_CODES: readonly string[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}

/** Each generated file: its path from the repository root and what it must contain. */
export async function generatedFiles(): Promise<{ path: string; content: string }[]> {
  const { openapi, types } = await apiDocuments();
  return [
    { path: 'docs/configuration.md', content: configurationDoc() },
    { path: 'web/src/generated/country-codes.ts', content: countryCodesModule() },
    { path: 'docs/errors.md', content: renderErrorsDoc() },
    { path: 'spec/openapi.json', content: openapi },
    { path: 'web/src/api/schema.d.ts', content: types },
    // The SDK is published on its own: it carries its copy of the types rather than reach into web/.
    { path: 'packages/sdk/src/schema.d.ts', content: types },
  ];
}
