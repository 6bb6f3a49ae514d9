// Mutation testing of the core's pure modules with StrykerJS (`npm run mutation`).
// Each module is mutated in a run of its own whose command runs only the unit tests that cover it:
// Stryker's `command` runner cannot tell which test covers which mutant, so a narrow command per
// module keeps every mutant's run short. Prints one table of scores and fails when a module is
// below the threshold. Slow (minutes): not part of `npm test`; scores are recorded in the docs.
//   npm run mutation                          every module
//   npm run mutation -- decision-index email  only the modules whose file name contains a word
//   npm run mutation -- --report-only         the table from the last run's reports (no mutating)
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

/**
 * Survivors that are equivalent mutants: no input can tell them from the original. Each is named
 * by its file, mutator, replacement and a piece of its source line (not by line number, so the list
 * survives edits elsewhere in the file), with the reason. They are left out of the score, and a
 * listed mutant that stops surviving (or stops existing) is reported, so the list cannot go stale.
 */
export const EQUIVALENT = [
  // password-policy.ts
  {
    file: 'password-policy.ts',
    mutator: 'MethodExpression',
    replacement: 'line',
    line: 'const entry = line.trim();',
    why: 'the shipped blocklist has no surrounding spaces (a unit test checks the file); CR is split off before',
  },
  {
    file: 'password-policy.ts',
    mutator: 'EqualityOperator',
    replacement: 'plus <= 0',
    line: 'const candidates = plus < 0',
    why: 'a "+" first makes the second candidate "", which is below the 4-character minimum anyway',
  },
  // email.ts
  {
    file: 'email.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: "if (trimmed === '' || /\\s/.test(trimmed))",
    why: "'' is refused again below (domainToASCII('') is '', and '' has no dot)",
  },
  {
    file: 'email.ts',
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    line: "if (trimmed === '' || /\\s/.test(trimmed))",
    why: 'same: the empty domain is refused by the later checks',
  },
  {
    file: 'email.ts',
    mutator: 'MethodExpression',
    replacement: 'trimmed.toUpperCase()',
    line: 'domainToASCII(trimmed.toLowerCase())',
    why: 'domainToASCII lower-cases itself (UTS #46 mapping)',
  },
  {
    file: 'email.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: "if (ascii === '' || ascii.length > 253)",
    why: "ascii === '': a single empty label is refused by the two-label check",
  },
  {
    file: 'email.ts',
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    line: "if (ascii === '' || ascii.length > 253)",
    why: 'same',
  },
  {
    file: 'email.ts',
    mutator: 'EqualityOperator',
    replacement: 'at < 0',
    line: 'if (at <= 0 || at === trimmed.length - 1)',
    why: 'at = 0 leaves an empty local part, which LOCAL_PART ({1,64}) refuses',
  },
  {
    file: 'email.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: 'if (at <= 0 || at === trimmed.length - 1)',
    why: 'an @ at the end leaves an empty domain, which normalizeDomain refuses',
  },
  {
    file: 'email.ts',
    mutator: 'ArithmeticOperator',
    replacement: 'trimmed.length + 1',
    line: 'if (at <= 0 || at === trimmed.length - 1)',
    why: 'same: never equal, and the empty domain is refused later',
  },
  // pagination.ts
  {
    file: 'pagination.ts',
    mutator: 'StringLiteral',
    replacement: '""',
    line: "Buffer.from(JSON.stringify(position), 'utf8')",
    why: "Buffer.from(s, '') uses the default encoding, UTF-8",
  },
  {
    file: 'pagination.ts',
    mutator: 'BlockStatement',
    replacement: '{}',
    line: '} catch {',
    why: 'value stays undefined, which the next check refuses with the same 400',
  },
  {
    file: 'pagination.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: "if (typeof value !== 'object' || value === null",
    why: 'a string or number has no own entries matching the fields: refused with the same 400 by the field checks',
  },
  // clock-random.ts
  {
    file: 'clock-random.ts',
    mutator: 'EqualityOperator',
    replacement: 'bits > 5',
    line: 'while (bits >= 5)',
    why: 'five bits left over are written by the final step instead, as the same character',
  },
  {
    file: 'clock-random.ts',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    line: 'if (bits > 0) out +=',
    why: 'ids are 16 bytes: 128 bits always leave 3, never 0',
  },
  { file: 'clock-random.ts', mutator: 'EqualityOperator', replacement: 'bits >= 0', line: 'if (bits > 0) out +=', why: 'same' },
  {
    file: 'clock-random.ts',
    mutator: 'MethodExpression',
    replacement: 'base32(buf)',
    line: 'base32(buf).slice(0, 26)',
    why: '16 bytes are exactly 26 characters: the slice is a safeguard',
  },
  {
    file: 'clock-random.ts',
    mutator: 'StringLiteral',
    replacement: '""',
    line: ".update(secret, 'utf8')",
    why: "hash.update(s, '') uses the default encoding, UTF-8",
  },
];

