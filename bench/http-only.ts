// Only the HTTP check, small and quick, to work on the request pipeline (issue 18) without the whole
// bench: the app (createGatehouse over PGlite, a few organizations of the generated world), the POST
// floor and the hello-world of http.ts, loaded the same way (load-generator.ts, pinned as cpu.ts
// plans), alternated in one run; then check-batch. Prints the ratios the bench prints
// (`httpCheckVsPostFloor`, batch checks/s against the same engine's checks in process).
//   npm run bench:http   (node --import tsx bench/http-only.ts)
//   BENCH_HTTP_SECONDS=s      seconds a contender per round (default 2; 3 rounds), and this
//                             process's CPU time per request (steadier than req/s on a busy machine)
//   BENCH_HTTP_ORGS=n         organizations of the world loaded (default 20)
//   BENCH_PROFILE=check|batch|floor instead: loads that route for BENCH_PROFILE_SECONDS (default 10)
//                             under the V8 profiler (as --cpu-prof, but only the load) and prints
//                             the top-10 functions by self time; the .cpuprofile goes to TMPDIR (/tmp).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.js';
import { applyShippedCatalog, createGatehouse } from '../src/server.js';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { affinityOf, pin, plan } from '../test/support/cpu.js';
import { BATCH_SIZE, CONNECTIONS, HTTP_SECONDS, startFloors } from './http.js';
import { startLoadGenerator, type LoadRequest } from './load-generator.js';
import { fmt, logger } from './measure.js';
import { loadWorld, warmEngine } from './pglite-world.js';
import { generateWorld, makeQueries, SEED } from './world.js';

const ORGS = Number(process.env.BENCH_HTTP_ORGS ?? 20);
const PROFILE = process.env.BENCH_PROFILE;
const ROUNDS = 3;
const PROFILE_SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);
const log = logger('bench, http only');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The top `n` functions by self time of a V8 CPU profile, as a Markdown table. */
function topSelf(profile: { nodes: ProfileNode[]; samples: number[] }, n = 10): string {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const f = byNode.get(id)!.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [
    '| self % | function |',
    '|---:|---|',
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `| ${((100 * v) / total).toFixed(1)} | ${k.replaceAll('|', '\\|')} |`),
  ].join('\n');
}

