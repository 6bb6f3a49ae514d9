// `npm run bench`: prints each benchmark's table and, as the last line, one JSON object of figures
// (`ratios` at its top level: the authorization goals of issue 5). The same tables and figures go
// to docs/figures/bench-latest.md and .json (scripts/figures.ts), which the docs link.
import { performance } from 'node:perf_hooks';
import { benchMembersList } from './members-list.js';
import { authzTables, benchAuthz, printAuthz } from './authz.js';
import { describeMachine, measured, writeFigures } from '../scripts/figures.js';

const t0 = performance.now();
let membersList: Record<string, unknown>;
let membersMarkdown: string;
try {
  const members = await benchMembersList();
  const heading = `Member list: ${members.members.toLocaleString('en')} members on ${members.engine} (loaded in ${(members.loadMs / 1000).toFixed(1)} s), median of 20 runs`;
  const table = ['| case | median ms |', '|---|---:|', ...members.rows.map((r) => `| ${r.case} | ${r.ms.toFixed(2)} |`)].join('\n');
  console.log(`\n${heading}\n${table}`);
  membersMarkdown = `${heading}.\n\n${table}`;
  membersList = {
    engine: members.engine,
    members: members.members,
    ms: Object.fromEntries(members.rows.map((r) => [r.case, Number(r.ms.toFixed(3))])),
    ratios: { offsetOverKeyset: Number(members.ratios.offsetOverKeyset.toFixed(1)) },
  };
} catch (e) {
  // One broken benchmark must not hide the others' figures; the run still fails.
  console.error('member-list benchmark failed:', e);
  membersList = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  membersMarkdown = `The member-list benchmark failed: ${String(membersList.error)}`;
  process.exitCode = 1;
}

const authz = await benchAuthz();
printAuthz(authz);
const runtimeSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
console.log(`\nTotal runtime ${runtimeSeconds} s`);
const figures = { membersList, authz: authz.figures, ratios: authz.ratios, runtimeSeconds };

const machine = measured();
const settings = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_DATABASE_URL'));
const settingsText = Object.keys(settings).length ? Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ') : 'the defaults (no BENCH_* variable set)';
const dir = writeFigures('bench', {
  markdown: [
    '<!-- Written by `npm run bench` (bench/index.ts) at the end of every run: do not edit by hand. -->',
    '# Benchmark figures: the latest run',
    '',
    `${describeMachine(machine)} Settings: ${settingsText}; runtime ${runtimeSeconds} s.`,
    '`npm run bench` on the same machine moves these by 30–40 % between runs; how each figure is measured: bench/authz.ts',
    'and bench/members-list.ts; what they mean: [performance](../performance.md).',
    '',
    '## Member list',
    '',
    membersMarkdown,
    '',
    '## Authorization: in-process, HTTP, scale and freshness (one run, one generated world)',
    '',
    authzTables(authz),
  ].join('\n'),
  json: { measured: machine, settings, ...figures },
});
console.error(`figures written to ${dir}/bench-latest.md and .json`);
console.log(JSON.stringify(figures));
