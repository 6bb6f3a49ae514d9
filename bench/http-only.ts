// Only the HTTP check, small and quick, to work on the request pipeline (issue 18) without the whole
// bench: the app (createGatehouse over PGlite, a few organizations of the generated world), the POST
// floor and the hello-world of http.ts, loaded the same way (load-generator.ts, pinned as cpu.ts
// plans), alternated in one run; then check-batch. Prints the ratios the bench prints
// (`httpCheckVsPostFloor`, batch checks/s against the same engine's checks in process).
//   node --import tsx bench/http-only.ts
//   BENCH_HTTP_SECONDS=s      seconds a contender per round (default 2; 2 rounds)
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
import { BATCH_SIZE, HTTP_SECONDS, loadAll, startFloors } from './http.js';
import { startLoadGenerator, type LoadRequest } from './load-generator.js';
import { fmt, logger } from './measure.js';
import { loadWorld, warmEngine } from './pglite-world.js';
import { generateWorld, makeQueries, SEED } from './world.js';

const ORGS = Number(process.env.BENCH_HTTP_ORGS ?? 20);
const PROFILE = process.env.BENCH_PROFILE;
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
    await generator.close();
    await floors?.close();
    const file = `${process.env.TMPDIR ?? "/tmp"}/http-${PROFILE}-${Date.now()}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    console.log(`${PROFILE}: ${fmt(r.rps)} req/s under the profiler (${file})\n`);
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
    try {
      const { figures, pinning } = await loadAll(
        [
          { name: 'hello', url: floors.helloUrl, requests: [{ method: 'GET', path: '/hello' }], inProcess: true },
          { name: 'POST floor', url: floors.floorUrl, requests: checkRequests, headers, inProcess: true },
          { name: 'Gatehouse', url, requests: checkRequests, headers, inProcess: true },
        ],
        [{ name: 'batch', url, requests: batchRequests, headers, inProcess: true }],
      );
      const rps = (name: string) => figures.get(name)!.rps;
      const batch = rps('batch') * BATCH_SIZE;
      console.log(`${pinning.note}; ${HTTP_SECONDS} s × 2 rounds, alternated`);
      for (const f of figures.values()) console.log(`${f.name}: ${fmt(f.rps)} req/s, p99 ${fmt(f.p99Ms)} ms`);
      console.log(
        JSON.stringify({
          httpCheckVsPostFloor: Number((rps('Gatehouse') / rps('POST floor')).toFixed(2)),
          httpCheckVsHello: Number((rps('Gatehouse') / rps('hello')).toFixed(2)),
          batchChecksPerSecond: Math.round(batch),
          inProcessChecksPerSecond: Math.round(inProcess),
          batchVsInProcess: Number((batch / inProcess).toFixed(3)),
        }),
      );
    } finally {
      await floors.close();
    }
  }
} finally {
  await gatehouse.close?.();
  await db.close?.();
}