const t0 = performance.now();
const w = generateWorld(0.1);
const db = await openDb({ databaseUrl: 'memory', dataDir: '' });
await migrate(db);
await applyShippedCatalog(db);
await loadWorld(db, w, ORGS, log);
const config = loadConfig({ DATABASE_URL: 'memory', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const gatehouse = await createGatehouse(config, { db });
await warmEngine(gatehouse.core.authzEngine, w.orgIds.slice(0, ORGS));
const { key } = await gatehouse.core.serviceClients.create('bench');
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const plain = makeQueries(w, 4096, false, ORGS, SEED + 3);
const device = makeQueries(w, 4096, true, ORGS, SEED + 4);
const objs = (i: number) => (i % 2 === 0 ? plain : device).objs[i]!;
const checkRequests: LoadRequest[] = Array.from({ length: 512 }, (_, i) => ({
  method: 'POST',
  path: '/api/v1/authz/check',
  body: JSON.stringify(objs(i)),
}));
const batchRequests: LoadRequest[] = Array.from({ length: 4 }, (_, b) => ({
  method: 'POST',
  path: '/api/v1/authz/check-batch',
  body: JSON.stringify({ checks: Array.from({ length: BATCH_SIZE }, (_, j) => objs(b * BATCH_SIZE + j)) }),
}));
await gatehouse.app.listen({ port: 0, host: '127.0.0.1' });
const a = gatehouse.app.server.address();
const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
log(`set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

try {
  if (PROFILE) {
    const generator = await startLoadGenerator();
    // Pinned as the figures below: unpinned, the two processes share cores with whatever else runs,
    // and a sample taken while this process waits for a core lands on the syscall it was in (writev).
    const pinning = plan();
    const mine = affinityOf(process.pid);
    if (pinning.pinned) {
      pin(generator.pid, pinning.generator);
      pin(process.pid, pinning.service);
    }
    const requests = PROFILE === 'batch' ? batchRequests : checkRequests;
    const floors = PROFILE === 'floor' ? await startFloors() : undefined;
    const job = { url: floors?.floorUrl ?? url, requests, connections: 16, headers };
    await generator.run({ ...job, seconds: 1 });
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const r = await generator.run({ ...job, seconds: PROFILE_SECONDS });
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    if (pinning.pinned && mine) pin(process.pid, mine);
    await generator.close();
    await floors?.close();
    const file = `${process.env.TMPDIR ?? '/tmp'}/http-${PROFILE}-${Date.now()}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    console.log(`${PROFILE}: ${fmt(r.rps)} req/s under the profiler, ${pinning.note} (${file})\n`);
    console.log(topSelf(profile as unknown as { nodes: ProfileNode[]; samples: number[] }));
  } else {
    // The same engine in process, one check after another: the batch's own floor here.
    const checks = Array.from({ length: 8192 }, (_, i) => objs(i % 4096));
    const caller = { kind: 'service' as const, clientId: 'bench' };
    let n = 0;
    const t = performance.now();
    while (performance.now() - t < 1000) for (let i = 0; i < 1024; i++, n++) gatehouse.core.authz.check(caller, checks[n % 8192]!);
    const inProcess = n / ((performance.now() - t) / 1000);
    const floors = await startFloors();
    // Like http.ts's loadAll, pinned the same way, plus this process's CPU time per request: on a
    // busy machine requests per second move with the neighbours; the CPU a request costs much less.
    const pinning = plan();
    const generator = await startLoadGenerator();
    const mine = affinityOf(process.pid);
    try {
      if (pinning.pinned) {
        pin(generator.pid, pinning.generator);
        pin(process.pid, pinning.service);
      }
      const contenders = [
        { name: 'hello', url: floors.helloUrl, requests: [{ method: 'GET' as const, path: '/hello' }] },
        { name: 'POST floor', url: floors.floorUrl, requests: checkRequests },
        { name: 'Gatehouse', url, requests: checkRequests },
      ];
      const batchContender = { name: 'batch', url, requests: batchRequests };
      const tally = new Map<string, { requests: number; seconds: number; cpuUs: number }>();
      const run = async (c: (typeof contenders)[number], seconds: number, counted: boolean) => {
        const cpu0 = process.cpuUsage();
        const r = await generator.run({ url: c.url, requests: c.requests, seconds, connections: CONNECTIONS, headers });
        const cpu = process.cpuUsage(cpu0);
        if (r.non2xx > 0 || r.errors > 0) throw new Error(`${c.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        if (!counted) return;
        const t = tally.get(c.name) ?? { requests: 0, seconds: 0, cpuUs: 0 };
        t.requests += r.total;
        t.seconds += r.total / r.rps;
        t.cpuUs += cpu.user + cpu.system;
        tally.set(c.name, t);
      };
      for (const c of [...contenders, batchContender]) await run(c, 1, false);
      for (let round = 0; round < ROUNDS; round++) for (const c of contenders) await run(c, HTTP_SECONDS, true);
      await run(batchContender, HTTP_SECONDS, true);
      const rps = (name: string) => tally.get(name)!.requests / tally.get(name)!.seconds;
      const cpuPerRequest = (name: string) => tally.get(name)!.cpuUs / tally.get(name)!.requests;
      console.log(`${pinning.note}; ${HTTP_SECONDS} s × ${ROUNDS} rounds, alternated`);
      for (const name of tally.keys()) console.log(`${name}: ${fmt(rps(name))} req/s, ${fmt(cpuPerRequest(name))} µs CPU a request`);
      const batch = rps('batch') * BATCH_SIZE;
      console.log(
        JSON.stringify({
          httpCheckVsPostFloor: Number((rps('Gatehouse') / rps('POST floor')).toFixed(2)),
          // What the ratio would be on a core of its own: the floor's CPU per request over the check's.
          cpuPostFloorOverCheck: Number((cpuPerRequest('POST floor') / cpuPerRequest('Gatehouse')).toFixed(2)),
          httpCheckVsHello: Number((rps('Gatehouse') / rps('hello')).toFixed(2)),
          batchChecksPerSecond: Math.round(batch),
          batchCpuUsPerCheck: Number((cpuPerRequest('batch') / BATCH_SIZE).toFixed(3)),
          inProcessChecksPerSecond: Math.round(inProcess),
          batchVsInProcess: Number((batch / inProcess).toFixed(3)),
        }),
      );
    } finally {
      if (pinning.pinned && mine) pin(process.pid, mine);
      await generator.close();
      await floors.close();
    }
  }
} finally {
  await gatehouse.close?.();
  await db.close?.();
}
