// Mutation testing of the core's pure modules with StrykerJS (`npm run mutation`).
// Each module is mutated in a run of its own whose command runs only the unit tests that cover it:
// Stryker's `command` runner cannot tell which test covers which mutant, so a narrow command per
// module keeps every mutant's run short. Prints one table of scores and fails when a module is
// below the threshold. Slow (minutes): not part of `npm test`; scores are recorded in the docs.
//   npm run mutation                          every module
//   npm run mutation -- decision-index email  only the modules whose file name contains a word
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const THRESHOLD = 85;

/** module (optionally a line range, `file:from-to`) → the unit tests that cover it */
export const MODULES = [
  { mutate: 'src/core/authz/decision-index.ts', tests: ['test/unit/decision-index.test.ts'] },
  { mutate: 'src/core/authz/authz.ts', tests: ['test/unit/authz.test.ts'] },
  { mutate: 'src/core/authz/permissions.ts', tests: ['test/unit/permissions.test.ts'] },
  { mutate: 'src/core/invitations/delivery.ts', tests: ['test/unit/invitation-delivery.test.ts'] },
  { mutate: 'src/core/passwords/password-policy.ts', tests: ['test/unit/password-policy.test.ts'] },
  { mutate: 'src/core/email.ts', tests: ['test/unit/email.test.ts'] },
  { mutate: 'src/core/pagination.ts', tests: ['test/unit/pagination.test.ts'] },
  { mutate: 'src/core/semaphore.ts', tests: ['test/unit/semaphore.test.ts'] },
  { mutate: 'src/core/clock-random.ts', tests: ['test/unit/clock-random.test.ts'] },
  { mutate: 'src/core/errors.ts', tests: ['test/unit/error-catalogue.test.ts'] },
  // Only the pure part: the rest of the file runs inside transactions (integration tests).
  { mutate: 'src/core/organizations/membership-rules.ts', only: 'defaultOrganizationName', tests: ['test/unit/membership-rules.test.ts'] },
];

/** `file:from-to` for the lines of one exported function (Stryker's line-range syntax). */
function rangeOf(file, fn) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const from = lines.findIndex((l) => l.startsWith(`export function ${fn}(`));
  if (from < 0) throw new Error(`${fn} not found in ${file}`);
  const to = lines.findIndex((l, i) => i > from && l === '}');
  return `${file}:${from + 1}-${to + 1}`;
}

const words = process.argv.slice(2);
const chosen = MODULES.filter((m) => words.length === 0 || words.some((w) => m.mutate.includes(w)));
if (chosen.length === 0) {
  console.error(`no module matches ${words.join(' ')}`);
  process.exit(1);
}

const outDir = resolve('reports/mutation');
mkdirSync(outDir, { recursive: true });
const rows = [];
for (const m of chosen) {
  const name = m.mutate.split('/').at(-1).replace(/\.ts$/, '');
  const config = {
    $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'command',
    commandRunner: { command: `node --import tsx --test --test-reporter=dot ${m.tests.join(' ')}` },
    mutate: [m.only ? rangeOf(m.mutate, m.only) : m.mutate],
    coverageAnalysis: 'off',
    // Only what the tests need is copied into the sandbox.
    ignorePatterns: ['/web', '/proof', '/bench', '/examples', '/dist', '/data', '/reports', '/test/e2e', '/test/integration', '/docs'],
    concurrency: 2,
    timeoutMS: 20_000,
    reporters: ['clear-text', 'json'],
    jsonReporter: { fileName: join(outDir, `${name}.json`) },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
    tempDirName: `.stryker-tmp/${name}`,
    cleanTempDir: 'always',
    logLevel: 'warn',
    fileLogLevel: 'off',
  };
  const configFile = join(outDir, `${name}.stryker.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  console.log(`\n### ${m.mutate}${m.only ? ` (${m.only})` : ''} ← ${m.tests.join(', ')}`);
  const run = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', configFile], { stdio: 'inherit' });
  if (run.status !== 0) {
    rows.push({ module: m.mutate, error: `stryker exited ${run.status}` });
    continue;
  }
  const report = JSON.parse(readFileSync(config.jsonReporter.fileName, 'utf8'));
  const mutants = Object.values(report.files).flatMap((f) => f.mutants);
  const count = (...states) => mutants.filter((x) => states.includes(x.status)).length;
  const killed = count('Killed', 'Timeout');
  const survived = count('Survived', 'NoCoverage');
  const valid = killed + survived;
  rows.push({ module: m.mutate + (m.only ? ` (${m.only})` : ''), killed, survived, score: valid === 0 ? 100 : (100 * killed) / valid });
}

console.log('\nmodule                                                     killed  survived  score');
for (const r of rows) {
  if (r.error) console.log(`${r.module.padEnd(58)} ${r.error}`);
  else console.log(`${r.module.padEnd(58)} ${String(r.killed).padStart(6)}  ${String(r.survived).padStart(8)}  ${r.score.toFixed(1).padStart(5)} %`);
}
const below = rows.filter((r) => r.error || r.score < THRESHOLD);
if (below.length) {
  console.log(`\n${below.length} module(s) below ${THRESHOLD} %: ${below.map((r) => r.module).join(', ')}`);
  process.exit(1);
}
