// The authorization engine, side by side with its peers, on one generated data set (issues 5, 18):
//   1,000 organizations, 100,000 users, 200,000 memberships, 1,000,000 devices, ~1,000,000 device
//   grants (BENCH_SCALE=k multiplies every count), made by a seeded PRNG (world.ts), so every run
//   sees the same world.
//
// What is measured, and how (the printed table says it again next to each figure):
// - in process: Gatehouse's engine (createAuthzEngine, the engine createGatehouse wires) over the
//   indexes of all organizations, built in memory in the loader's shape (index-model.ts); a tight
//   loop over a pre-generated random query list (the same list for every contender; ids are copies
//   of the stored strings, as ids parsed from a request are), BENCH_SECONDS (default 1) per
//   contender after a warm-up. Answers are compared with the reference first (0 mismatches).
//   p50/p99 of one check: `process.hrtime.bigint()` around each of 200,000 calls (timer included).
// - in-process peers: casbin (two layouts, the faster one is the denominator), @casl/ability, and a
//   plain `Map<string, boolean>` as the floor. casbin and CASL hold the first BENCH_PEER_ORGS
//   (default 100) organizations with all of their data — 10 % of the world (casbin needs minutes to
//   build role links for all of it) — and the ratios against them are taken on query lists of those
//   organizations, for ours too.
// - the real service: those same organizations bulk-loaded into PGlite (pglite-world.ts), the full
//   app (createGatehouse, LOG_LEVEL=silent) whose engine reads them through store/authz-loader.ts.
// - HTTP (http.ts): the app's check and check-batch, a GET and a POST floor, Cerbos and SpiceDB
//   (peers/), the same questions, the same concurrency, generator and servers on separate cores.
// - 10× (scale.ts): throughput and index memory at 1× and 10× in a child process.
// - grant visibility (grant-visibility.ts).
// Run alone: `node --expose-gc --import tsx bench/authz.ts`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Enforcer } from 'casbin';
import { loadConfig } from '../src/config/config.js';
import { createGatehouse } from '../src/server.js';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { syncCatalog } from '../src/store/catalog-sync.js';
import { createAuthzEngine } from '../src/core/authz/authz-engine.js';
import { MAX_BATCH } from '../src/core/authz/authz-api.service.js';
import type { CheckResult } from '../src/core/authz/decision-index.js';
import { caslAbilities, caslBatch, caslSubjects, casbinArgs, casbinBatch, casbinEnforcers, floorBatch, mapFloor, oursBatch, oursOne } from './contenders.js';
import { grantVisibility } from './grant-visibility.js';
import { BATCH_SIZE, CONNECTIONS, disagreements, HTTP_SECONDS, loadAll, peerContender, startFloors, type Contender, type ContenderFigures } from './http.js';
import { buildIndexes, canMeasureMemory, heapAfterGc } from './index-model.js';
import { plan } from '../test/support/cpu.js';
import { fmt, latency, logger, mean, mismatches, round, SECONDS, throughput, timerOverheadUs, verified, VERIFY } from './measure.js';
import { startCerbos } from './peers/cerbos.js';
import type { Peer, PeerStart, Question } from './peers/peer.js';
import { startSpiceDb, type SpiceDbStarting } from './peers/spicedb.js';
import { checkpoint, measuring, serveUntil } from './phases.js';
import { loadWorld, warmEngine } from './pglite-world.js';
import { SCALE_FACTOR, startScale, type ScaleResult } from './scale.js';
import { allowedShare, generateWorld, makeQueries, queriesAt, SEED, sizesOf, type Queries } from './world.js';

export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PEER_ORGS = Number(process.env.BENCH_PEER_ORGS ?? 100);
/** Queries per list in process (the peer lists a quarter of it). */
const QUERIES = queriesAt(SCALE);
const log = logger('bench, authz');

const peerOrgsAt = (scale: number) => Math.min(PEER_ORGS, Math.round(1_000 * scale));

type Settled<T> = { ok: T } | { error: Error };
const settle = <T,>(p: Promise<T>): Promise<Settled<T>> => p.then((ok) => ({ ok }), (e: unknown) => ({ error: e instanceof Error ? e : new Error(String(e)) }));

/** What runs in the background from the start of `npm run bench`: the 10× child, SpiceDB's loading. */
export interface Background {
  scale: Promise<Settled<{ one: ScaleResult; ten: ScaleResult }>>;
  spice: SpiceDbStarting;
}

