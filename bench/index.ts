// `npm run bench`: prints each benchmark's table, the goals (bench/goals.ts) with met/missed, the
// runtime and, as the last line, one JSON object of figures (`ratios` at its top level holds every
// figure a goal reads; `goals` each goal's verdict). Exits 0 when every goal is met, 1 otherwise
// (and 1 with the error if a benchmark breaks); it closes all it opens, so it ends by itself.
//   BENCH_SCALE=k        k × the authorization world (default 1: 1,000 orgs, 1,000,000 devices)
//   BENCH_MEMBERS=n      members of the member-list organization (default 100,000)
//   BENCH_SECONDS, BENCH_HTTP_SECONDS, BENCH_PEER_ORGS: see bench/measure.ts, http.ts, authz.ts
// Run with --expose-gc (the npm script does) for the memory figures. The same tables and figures go
// to docs/figures/bench-latest.md and .json (scripts/figures.ts), which the docs link.
import { performance } from 'node:perf_hooks';
import { benchMembersListInChild, MEMBERS } from './members-list.js';
import { authzTable, benchAuthz, printAuthz, SCALE, startBackground } from './authz.js';
import { evaluate, goalsTable, printGoals } from './goals.js';
import { describeMachine, measured, writeFigures } from '../scripts/figures.js';
import { serveUntil, stopwatch } from './phases.js';

const t0 = performance.now();
try {
  // The member list, the 10× child and SpiceDB's loading start first, each in a process of its own:
  // they load while the authorization world is built here, and measure when let (phases.ts).
  const membersRun = benchMembersListInChild().then(
    (ok) => ({ ok }),
    (error: unknown) => ({ error }),
  );
  const background = startBackground();
  const authz = await benchAuthz(background);
  let membersList: Record<string, unknown>;
  let searchRareMs: number | undefined;
  let membersMarkdown: string;
  try {
    const run = await serveUntil(membersRun);
    stopwatch.lap('waiting for the member list');
    if ('error' in run) throw run.error;
    const members = run.ok;
    const heading = `Member list: ${members.members.toLocaleString('en')} members on ${members.engine} (loaded in ${(members.loadMs / 1000).toFixed(1)} s), median of 10 runs (OFFSET: 5)`;
    const table = ['| case | median ms |', '|---|---:|', ...members.rows.map((r) => `| ${r.case} | ${r.ms.toFixed(2)} |`)].join('\n');
    console.log(`\n${heading}\n${table}`);
    membersMarkdown = `${heading}.\n\n${table}`;
    searchRareMs = members.rows.find((r) => r.case === 'search, one e-mail')?.ms;
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
  }

  printAuthz(authz);
  const runtimeSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
  const ratios = {
    ...authz.ratios,
    memberSearchRareMs: searchRareMs === undefined ? null : Number(searchRareMs.toFixed(3)),
    runtimeSeconds,
  };
  const notes = { ...authz.notes, ...(searchRareMs === undefined ? { memberSearchRareMs: 'the member-list benchmark failed' } : {}) };
  const defaultSize = SCALE === 1 && MEMBERS === 100_000;
  const goals = evaluate(ratios, notes, defaultSize);
  printGoals(goals);
  const met = goals.every((g) => g.met) && !('error' in membersList);
  console.log(
    `\nTotal runtime ${runtimeSeconds} s (${Math.floor(runtimeSeconds / 60)} min ${Math.round(runtimeSeconds % 60)} s); ${goals.filter((g) => !g.met).length} goal(s) missed; exit ${met ? 0 : 1}`,
  );
  // Where the main process's time went (phases.ts); the children log their own steps on stderr.
  const phases = stopwatch.laps;
  console.log(
    `Phases (s): ${Object.entries(phases)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const figures = {
    membersList,
    authz: authz.figures,
    ratios,
    runtimeSeconds,
    goals,
    goalsMet: goals.filter((g) => g.met).map((g) => g.key),
    goalsMissed: goals.filter((g) => !g.met).map((g) => g.key),
    phases,
  };
  const machine = measured();
  const settings = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_DATABASE_URL'));
  const settingsText = Object.keys(settings).length
    ? Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
    : 'the defaults (no BENCH_* variable set)';
  // The database URL is named, not printed (it may hold a password).
  const databaseText = process.env.BENCH_DATABASE_URL ? '; the webhook latency on PostgreSQL (BENCH_DATABASE_URL set)' : '';
  const dir = writeFigures('bench', {
    markdown: [
      '<!-- Written by `npm run bench` (bench/index.ts) at the end of every run: do not edit by hand. -->',
      '# Benchmark figures: the latest run',
      '',
      `${describeMachine(machine)} Settings: ${settingsText}${databaseText}; runtime ${runtimeSeconds} s.`,
      `Where the time went (s): ${Object.entries(phases)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
      'How each figure is measured: bench/*.ts; what they mean: [performance](../performance.md).',
      '',
      '## Goals',
      '',
      goalsTable(goals),
      '',
      '## Member list',
      '',
      membersMarkdown,
      '',
      '## Authorization: in-process, HTTP, peers, scale, memory and freshness (one run, one generated world)',
      '',
      authzTable(authz),
    ].join('\n'),
    json: { measured: machine, settings, ...figures },
  });
  console.error(`figures written to ${dir}/bench-latest.md and .json`);
  console.log(JSON.stringify(figures));
  process.exitCode = met ? 0 : 1;
  // Everything the bench opened is closed by now, so it ends here by itself. Once in four CI runs a
  // tiny run still did not (the handle was not found): should anything hold the process, it is
  // named on stderr and the bench ends anyway, so whatever waits for it never hangs. Unref'd: it
  // keeps nothing open itself.
  setTimeout(() => {
    console.error(`bench: still open 30 s after the last line: ${process.getActiveResourcesInfo().join(', ')}`);
    process.exit();
  }, 30_000).unref();
} catch (e) {
  // A broken run must not hang whatever waits for it: out, with the error, now.
  console.error('bench failed:', e);
  process.exit(1);
}
