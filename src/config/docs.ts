// docs/configuration.md, made from the declaration of the variables (variables.ts).
import { VARIABLE_NAMES, VARIABLES } from './variables.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function configurationDoc(): string {
  const rows = VARIABLE_NAMES.map((name) => `| \`${name}\` | ${cell(VARIABLES[name].doc)} | ${cell(VARIABLES[name].default)} |`);
  return [
    '# Configuration',
    '',
    '<!-- Written by `npm run generate` from src/config/variables.ts: change the declaration there, then run it. A test fails when this file is stale. -->',
    '',
    'Everything comes from environment variables, parsed and validated once at start-up (`src/config/config.ts`);',
    'a bad value stops the service (or any `gatehouse` command) with a message naming every problem, exit code 2.',
    'Durations are written `500ms`, `30s`, `15m`, `8h`, `14d`.',
    '',
    '| variable | meaning | default |',
    '|---|---|---|',
    ...rows,
    '',
    'Production needs at least `NODE_ENV=production`, an `https://` `PUBLIC_URL`, `SMTP_URL`,',
    '`OIDC_KEY_SECRET`, and usually `DATABASE_URL` and `TRUST_PROXY`: see [Operations](operations.md).',
    '',
  ].join('\n');
}