/** The cores a Go peer gets while it is loaded (http.ts pins it there): its GOMAXPROCS. */
const goMaxProcs = () => { const p = plan(); return p.pinned ? p.service.length : undefined; };

export function startBackground(): Background {
  return { scale: settle(startScale(SCALE)), spice: startSpiceDb(SCALE, peerOrgsAt(SCALE), goMaxProcs()) };
}

export interface AuthzBench {
  rows: { what: string; value: string; how: string }[];
  figures: Record<string, unknown>;
  /** The last line's `ratios`: every figure a goal reads, and more. */
  ratios: Record<string, number | null>;
  /** Why a figure is missing (a peer that cannot run here). */
  notes: Record<string, string>;
  mismatches: number;
}

export async function benchAuthz(bg: Background = startBackground()): Promise<AuthzBench> {
  const rows: AuthzBench['rows'] = [];
  const row = (what: string, value: string, how = '') => rows.push({ what, value, how });
  const figures: Record<string, unknown> = {};
  const notes: Record<string, string> = {};

  // 1. The world, and Gatehouse's engine over all of it, in memory.
  let t = performance.now();
  const w = generateWorld(SCALE);
  const sizes = sizesOf(w);
  figures.data = sizes;
  const peerOrgs = peerOrgsAt(SCALE);
  const { indexes } = buildIndexes(w);
  const engine = createAuthzEngine({ load: async (id) => indexes.get(id) }, { maxOrganizations: indexes.size });
  await warmEngine(engine, w.orgIds);
  log(`world ${JSON.stringify(sizes)} and its indexes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  row('data', `${sizes.organizations.toLocaleString('en')} orgs, ${sizes.users.toLocaleString('en')} users, ${sizes.memberships.toLocaleString('en')} memberships, ${sizes.devices.toLocaleString('en')} devices, ${sizes.deviceGrants.toLocaleString('en')} grants`,
    `seeded PRNG; in process: indexes in the loader's shape for all ${sizes.organizations.toLocaleString('en')} orgs; the app, casbin, CASL, Cerbos, SpiceDB: the first ${peerOrgs} orgs with all their data`);
  await checkpoint();

  // 2. Query lists (the same for every contender) and the reference answers.
  const plain = makeQueries(w, QUERIES, false, Infinity, SEED + 1);
  const device = makeQueries(w, QUERIES, true, Infinity, SEED + 2);
  const plainPeer = makeQueries(w, QUERIES >> 2, false, peerOrgs, SEED + 3);
  const devicePeer = makeQueries(w, QUERIES >> 2, true, peerOrgs, SEED + 4);
  figures.allowedShare = { plain: round(allowedShare(plain)), device: round(allowedShare(device)) };
  let floor: Map<string, boolean> | undefined = mapFloor([plain, device]);
  const floorSize = floor.size;
  await checkpoint();

  // 3. Ours in process, and the floor: one Map lookup; alternated, best of two each (on this kind of
  // machine the same loop varies by tens of percent from one run to the next, and the order must not decide).
  const inProcess = await measuring(() => {
    const oursMismatches = [plain, device, plainPeer, devicePeer].reduce((n, q) => n + mismatches(q, oursOne(engine, q)), 0);
    const ours = {
      plain: throughput(oursBatch(engine, plain), plain.n),
      device: throughput(oursBatch(engine, device), device.n),
      plainPeer: throughput(oursBatch(engine, plainPeer), plainPeer.n),
      devicePeer: throughput(oursBatch(engine, devicePeer), devicePeer.n),
    };
    const timerUs = timerOverheadUs();
    const latPlain = latency(oursOne(engine, plain), plain.n);
    const latDevice = latency(oursOne(engine, device), device.n);
    const floorMismatches = mismatches(plain, (i) => floorBatch(floor!, plain)(i, 1) === 1) + mismatches(device, (i) => floorBatch(floor!, device)(i, 1) === 1);
    const floorRate = { plain: throughput(floorBatch(floor!, plain), plain.n), device: throughput(floorBatch(floor!, device), device.n) };
    ours.plain = Math.max(ours.plain, throughput(oursBatch(engine, plain), plain.n));
    floorRate.plain = Math.max(floorRate.plain, throughput(floorBatch(floor!, plain), plain.n));
    return { oursMismatches, ours, timerUs, latPlain, latDevice, floorMismatches, floorRate };
  });
  floor = undefined;
  const { ours, latPlain, latDevice, floorRate } = inProcess;
  log(`ours: ${fmt(ours.plain)} /s plain, ${fmt(ours.device)} /s device; ${inProcess.oursMismatches} mismatches`);
  row('ours: engine.check, any permission', `${fmt(ours.plain)} checks/s`, `${plain.n.toLocaleString('en')} random queries over all ${w.orgIds.length} orgs, ${Math.round(allowedShare(plain) * 100)} % allowed; best of 2 runs alternated with the floor's`);
  row('ours: engine.check, device-scoped + device', `${fmt(ours.device)} checks/s`, `${Math.round(allowedShare(device) * 100)} % allowed`);
  row(`ours: any permission, first ${peerOrgs} orgs`, `${fmt(ours.plainPeer)} checks/s`, 'the query list casbin and CASL get');
  row(`ours: device-scoped, first ${peerOrgs} orgs`, `${fmt(ours.devicePeer)} checks/s`, 'the query list casbin and CASL get');
  row('ours: one check, p50 / p99 / p99.9', `${fmt(latPlain.p50Us)} / ${fmt(latPlain.p99Us)} / ${fmt(latPlain.p999Us)} µs`, `hrtime around each of 200,000 calls; the timer alone costs ${fmt(inProcess.timerUs)} µs (included)`);
  row('ours: one device check, p50 / p99 / p99.9', `${fmt(latDevice.p50Us)} / ${fmt(latDevice.p99Us)} / ${fmt(latDevice.p999Us)} µs`, '');
  row('ours: answers ≠ reference', String(inProcess.oursMismatches), `the first ${Math.min(VERIFY, QUERIES).toLocaleString('en')} queries of each of the 4 lists`);
  row('Map floor: any permission', `${fmt(floorRate.plain)} lookups/s`, `Map<string, boolean> of the ${floorSize.toLocaleString('en')} answers; key \`org|user|perm\` built per call; best of 2`);
  row('Map floor: device', `${fmt(floorRate.device)} lookups/s`, 'key `org|user|perm|device`');

  // 4. casbin, on the first PEER_ORGS organizations.
  let cas: Awaited<ReturnType<typeof casbinEnforcers>> | undefined = await casbinEnforcers(w, peerOrgs);
  log(`casbin loaded in ${(cas.loadMs / 1000).toFixed(1)} s: ${JSON.stringify(cas.sizes)}`);
  const args = { aPlain: casbinArgs(w, plainPeer, 'A'), aDevice: casbinArgs(w, devicePeer, 'A'), bPlain: casbinArgs(w, plainPeer, 'B'), bDevice: casbinArgs(w, devicePeer, 'B') };
  // casbin's answers are compared on the start of each list: 20,000 queries, or what 1 s allows.
  let casbinVerified = 0;
  const casbinVerify = (e: Enforcer, q: Queries, a: string[][]) => {
    let bad = 0;
    const until = performance.now() + 1_000;
    let i = 0;
    for (; i < Math.min(20_000, q.n) && (i % 64 !== 0 || performance.now() < until); i++) if (e.enforceSync(...a[i]!) !== (q.expected[i] === 1)) bad++;
    casbinVerified += i;
    return bad;
  };
  const { casbin, casbinMismatches } = await measuring(() => {
    const e = cas!;
    const casbinMismatches = casbinVerify(e.aPlain, plainPeer, args.aPlain) + casbinVerify(e.aDevice, devicePeer, args.aDevice)
      + casbinVerify(e.bPlain, plainPeer, args.bPlain) + casbinVerify(e.bDevice, devicePeer, args.bDevice);
    const casbin = {
      aPlain: throughput(casbinBatch(e.aPlain, args.aPlain), plainPeer.n),
      aDevice: throughput(casbinBatch(e.aDevice, args.aDevice), devicePeer.n),
      bPlain: throughput(casbinBatch(e.bPlain, args.bPlain), plainPeer.n),
      bDevice: throughput(casbinBatch(e.bDevice, args.bDevice), devicePeer.n),
    };
    return { casbin, casbinMismatches };
  });
  const casbinSizes = cas.sizes;
  const casbinLoadMs = cas.loadMs;
  cas = undefined;
  const bestCasbinPlain = Math.max(casbin.aPlain, casbin.bPlain);
  const bestCasbinDevice = Math.max(casbin.aDevice, casbin.bDevice);
  log(`casbin: A ${fmt(casbin.aPlain)}/${fmt(casbin.aDevice)}, B ${fmt(casbin.bPlain)}/${fmt(casbin.bDevice)}; ${casbinMismatches} mismatches`);
  row(`casbin A (role×permission lines, domain "*"): any permission`, `${fmt(casbin.aPlain)} checks/s`,
    `first ${peerOrgs} orgs with all their data: ${casbinSizes.policyLinesA} p lines, ${casbinSizes.userRoleLinks.toLocaleString('en')} g links; enforceSync; loaded in ${(casbinLoadMs / 1000).toFixed(1)} s (both layouts)`);
  row('casbin A: device-scoped + device', `${fmt(casbin.aDevice)} checks/s`, `+ ${casbinSizes.userDeviceLinks.toLocaleString('en')} g2 user→device, ${casbinSizes.deviceOrgLinks.toLocaleString('en')} g3 device→org links`);
  row('casbin B (permissions as leaves of g): any permission', `${fmt(casbin.bPlain)} checks/s`, `no p line to scan; + ${casbinSizes.roleLeafLinks.toLocaleString('en')} role→permission links`);
  row('casbin B: device-scoped + device', `${fmt(casbin.bDevice)} checks/s`, '');
  row('casbin: answers ≠ reference', String(casbinMismatches), `${casbinVerified.toLocaleString('en')} queries (the start of each list, ≤ 20,000 or 1 s per layout and list)`);

  // 5. CASL.
  let casl: ReturnType<typeof caslAbilities> | undefined = caslAbilities(w, peerOrgs);
  const caslBuildMs = casl.buildMs;
  const subjectsPeer = caslSubjects(w, devicePeer);
  const { caslRate, caslMismatches } = await measuring(() => {
    const batchPlain = caslBatch(casl!.byOrg, plainPeer, []);
    const batchDevice = caslBatch(casl!.byOrg, devicePeer, subjectsPeer);
    const caslMismatches = mismatches(plainPeer, (i) => batchPlain(i, 1) === 1) + mismatches(devicePeer, (i) => batchDevice(i, 1) === 1);
    return { caslMismatches, caslRate: { plain: throughput(batchPlain, plainPeer.n), device: throughput(batchDevice, devicePeer.n) } };
  });
  casl = undefined;
  row('@casl/ability: any permission', `${fmt(caslRate.plain)} checks/s`, `one ability per membership (built in ${(caslBuildMs / 1000).toFixed(1)} s), ability.can(permission, 'Organization')`);
  row('@casl/ability: device-scoped + device', `${fmt(caslRate.device)} checks/s`, 'ability.can(permission, device {id, orgId}); grants as `id $in`');
  row('CASL: answers ≠ reference', String(caslMismatches), `${(2 * Math.min(VERIFY, plainPeer.n)).toLocaleString('en')} queries (both lists)`);
  log(`casl: ${fmt(caslRate.plain)}/${fmt(caslRate.device)}; ${caslMismatches} mismatches`);

  // 6. The real service: the peer organizations in PGlite, the app, its engine read by the loader.
  t = performance.now();
  const db = await openDb({ databaseUrl: 'memory', dataDir: '' });
  await migrate(db);
  await syncCatalog(db);
  const loadMs = await loadWorld(db, w, peerOrgs, log);
  log(`${peerOrgs} orgs loaded into ${db.engine} in ${(loadMs / 1000).toFixed(1)} s`);
  const config = loadConfig({ DATABASE_URL: 'memory', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const gatehouse = await createGatehouse(config, { db });
  const appEngine = gatehouse.core.authzEngine;
  const heapBefore = canMeasureMemory ? heapAfterGc() : 0;
  const warm = await warmEngine(appEngine, w.orgIds.slice(0, peerOrgs));
  const loaderBytes = canMeasureMemory ? heapAfterGc() - heapBefore : undefined;
  const model = canMeasureMemory ? buildIndexes(w, { measure: true, orgLimit: peerOrgs }).memory : undefined;
  figures.indexLoadMs = { organizations: peerOrgs, all: round(warm.totalMs, 0), medianPerOrganization: round(warm.medianMs), maxPerOrganization: round(warm.maxMs) };
  row(`the app on ${db.engine}`, `${peerOrgs} orgs in ${(loadMs / 1000).toFixed(1)} s`, 'bulk INSERT … unnest in one transaction, keys and indexes built after the rows (as pg_restore)');
  row('index load (authz-loader, PGlite)', `${fmt(warm.medianMs)} ms/org median`, `${peerOrgs} orgs in ${(warm.totalMs / 1000).toFixed(1)} s, max ${fmt(warm.maxMs)} ms`);
  const loaderMemory = loaderBytes !== undefined && model ? { organizations: peerOrgs, measuredBytes: loaderBytes, modelBytes: model.totalBytes } : null;
  if (loaderBytes !== undefined && model) {
    row('index memory: the loader\'s, from PGlite', `${fmt(loaderBytes / 2 ** 20)} MiB`,
      `${peerOrgs} orgs (${model.members.toLocaleString('en')} members, ${model.deviceGrants.toLocaleString('en')} grants, ${model.devices.toLocaleString('en')} devices), heapUsed after GC around the load; the in-memory model of the same orgs: ${fmt(model.totalBytes / 2 ** 20)} MiB`);
  }

  // 7. Over HTTP.
  const { key } = await gatehouse.core.serviceClients.create('bench');
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const questions: Question[] = Array.from({ length: 512 }, (_, i) => ({ q: i % 2 === 0 ? plainPeer : devicePeer, k: i }));
  const checkRequests = questions.map(({ q, k }) => ({ method: 'POST' as const, path: '/api/v1/authz/check', body: JSON.stringify(q.objs[k]) }));
  const batchQuestion = (i: number): Question => ({ q: i % 2 === 0 ? plainPeer : devicePeer, k: i });
  const batchRequests = Array.from({ length: 16 }, (_, b) => ({
    method: 'POST' as const, path: '/api/v1/authz/check-batch',
    body: JSON.stringify({ checks: Array.from({ length: BATCH_SIZE }, (_, j) => { const { q, k } = batchQuestion(b * BATCH_SIZE + j); return q.objs[k]; }) }),
  }));
  const batchLimit = Math.max(MAX_BATCH * 256, 64 * 1024); // the route's own body limit (authz.routes.ts)
  if (BATCH_SIZE > MAX_BATCH || batchRequests.some((r) => Buffer.byteLength(r.body) > batchLimit)) throw new Error(`a batch of ${BATCH_SIZE} does not fit the route (MAX_BATCH ${MAX_BATCH}, ${batchLimit} bytes)`);
  const gatehouseUrl = await (async () => {
    await gatehouse.app.listen({ port: 0, host: '127.0.0.1' });
    const a = gatehouse.app.server.address();
    return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  })();
  const floors = await startFloors();
  const cerbos: PeerStart = await startCerbos(w, peerOrgs, questions, goMaxProcs());
  log('waiting for SpiceDB to be loaded');
  const spiceReady = await serveUntil(settle(bg.spice.ready));
  const spice: PeerStart = 'error' in spiceReady ? { skipped: `SpiceDB could not start here: ${spiceReady.error.message}` }
    : 'skipped' in spiceReady.ok ? spiceReady.ok : { peer: spiceReady.ok.peer(w, questions) };
  const peers: Peer[] = [cerbos, spice].flatMap((p) => ('peer' in p ? [p.peer] : []));

  const httpMismatches: Record<string, number> = {};
  let http: Awaited<ReturnType<typeof loadAll>>;
  try {
    httpMismatches.Gatehouse = await disagreements(gatehouseUrl, checkRequests, questions, (b) => (b as CheckResult).allowed, headers);
    {
      const res = await fetch(`${gatehouseUrl}/api/v1/authz/check-batch`, { method: 'POST', headers, body: batchRequests[0]!.body });
      const body = (await res.json()) as { results: CheckResult[] };
      if (res.status !== 200) throw new Error(`check-batch: ${res.status} ${JSON.stringify(body)}`);
      httpMismatches['Gatehouse batch'] = body.results.filter((r, j) => { const { q, k } = batchQuestion(j); return r.allowed !== (q.expected[k] === 1); }).length;
    }
    for (const p of peers) httpMismatches[p.name] = await disagreements(p.url, p.requests, questions, p.allowed);
    const contenders: Contender[] = [
      { name: 'hello', url: floors.helloUrl, requests: [{ method: 'GET', path: '/hello' }], inProcess: true },
      { name: 'POST floor', url: floors.floorUrl, requests: checkRequests, headers, inProcess: true },
      { name: 'Gatehouse', url: gatehouseUrl, requests: checkRequests, headers, inProcess: true },
      ...peers.map(peerContender),
    ];
    log('http: loading');
    http = await loadAll(contenders, [{ name: 'Gatehouse batch', url: gatehouseUrl, requests: batchRequests, headers, inProcess: true }]);
  } finally {
    await floors.close();
    for (const p of peers) await p.stop();
  }
  const fig = (name: string) => http.figures.get(name);
  const elu = (f: ContenderFigures | undefined) => (f && f.runs[0]?.serverLoopUtilization !== undefined ? `; server loop busy ${Math.round(mean(f.runs.map((r) => r.serverLoopUtilization!)) * 100)} %` : '');
  const hello = fig('hello')!;
  const postFloor = fig('POST floor')!;
  const check = fig('Gatehouse')!;
  const batch = fig('Gatehouse batch')!;
  const batchChecksPerSec = batch.rps * BATCH_SIZE;
  const rounds = `mean of ${check.runs.length} × ${HTTP_SECONDS} s, alternated`;
  row('HTTP: load', `${CONNECTIONS} connections`, `autocannon in its own process; ${http.pinning.note}; ${rounds}; answers compared with the reference first, every question, every contender`);
  row('HTTP: bare Fastify hello-world (GET /hello)', `${fmt(hello.rps)} req/s`, `p99 ${fmt(hello.p99Ms)} ms${elu(hello)}`);
  row('HTTP: POST floor (bare Fastify POST, the same bodies)', `${fmt(postFloor.rps)} req/s`, `parses the JSON, answers {"allowed":true}; same path, headers and Content-Length as the check; p99 ${fmt(postFloor.p99Ms)} ms${elu(postFloor)}`);
  row('HTTP: POST /api/v1/authz/check', `${fmt(check.rps)} req/s`, `service key, half device-scoped, ${questions.length} distinct questions of the first ${peerOrgs} orgs; p99 ${fmt(check.p99Ms)} ms${elu(check)}`);
  for (const [name, p] of [['Cerbos', cerbos], ['SpiceDB', spice]] as const) {
    if ('skipped' in p) {
      row(`HTTP: ${name}`, 'skipped', p.skipped);
      continue;
    }
    const f = fig(p.peer.name)!;
    row(`HTTP: ${p.peer.name}`, `${fmt(f.rps)} req/s`, `${p.peer.how}; p99 ${fmt(f.p99Ms)} ms`);
  }
  row('HTTP: POST /api/v1/authz/check-batch', `${fmt(batchChecksPerSec)} checks/s`, `${BATCH_SIZE} checks per request; ${fmt(batch.rps)} req/s, p99 ${fmt(batch.p99Ms)} ms${elu(batch)}`);
  row('HTTP: answers ≠ reference', Object.entries(httpMismatches).map(([k, v]) => `${k} ${v}`).join(', '), `${questions.length} questions each (the batch: one request of ${BATCH_SIZE})`);
  log(`http: ${[...http.figures.values()].map((f) => `${f.name} ${fmt(f.rps)}`).join(', ')} req/s`);

  // 8. A grant, visible to the next check.
  const grants = await measuring(() => grantVisibility(w, peerOrgs, db, gatehouse, appEngine));
  row('grant → next check sees it', `${fmt(grants.medianMs)} ms median`,
    `${grants.trials} grants via core.devices.setAccess (the write takes ${fmt(grants.writeMs)} ms); clock from right after COMMIT to the first check after the write returns, which allows; max ${fmt(grants.maxMs)} ms`);
  log(`grant visible: median ${fmt(grants.medianMs)} ms`);
  await gatehouse.close();
  await db.close();

  // 9. 1× and 10× in the child (it has been building them all along).
  log('waiting for the scale child');
  const scaled = await serveUntil(bg.scale);
  let scale1: ScaleResult | undefined;
  let scale10: ScaleResult | undefined;
  if ('error' in scaled) {
    notes.scale10xThroughput = notes.bytesPerDeviceGrant10x = `the scale child failed: ${scaled.error.message}`;
    row('1× and 10× in memory', 'failed', scaled.error.message);
  } else {
    ({ one: scale1, ten: scale10 } = scaled.ok);
    row(`1× in memory (${scale1.sizes.organizations.toLocaleString('en')} orgs)`, `${fmt(scale1.plain)} / ${fmt(scale1.device)} checks/s`,
      `any permission (best of 2) / device-scoped; indexes in the loader's shape, in a child process; p99 ${fmt(scale1.latency.p99Us)} µs`);
    row(`${SCALE_FACTOR}× in memory (${scale10.sizes.organizations.toLocaleString('en')} orgs, ${scale10.sizes.devices.toLocaleString('en')} devices, ${scale10.sizes.deviceGrants.toLocaleString('en')} grants)`,
      `${fmt(scale10.plain)} / ${fmt(scale10.device)} checks/s`, `the same, then; p99 ${fmt(scale10.latency.p99Us)} µs; ${scale1.mismatches + scale10.mismatches} answers ≠ reference at 1× and 10×`);
    for (const [label, s] of [['1×', scale1], [`${SCALE_FACTOR}×`, scale10]] as const) {
      if (!s.memory) continue;
      const mem = s.memory;
      row(`index memory at ${label}`, `${fmt(mem.bytesPerMember)} B/member, ${fmt(mem.bytesPerDeviceGrant)} B/device grant`,
        `${fmt(mem.bytesPerDevice)} B/device; ${fmt(mem.totalBytes / 2 ** 20)} MiB in all for ${mem.members.toLocaleString('en')} members, ${mem.deviceGrants.toLocaleString('en')} grants, ${mem.devices.toLocaleString('en')} devices; heapUsed after a full GC before and after each step (devices, members, grants), fresh id strings as the loader's`);
    }
    if (!scale10.memory) notes.bytesPerDeviceGrant10x = 'no global.gc in the scale child';
  }

  // 10. Ratios.
  const peerFigure = (p: PeerStart) => ('peer' in p ? fig(p.peer.name)?.rps : undefined);
  const cerbosRps = peerFigure(cerbos);
  const spiceRps = peerFigure(spice);
  if ('skipped' in cerbos) notes.httpCheckVsCerbos = cerbos.skipped;
  if ('skipped' in spice) notes.httpCheckVsSpiceDB = spice.skipped;
  const floorMixed = 2 / (1 / floorRate.plain + 1 / floorRate.device); // the batches are half and half
  const mismatchTotal = inProcess.oursMismatches + inProcess.floorMismatches + casbinMismatches + caslMismatches
    + Object.values(httpMismatches).reduce((a, b) => a + b, 0) + (scale1?.mismatches ?? 0) + (scale10?.mismatches ?? 0);
  const orNull = (x: number | undefined, digits: number) => (x === undefined || !Number.isFinite(x) ? null : round(x, digits));
  const ratios: Record<string, number | null> = {
    checkVsCasbin: round(ours.plainPeer / bestCasbinPlain, 1),
    deviceCheckVsCasbin: round(ours.devicePeer / bestCasbinDevice, 1),
    checkVsMapFloor: round(ours.plain / floorRate.plain, 3),
    checkP99Us: round(latPlain.p99Us, 2),
    httpCheckVsHello: round(check.rps / hello.rps, 2),
    httpCheckVsPostFloor: round(check.rps / postFloor.rps, 2),
    httpCheckVsCerbos: orNull(cerbosRps === undefined ? undefined : check.rps / cerbosRps, 2),
    httpCheckVsSpiceDB: orNull(spiceRps === undefined ? undefined : check.rps / spiceRps, 2),
    batchVsSingle: round(batchChecksPerSec / check.rps, 1),
    batchHttpChecksPerSecond: Math.round(batchChecksPerSec),
    batchHttpVsInProcessFloor: round(batchChecksPerSec / floorMixed, 3),
    scale10xThroughput: orNull(scale1 && scale10 ? scale10.plain / scale1.plain : undefined, 2),
    bytesPerMember1x: orNull(scale1?.memory?.bytesPerMember, 1),
    bytesPerDeviceGrant1x: orNull(scale1?.memory?.bytesPerDeviceGrant, 1),
    bytesPerMember10x: orNull(scale10?.memory?.bytesPerMember, 1),
    bytesPerDeviceGrant10x: orNull(scale10?.memory?.bytesPerDeviceGrant, 1),
    grantVisibleMs: round(grants.medianMs, 3),
    answerMismatches: mismatchTotal,
  };
  const httpFigure = (f: ContenderFigures | undefined) => (f ? { rps: Math.round(f.rps), p99Ms: round(f.p99Ms), runs: f.runs.map((r) => Math.round(r.rps)) } : null);
  Object.assign(figures, {
    peerOrganizations: peerOrgs,
    moreRatios: {
      checkVsCasbinLayoutA: round(ours.plainPeer / casbin.aPlain, 0),
      deviceCheckVsCasbinLayoutA: round(ours.devicePeer / casbin.aDevice, 0),
      checkVsCasl: round(ours.plainPeer / caslRate.plain, 2),
      deviceCheckVsCasl: round(ours.devicePeer / caslRate.device, 2),
      deviceCheckVsMapFloor: round(ours.device / floorRate.device, 3),
      scale10xDeviceThroughput: orNull(scale1 && scale10 ? scale10.device / scale1.device : undefined, 2),
      batchHttpVsInProcess: round(batchChecksPerSec / (2 / (1 / ours.plain + 1 / ours.device)), 3),
    },
    checksPerSec: {
      ours: { plain: Math.round(ours.plain), device: Math.round(ours.device), plainPeerOrgs: Math.round(ours.plainPeer), devicePeerOrgs: Math.round(ours.devicePeer) },
      mapFloor: { plain: Math.round(floorRate.plain), device: Math.round(floorRate.device), mixed: Math.round(floorMixed) },
      casbinA: { plain: Math.round(casbin.aPlain), device: Math.round(casbin.aDevice) },
      casbinB: { plain: Math.round(casbin.bPlain), device: Math.round(casbin.bDevice) },
      casl: { plain: Math.round(caslRate.plain), device: Math.round(caslRate.device) },
      ...(scale1 && scale10 ? { scale1x: { plain: Math.round(scale1.plain), device: Math.round(scale1.device) }, scale10x: { plain: Math.round(scale10.plain), device: Math.round(scale10.device) } } : {}),
    },
    latencyUs: {
      plain: mapValues(latPlain), device: mapValues(latDevice), timerOverhead: round(inProcess.timerUs),
      ...(scale10 ? { scale10xPlain: mapValues(scale10.latency) } : {}),
    },
    http: {
      hello: httpFigure(hello), postFloor: httpFigure(postFloor), check: httpFigure(check),
      cerbos: 'peer' in cerbos ? httpFigure(fig('Cerbos')) : { skipped: cerbos.skipped },
      spicedb: 'peer' in spice ? httpFigure(fig('SpiceDB')) : { skipped: spice.skipped },
      batch: { ...httpFigure(batch), checksPerSec: Math.round(batchChecksPerSec), size: BATCH_SIZE },
      mismatches: httpMismatches, connections: CONNECTIONS, seconds: HTTP_SECONDS, pinning: http.pinning.note,
      serverLoopUtilization: Object.fromEntries([...http.figures.values()].filter((f) => f.runs[0]?.serverLoopUtilization !== undefined).map((f) => [f.name, round(mean(f.runs.map((r) => r.serverLoopUtilization!)), 2)])),
    },
    memory: {
      scale1x: scale1?.memory ?? null, scale10x: scale10?.memory ?? null, loader: loaderMemory,
      ...(canMeasureMemory ? {} : { note: 'run with node --expose-gc for the loader\'s figure' }),
    },
    grantVisibleMs: { median: round(grants.medianMs), max: round(grants.maxMs), trials: grants.trials },
    mismatches: mismatchTotal,
    answersComparedWithReference: verified.count + (scale1?.verified ?? 0) + (scale10?.verified ?? 0) + casbinVerified
      + questions.length * (1 + peers.length) + BATCH_SIZE,
    seconds: { inProcess: SECONDS, http: HTTP_SECONDS },
  });
  return { rows, figures, ratios, notes, mismatches: mismatchTotal };
}

const mapValues = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));

export function printAuthz(b: AuthzBench) {
  console.log('\nAuthorization: in-process, HTTP, scale and freshness (one run, one generated world)');
  console.log('| measurement | result | how |\n|---|---:|---|');
  for (const r of b.rows) console.log(`| ${r.what} | ${r.value} | ${r.how} |`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `node --expose-gc --import tsx bench/authz.ts`: this benchmark alone.
  const t0 = performance.now();
  const b = await benchAuthz();
  printAuthz(b);
  console.log(JSON.stringify({ authz: b.figures, ratios: b.ratios, runtimeSeconds: round((performance.now() - t0) / 1000, 1) }));
  process.exitCode = b.mismatches > 0 ? 1 : 0;
}