/** `file:from-to` for the lines of one exported function (Stryker's line-range syntax). */
function rangeOf(file, fn) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const from = lines.findIndex((l) => l.startsWith(`export function ${fn}(`));
  if (from < 0) throw new Error(`${fn} not found in ${file}`);
  const to = lines.findIndex((l, i) => i > from && l === '}');
  return `${file}:${from + 1}-${to + 1}`;
}

const reportOnly = process.argv.includes('--report-only');
const words = process.argv.slice(2).filter((a) => a !== '--report-only');
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
  const run = reportOnly
    ? { status: 0 }
    : spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', configFile], { stdio: 'inherit' });
  if (run.status !== 0) {
    rows.push({ module: m.mutate, error: `stryker exited ${run.status}` });
    continue;
  }
  const report = JSON.parse(readFileSync(config.jsonReporter.fileName, 'utf8'));
  const mutants = Object.values(report.files).flatMap((f) =>
    f.mutants.map((x) => ({ ...x, sourceLine: f.source.split('\n')[x.location.start.line - 1] })),
  );
  const listed = EQUIVALENT.filter((e) => m.mutate.endsWith(`/${e.file}`));
  const isListed = (x) =>
    listed.find((e) => e.mutator === x.mutatorName && e.replacement === x.replacement && x.sourceLine.includes(e.line));
  const survivors = mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage');
  const equivalent = survivors.filter(isListed);
  const stale = listed.filter((e) => !equivalent.some((x) => isListed(x) === e));
  const killed = mutants.filter((x) => x.status === 'Killed' || x.status === 'Timeout').length;
  const survived = survivors.length - equivalent.length;
  const rawScore = (100 * killed) / Math.max(1, killed + survivors.length);
  const score = killed + survived === 0 ? 100 : (100 * killed) / (killed + survived);
  for (const e of stale)
    console.log(
      `  listed as equivalent but not a survivor any more: ${e.mutator} → ${e.replacement} in "${e.line}" (remove it from EQUIVALENT)`,
    );
  for (const x of survivors.filter((y) => !isListed(y)))
    console.log(`  survivor: ${m.mutate}:${x.location.start.line} ${x.mutatorName} → ${x.replacement}`);
  rows.push({
    module: m.mutate + (m.only ? ` (${m.only})` : ''),
    killed,
    survived,
    equivalent: equivalent.length,
    rawScore,
    score,
    stale: stale.length,
  });
}

// score: killed / (killed + survived), the equivalent mutants left out; raw: Stryker's own score.
console.log('\nmodule                                                        killed  survived  equivalent   score    raw');
for (const r of rows) {
  if (r.error) console.log(`${r.module.padEnd(60)} ${r.error}`);
  else
    console.log(
      `${r.module.padEnd(60)} ${String(r.killed).padStart(6)}  ${String(r.survived).padStart(8)}  ${String(r.equivalent).padStart(10)}  ${r.score.toFixed(1).padStart(5)} %  ${r.rawScore.toFixed(1).padStart(5)} %`,
    );
}
const below = rows.filter((r) => r.error || r.score < THRESHOLD || r.stale > 0);
if (below.length) {
  console.log(
    `\n${below.length} module(s) below ${THRESHOLD} % (or with a stale equivalent-mutant entry): ${below.map((r) => r.module).join(', ')}`,
  );
  process.exit(1);
}
