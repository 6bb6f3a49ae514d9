// The authorization engine, side by side with its peers, on one generated data set (issues 5, 18):
//   1,000 organizations, 100,000 users, 200,000 memberships, 1,000,000 devices, ~1,000,000 device
//   grants (BENCH_SCALE=k multiplies every count), made by a seeded PRNG (world.ts), so every run
//   sees the same world.
//
// What is measured, and how (the printed table says it again next to each figure):
// - Gatehouse in process over the whole world (scale.ts, a child process): the engine createGatehouse
//   wires (createAuthzEngine) over indexes built in memory in the loader's shape (index-model.ts); a
//   tight loop over a pre-generated random query list (the same list for every contender; ids are
//   copies of the stored strings, as ids parsed from a request are), BENCH_SECONDS (default 1) per
//   figure after a warm-up, alternated with a plain `Map<string, boolean>` floor; p50/p99 of one
//   check with `process.hrtime.bigint()` around each of 200,000 calls; then the same at 10× the
//   data, and the bytes the index takes at both sizes. Answers are compared with the reference first.
// - in-process peers: casbin (layout B; A with BENCH_CASBIN_A=1; the faster one is the denominator)
//   and @casl/ability hold the first BENCH_PEER_ORGS (default 100) organizations with all of their
//   data — 10 % of the world (casbin needs minutes to build role links for all of it) — and the
//   ratios against them are taken on query lists of those organizations, for ours too.
// - the real service: those same organizations bulk-loaded into PGlite (pglite-world.ts), the full
//   app (createGatehouse, LOG_LEVEL=silent) whose engine reads them through store/authz-loader.ts.
// - HTTP (http.ts): the app's check and check-batch and, in the same process, a GET and a POST floor —
//   a child process holding only the app (service-child.ts), as the service runs —, Cerbos and SpiceDB
//   (peers/), the same questions, the same concurrency, generator and servers on separate cores.
// - grant visibility (grant-visibility.ts).
// Set-up runs in the background and measurements one at a time (phases.ts).
// Run alone: `node --expose-gc --import tsx bench/authz.ts`.
import { SHIPPED_INDEX } from '../test/support/shipped-catalog.js';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Enforcer } from 'casbin';
import { loadConfig } from '../src/config/config.js';
import { createGatehouse } from '../src/server.js';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { applyShippedCatalog } from '../src/server.js';
import { createAuthzEngine } from '../src/core/authz/authz-engine.js';
import { MAX_BATCH } from '../src/core/authz/authz-api.service.js';
import type { CheckResult } from '../src/core/authz/decision-index.js';
import { caslAbilities, caslBatch, caslSubjects, casbinArgs, casbinBatch, casbinEnforcers, oursBatch, oursOne } from './contenders.js';
import { grantVisibility } from './grant-visibility.js';
import {
  BATCH_SIZE,
  CONNECTIONS,
  disagreements,
  HTTP_SECONDS,
  loadAll,
  peerContender,
  type Contender,
  type ContenderFigures,
} from './http.js';
import { buildIndexes, canMeasureMemory, heapAfterGc } from './index-model.js';
import { plan } from '../test/support/cpu.js';
import { fmt, logger, mean, mismatches, round, SECONDS, throughput, verified, VERIFY } from './measure.js';
import { startCerbos } from './peers/cerbos.js';
import type { Peer, PeerStart, Question } from './peers/peer.js';
import { startSpiceDb, type SpiceDbStarting } from './peers/spicedb.js';
import { checkpoint, measuring, serveUntil, stopwatch } from './phases.js';
import { benchCatalogSize } from './catalog-size.js';
import { benchSdkCache, openWebhookBenchDb, webhookLatency } from './sdk-events.js';
import { loadWorld, warmEngine } from './pglite-world.js';
import { SCALE_FACTOR, startScale, type ScaleResult } from './scale.js';
import { startServiceChild, type ServiceChild } from './service-child.js';
import { allowedShare, generateWorld, makeQueries, queriesAt, SEED, sizesOf, type Queries } from './world.js';

export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PEER_ORGS = Number(process.env.BENCH_PEER_ORGS ?? 100);
/** casbin's layout A too (minutes to build here; two orders of magnitude slower than B). */
const CASBIN_A = process.env.BENCH_CASBIN_A === '1';
/**
 * Queries per list of the peer organizations: 262,144 at the default size, as since issue 5 (casbin
 * is several times faster on a list a quarter as long, whose questions stay in the CPU's caches).
 */
const QUERIES = queriesAt(SCALE);
const log = logger('bench, authz');

const peerOrgsAt = (scale: number) => Math.min(PEER_ORGS, Math.round(1_000 * scale));

type Settled<T> = { ok: T } | { error: Error };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (ok) => ({ ok }),
    (e: unknown) => ({ error: e instanceof Error ? e : new Error(String(e)) }),
  );

/**
 * What runs in the background from the start of `npm run bench`: the 10× child, SpiceDB's loading,
 * the service loaded over HTTP (service-child.ts).
 */
export interface Background {
  scale: Promise<Settled<{ one: ScaleResult; ten: ScaleResult }>>;
  spice: SpiceDbStarting;
  service: Promise<Settled<ServiceChild>>;
}

/** The cores a Go peer gets while it is loaded (http.ts pins it there): its GOMAXPROCS. */
const goMaxProcs = () => {
  const p = plan();
  return p.pinned ? p.service.length : undefined;
};

export function startBackground(): Background {
  return {
    scale: settle(startScale(SCALE)),
    spice: startSpiceDb(SCALE, peerOrgsAt(SCALE), goMaxProcs()),
    service: settle(startServiceChild(SCALE, peerOrgsAt(SCALE))),
  };
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

  // 1. The world; Gatehouse's engine over its first organizations (the whole world is the scale
  // child's), in memory.
  let t = performance.now();
  const w = generateWorld(SCALE);
  const sizes = sizesOf(w);
  figures.data = sizes;
  const peerOrgs = peerOrgsAt(SCALE);
  const { indexes } = buildIndexes(w, { orgLimit: peerOrgs, freshIds: false });
  const engine = createAuthzEngine(
    { loadCatalog: async () => SHIPPED_INDEX, load: async (id) => indexes.get(id) },
    { maxOrganizations: indexes.size },
  );
  await warmEngine(engine, [...indexes.keys()]);
  log(`world ${JSON.stringify(sizes)} and the indexes of its first ${peerOrgs} orgs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  row(
    'data',
    `${sizes.organizations.toLocaleString('en')} orgs, ${sizes.users.toLocaleString('en')} users, ${sizes.memberships.toLocaleString('en')} memberships, ${sizes.devices.toLocaleString('en')} devices, ${sizes.deviceGrants.toLocaleString('en')} grants`,
    `seeded PRNG; Gatehouse in process: indexes in the loader's shape for all ${sizes.organizations.toLocaleString('en')} orgs (scale child); the app, casbin, CASL, Cerbos, SpiceDB: the first ${peerOrgs} orgs with all their data`,
  );
  stopwatch.lap("world and the peer orgs' indexes");
  await checkpoint();

  // 2. Query lists of those organizations (the same for every contender) and the reference answers.
  const plainPeer = makeQueries(w, QUERIES, false, peerOrgs, SEED + 3);
  const devicePeer = makeQueries(w, QUERIES, true, peerOrgs, SEED + 4);
  // The HTTP part's questions: 512, half any-permission, half device-scoped, the same for every contender.
  const questions: Question[] = Array.from({ length: 512 }, (_, i) => ({ q: i % 2 === 0 ? plainPeer : devicePeer, k: i }));
  // SpiceDB answers a check in tens of milliseconds here (its caches off), seconds under load: its
  // answers are compared as soon as it serves, as part of its set-up — while the steps below run,
  // and paused with it whenever something is measured — and it counts as settled only after that.
  const spiceChecked = settle(
    bg.spice.ready.then(async (r) => {
      if ('skipped' in r) return r;
      const peer = r.peer(w, questions);
      const t0 = performance.now();
      const mismatches = await disagreements(peer.url, peer.checkRequests ?? peer.requests, questions, peer.allowed);
      r.settled();
      log(`SpiceDB serves; its answers compared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return { peer, mismatches };
    }),
  );
  await checkpoint();

  // 3. Ours in process on those lists (the denominators of the casbin and CASL ratios).
  const inProcess = await measuring(() => {
    const oursMismatches = [plainPeer, devicePeer].reduce((n, q) => n + mismatches(q, oursOne(engine, q)), 0);
    const ours = {
      plainPeer: throughput(oursBatch(engine, plainPeer), plainPeer.n),
      devicePeer: throughput(oursBatch(engine, devicePeer), devicePeer.n),
    };
    return { oursMismatches, ours };
  });
  const { ours } = inProcess;
  log(
    `ours, first ${peerOrgs} orgs: ${fmt(ours.plainPeer)} /s plain, ${fmt(ours.devicePeer)} /s device; ${inProcess.oursMismatches} mismatches`,
  );
  row(
    `ours: any permission, first ${peerOrgs} orgs`,
    `${fmt(ours.plainPeer)} checks/s`,
    `${plainPeer.n.toLocaleString('en')} random queries, ${Math.round(allowedShare(plainPeer) * 100)} % allowed: the list casbin and CASL get`,
  );
  row(
    `ours: device-scoped, first ${peerOrgs} orgs`,
    `${fmt(ours.devicePeer)} checks/s`,
    `${Math.round(allowedShare(devicePeer) * 100)} % allowed: the list casbin and CASL get`,
  );
  row('ours: answers ≠ reference', String(inProcess.oursMismatches), 'both lists, every query');
  stopwatch.lap('query lists, ours in process');

  // 3b. The SDK's decision cache, warm, on the same list (issue 16).
  const sdkCache = await measuring(() => benchSdkCache(plainPeer));
  row(
    '@gatehouse/sdk decision cache, warm',
    `${fmt(sdkCache.peek)} peek/s, ${fmt(sdkCache.check)} await check/s`,
    `the first list's ${sdkCache.entries.toLocaleString('en')} answers cached (createDecisionCache over a stub client answering from the reference); ratio against the Map floor: sdkCachedCheckVsFloor (peek), sdkAwaitCheckVsFloor`,
  );
  stopwatch.lap('sdk cache');
  log(`sdk cache: peek ${fmt(sdkCache.peek)} /s, await check ${fmt(sdkCache.check)} /s; ${sdkCache.mismatches} mismatches`);

  // 3c. The catalog as data (issue 15): 3,000 permissions, and a resource 4 levels deep (catalog-size.ts).
  const catalogSize = await benchCatalogSize(measuring);
  for (const r of catalogSize.rows) row(r.what, r.value, r.how);
  log(`catalog size: ${JSON.stringify(catalogSize.ratios)}; ${catalogSize.mismatches} mismatches`);
  stopwatch.lap('catalog size');

  // 4. casbin, on the first PEER_ORGS organizations.
  let cas: Awaited<ReturnType<typeof casbinEnforcers>> | undefined = await casbinEnforcers(w, peerOrgs, CASBIN_A);
  log(`casbin loaded in ${(cas.loadMs / 1000).toFixed(1)} s: ${JSON.stringify(cas.sizes)}`);
  const args = {
    aPlain: casbinArgs(w, plainPeer, 'A'),
    aDevice: casbinArgs(w, devicePeer, 'A'),
    bPlain: casbinArgs(w, plainPeer, 'B'),
    bDevice: casbinArgs(w, devicePeer, 'B'),
  };
  // casbin's answers are compared on the start of each list: 20,000 queries, or what 1 s allows.
  let casbinVerified = 0;
  const casbinVerify = (e: Enforcer, q: Queries, a: string[][]) => {
    let bad = 0;
    const until = performance.now() + 1_000;
    let i = 0;
    for (; i < Math.min(20_000, q.n) && (i % 64 !== 0 || performance.now() < until); i++)
      if (e.enforceSync(...a[i]!) !== (q.expected[i] === 1)) bad++;
    casbinVerified += i;
    return bad;
  };
  const { casbin, casbinMismatches } = await measuring(() => {
    const e = cas!;
    let casbinMismatches = casbinVerify(e.bPlain, plainPeer, args.bPlain) + casbinVerify(e.bDevice, devicePeer, args.bDevice);
    const casbin: { aPlain?: number; aDevice?: number; bPlain: number; bDevice: number } = {
      bPlain: throughput(casbinBatch(e.bPlain, args.bPlain), plainPeer.n),
      bDevice: throughput(casbinBatch(e.bDevice, args.bDevice), devicePeer.n),
    };
    if (e.aPlain && e.aDevice) {
      casbinMismatches += casbinVerify(e.aPlain, plainPeer, args.aPlain) + casbinVerify(e.aDevice, devicePeer, args.aDevice);
      casbin.aPlain = throughput(casbinBatch(e.aPlain, args.aPlain), plainPeer.n);
      casbin.aDevice = throughput(casbinBatch(e.aDevice, args.aDevice), devicePeer.n);
    }
    return { casbin, casbinMismatches };
  });
  const casbinSizes = cas.sizes;
  const casbinLoadMs = cas.loadMs;
  cas = undefined;
  const bestCasbinPlain = Math.max(casbin.aPlain ?? 0, casbin.bPlain);
  const bestCasbinDevice = Math.max(casbin.aDevice ?? 0, casbin.bDevice);
  log(
    `casbin: ${casbin.aPlain !== undefined ? `A ${fmt(casbin.aPlain)}/${fmt(casbin.aDevice!)}, ` : ''}B ${fmt(casbin.bPlain)}/${fmt(casbin.bDevice)}; ${casbinMismatches} mismatches`,
  );
  if (casbin.aPlain !== undefined) {
    row(
      `casbin A (role×permission lines, domain "*"): any permission`,
      `${fmt(casbin.aPlain)} checks/s`,
      `${casbinSizes.policyLinesA} p lines, ${casbinSizes.userRoleLinks.toLocaleString('en')} g links`,
    );
    row(
      'casbin A: device-scoped + device',
      `${fmt(casbin.aDevice!)} checks/s`,
      `+ ${casbinSizes.userDeviceLinks.toLocaleString('en')} g2 user→device, ${casbinSizes.deviceOrgLinks.toLocaleString('en')} g3 device→org links`,
    );
  }
  row(
    'casbin B (permissions as leaves of g): any permission',
    `${fmt(casbin.bPlain)} checks/s`,
    `first ${peerOrgs} orgs with all their data: ${casbinSizes.userRoleLinks.toLocaleString('en')} user→role + ${casbinSizes.roleLeafLinks.toLocaleString('en')} role→permission links; enforceSync; loaded in ${(casbinLoadMs / 1000).toFixed(1)} s${CASBIN_A ? ' (both layouts)' : '; layout A (role×permission policy lines, ~100× slower here) with BENCH_CASBIN_A=1'}`,
  );
  row(
    'casbin B: device-scoped + device',
    `${fmt(casbin.bDevice)} checks/s`,
    `+ ${casbinSizes.userDeviceLinks.toLocaleString('en')} g2 user→device, ${casbinSizes.deviceOrgLinks.toLocaleString('en')} g3 device→org links`,
  );
  row(
    'casbin: answers ≠ reference',
    String(casbinMismatches),
    `${casbinVerified.toLocaleString('en')} queries (the start of each list, ≤ 20,000 or 1 s per layout and list)`,
  );

  stopwatch.lap('casbin');

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
  row(
    '@casl/ability: any permission',
    `${fmt(caslRate.plain)} checks/s`,
    `one ability per membership (built in ${(caslBuildMs / 1000).toFixed(1)} s), ability.can(permission, 'Organization')`,
  );
  row(
    '@casl/ability: device-scoped + device',
    `${fmt(caslRate.device)} checks/s`,
    'ability.can(permission, device {id, orgId}); grants as `id $in`',
  );
  row(
    'CASL: answers ≠ reference',
    String(caslMismatches),
    `${(2 * Math.min(VERIFY, plainPeer.n)).toLocaleString('en')} queries (both lists)`,
  );
  stopwatch.lap('casl');
  log(`casl: ${fmt(caslRate.plain)}/${fmt(caslRate.device)}; ${caslMismatches} mismatches`);

  // 6. The real service: the peer organizations in PGlite, the app, its engine read by the loader.
  t = performance.now();
  const db = await openDb({ databaseUrl: 'memory', dataDir: '' });
  await migrate(db);
  await applyShippedCatalog(db);
  const loadMs = await loadWorld(db, w, peerOrgs, log);
  log(`${peerOrgs} orgs loaded into ${db.engine} in ${(loadMs / 1000).toFixed(1)} s`);
  // 127.0.0.1: the webhook latency's receiver (sdk-events.ts) is on loopback.
  const config = loadConfig({ DATABASE_URL: 'memory', NODE_ENV: 'test', LOG_LEVEL: 'silent', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const gatehouse = await createGatehouse(config, { db });
  const appEngine = gatehouse.core.authzEngine;
  const heapBefore = canMeasureMemory ? heapAfterGc() : 0;
  const warm = await warmEngine(appEngine, w.orgIds.slice(0, peerOrgs));
  const loaderBytes = canMeasureMemory ? heapAfterGc() - heapBefore : undefined;
  const model = canMeasureMemory ? buildIndexes(w, { measure: true, orgLimit: peerOrgs }).memory : undefined;
  figures.indexLoadMs = {
    organizations: peerOrgs,
    all: round(warm.totalMs, 0),
    medianPerOrganization: round(warm.medianMs),
    maxPerOrganization: round(warm.maxMs),
  };
  row(
    `the app on ${db.engine}`,
    `${peerOrgs} orgs in ${(loadMs / 1000).toFixed(1)} s`,
    'bulk INSERT … unnest in one transaction, keys and indexes built after the rows (as pg_restore)',
  );
  row(
    'index load (authz-loader, PGlite)',
    `${fmt(warm.medianMs)} ms/org median`,
    `${peerOrgs} orgs in ${(warm.totalMs / 1000).toFixed(1)} s, max ${fmt(warm.maxMs)} ms`,
  );
  const loaderMemory =
    loaderBytes !== undefined && model ? { organizations: peerOrgs, measuredBytes: loaderBytes, modelBytes: model.totalBytes } : null;
  if (loaderBytes !== undefined && model) {
    row(
      "index memory: the loader's, from PGlite",
      `${fmt(loaderBytes / 2 ** 20)} MiB`,
      `${peerOrgs} orgs (${model.members.toLocaleString('en')} members, ${model.deviceGrants.toLocaleString('en')} grants, ${model.devices.toLocaleString('en')} devices), heapUsed + external after GC around the load; the in-memory model of the same orgs: ${fmt(model.totalBytes / 2 ** 20)} MiB`,
    );
  }

  stopwatch.lap('the app on PGlite (load, index load)');

  // 7. Over HTTP: the service and its floors in a process of their own (service-child.ts).
  log('waiting for the service child');
  const served = await serveUntil(bg.service);
  if ('error' in served) throw served.error;
  const service = served.ok;
  const { key } = service;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const checkRequests = questions.map(({ q, k }) => ({
    method: 'POST' as const,
    path: '/api/v1/authz/check',
    body: JSON.stringify(q.objs[k]),
  }));
  const batchQuestion = (i: number): Question => ({ q: i % 2 === 0 ? plainPeer : devicePeer, k: i });
  const batchRequests = Array.from({ length: 16 }, (_, b) => ({
    method: 'POST' as const,
    path: '/api/v1/authz/check-batch',
    body: JSON.stringify({
      checks: Array.from({ length: BATCH_SIZE }, (_, j) => {
        const { q, k } = batchQuestion(b * BATCH_SIZE + j);
        return q.objs[k];
      }),
    }),
  }));
  const batchLimit = Math.max(MAX_BATCH * 256, 64 * 1024); // the route's own body limit (authz.routes.ts)
  if (BATCH_SIZE > MAX_BATCH || batchRequests.some((r) => Buffer.byteLength(r.body) > batchLimit))
    throw new Error(`a batch of ${BATCH_SIZE} does not fit the route (MAX_BATCH ${MAX_BATCH}, ${batchLimit} bytes)`);
  const gatehouseUrl = service.url;
  const cerbos: PeerStart = await startCerbos(w, peerOrgs, questions, goMaxProcs());
  log('waiting for SpiceDB to be loaded');
  const spiceReady = await serveUntil(spiceChecked);
  const spice: PeerStart =
    'error' in spiceReady
      ? { skipped: `SpiceDB could not start here: ${spiceReady.error.message}` }
      : 'skipped' in spiceReady.ok
        ? spiceReady.ok
        : { peer: spiceReady.ok.peer };
  const peers: Peer[] = [cerbos, spice].flatMap((p) => ('peer' in p ? [p.peer] : []));
  stopwatch.lap('waiting for Cerbos and SpiceDB');

  const httpMismatches: Record<string, number> = {};
  let http: Awaited<ReturnType<typeof loadAll>>;
  try {
    // Side by side (a comparison is not a measurement): the slowest contender sets the time.
    const compared = async (name: string, count: () => Promise<number>) => {
      const t0 = performance.now();
      const n = await count();
      return { name, n, seconds: (performance.now() - t0) / 1000 };
    };
    const comparisons = await Promise.all([
      compared('Gatehouse', () => disagreements(gatehouseUrl, checkRequests, questions, (b) => (b as CheckResult).allowed, headers)),
      compared('Gatehouse batch', async () => {
        const res = await fetch(`${gatehouseUrl}/api/v1/authz/check-batch`, { method: 'POST', headers, body: batchRequests[0]!.body });
        const body = (await res.json()) as { results: CheckResult[] };
        if (res.status !== 200) throw new Error(`check-batch: ${res.status} ${JSON.stringify(body)}`);
        return body.results.filter((r, j) => {
          const { q, k } = batchQuestion(j);
          return r.allowed !== (q.expected[k] === 1);
        }).length;
      }),
      ...peers.map((p) =>
        compared(p.name, async () =>
          // SpiceDB's were compared while it set up.
          'ok' in spiceReady && 'peer' in spiceReady.ok && spiceReady.ok.peer === p
            ? spiceReady.ok.mismatches
            : disagreements(p.url, p.checkRequests ?? p.requests, questions, p.allowed),
        ),
      ),
    ]);
    for (const c of comparisons) httpMismatches[c.name] = c.n;
    log(`answers compared in ${comparisons.map((c) => `${c.seconds.toFixed(1)} s (${c.name})`).join(', ')}`);
    const contenders: Contender[] = [
      { name: 'hello', url: service.helloUrl, requests: [{ method: 'GET', path: '/hello' }], inProcess: false, pids: [service.pid] },
      { name: 'POST floor', url: service.floorUrl, requests: checkRequests, headers, inProcess: false, pids: [service.pid] },
      { name: 'Gatehouse', url: gatehouseUrl, requests: checkRequests, headers, inProcess: false, pids: [service.pid] },
      ...peers.map(peerContender),
    ];
    stopwatch.lap('answers over HTTP compared');
    log('http: loading');
    http = await loadAll(contenders, [
      { name: 'Gatehouse batch', url: gatehouseUrl, requests: batchRequests, headers, inProcess: false, pids: [service.pid] },
    ]);
  } finally {
    await service.stop();
    for (const p of peers) await p.stop();
  }
  const fig = (name: string) => http.figures.get(name);
  // How busy the service was: its process's CPU (the service child), ≈ 100 % when it is the limit.
  const elu = (f: ContenderFigures | undefined) =>
    f?.runs.every((r) => r.serverCpu !== undefined)
      ? `; the service process's CPU ${Math.round(mean(f.runs.map((r) => r.serverCpu!)) * 100)} % of a core`
      : '';
  const hello = fig('hello')!;
  const postFloor = fig('POST floor')!;
  const check = fig('Gatehouse')!;
  const batch = fig('Gatehouse batch')!;
  const batchChecksPerSec = batch.rps * BATCH_SIZE;
  const rounds = `mean of ${check.runs.length} × ${HTTP_SECONDS} s, alternated`;
  row(
    'HTTP: load',
    `${CONNECTIONS} connections`,
    `autocannon in its own process; Gatehouse and both floors in a process of their own, holding only the app (service-child.ts); ${http.pinning.note}; ${rounds}; answers compared with the reference first, every question, every contender`,
  );
  row('HTTP: bare Fastify hello-world (GET /hello)', `${fmt(hello.rps)} req/s`, `p99 ${fmt(hello.p99Ms)} ms${elu(hello)}`);
  row(
    'HTTP: POST floor (bare Fastify POST, the same bodies)',
    `${fmt(postFloor.rps)} req/s`,
    `parses the JSON, answers {"allowed":true}; same path, headers and Content-Length as the check; p99 ${fmt(postFloor.p99Ms)} ms${elu(postFloor)}`,
  );
  row(
    'HTTP: POST /api/v1/authz/check',
    `${fmt(check.rps)} req/s`,
    `service key, half device-scoped, ${questions.length} distinct questions of the first ${peerOrgs} orgs; p99 ${fmt(check.p99Ms)} ms${elu(check)}`,
  );
  for (const [name, p] of [
    ['Cerbos', cerbos],
    ['SpiceDB', spice],
  ] as const) {
    if ('skipped' in p) {
      row(`HTTP: ${name}`, 'skipped', p.skipped);
      continue;
    }
    const f = fig(p.peer.name)!;
    const cpu = f.runs.every((r) => r.serverCpu !== undefined)
      ? `; its CPU ${Math.round(mean(f.runs.map((r) => r.serverCpu!)) * 100)} % of a core`
      : '';
    row(`HTTP: ${p.peer.name}`, `${fmt(f.rps)} req/s`, `${p.peer.how}; p99 ${fmt(f.p99Ms)} ms${cpu}`);
  }
  row(
    'HTTP: POST /api/v1/authz/check-batch',
    `${fmt(batchChecksPerSec)} checks/s`,
    `${BATCH_SIZE} checks per request; ${fmt(batch.rps)} req/s, p99 ${fmt(batch.p99Ms)} ms${elu(batch)}`,
  );
  row(
    'HTTP: answers ≠ reference',
    Object.entries(httpMismatches)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    `${questions.length} questions each (the batch: one request of ${BATCH_SIZE})`,
  );
  stopwatch.lap('HTTP load');
  log(`http: ${[...http.figures.values()].map((f) => `${f.name} ${fmt(f.rps)}`).join(', ')} req/s`);

  // 8. A grant, visible to the next check.
  const grants = await measuring(() => grantVisibility(w, peerOrgs, db, gatehouse, appEngine));
  row(
    'grant → next check sees it',
    `${fmt(grants.medianMs)} ms median`,
    `${grants.trials} grants via core.devices.setAccess (the write takes ${fmt(grants.writeMs)} ms); clock from right after COMMIT to the first check after the write returns, which allows; max ${fmt(grants.maxMs)} ms`,
  );
  stopwatch.lap('grant visibility');
  log(`grant visible: median ${fmt(grants.medianMs)} ms`);

  // 8b. A change, COMMIT → a webhook receiver on loopback (issue 16).
  // On PostgreSQL when BENCH_DATABASE_URL names one (sdk-events.ts: a schema of its own, the app
  // anew on it); else on the PGlite app above. The figure names the engine it was measured on.
  const webhooks = await measuring(async () => {
    if (!process.env.BENCH_DATABASE_URL) return webhookLatency(w, peerOrgs, db, gatehouse);
    const orgs = Math.min(peerOrgs, 8);
    const own = await openWebhookBenchDb(w, orgs, log);
    const app = await createGatehouse(
      loadConfig({ DATABASE_URL: own.databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }),
      { db: own.db },
    );
    try {
      return await webhookLatency(w, orgs, own.db, app);
    } finally {
      await app.close();
      await own.db.close();
    }
  });
  notes.webhookLatencyP99Ms = `measured on ${webhooks.engine}${process.env.BENCH_DATABASE_URL ? ' (BENCH_DATABASE_URL)' : ' (set BENCH_DATABASE_URL to measure on PostgreSQL)'}; writes started at ${fmt(webhooks.achievedRate)}/s of ${webhooks.rate}/s`;
  row(
    `event → webhook receiver (${webhooks.engine})`,
    `${fmt(webhooks.medianMs)} ms median, p99 ${fmt(webhooks.p99Ms)} ms`,
    `${webhooks.delivered} of ${webhooks.events} member.access_changed events at ${webhooks.rate}/s (started at ${fmt(webhooks.achievedRate)}/s) over ${webhooks.organizations} orgs (core.devices.setAccess, ${fmt(webhooks.writeMeanMs)} ms a write, ${webhooks.lateWrites} behind schedule); clock from right after COMMIT to the receiver's verifyWebhook (SDK) on node:http, 127.0.0.1; max ${fmt(webhooks.maxMs)} ms`,
  );
  log(`webhooks: median ${fmt(webhooks.medianMs)} ms, p99 ${fmt(webhooks.p99Ms)} ms`);
  await gatehouse.close();
  await db.close();
  stopwatch.lap('webhooks');

  // 9. Ours over the whole world, the floor, 1× and 10×: the child has been building them all along.
  log('waiting for the scale child');
  const scaled = await serveUntil(bg.scale);
  let scale1: ScaleResult | undefined;
  let scale10: ScaleResult | undefined;
  stopwatch.lap('waiting for the scale child');
  if ('error' in scaled) {
    for (const k of [
      'checkVsMapFloor',
      'checkP99Us',
      'scale10xThroughput',
      'bytesPerDeviceGrant10x',
      'batchHttpVsInProcessFloor',
      'sdkCachedCheckVsFloor',
    ])
      notes[k] = `the scale child failed: ${scaled.error.message}`;
    row('ours over the whole world, 1× and 10×', 'failed', scaled.error.message);
  } else {
    ({ one: scale1, ten: scale10 } = scaled.ok);
    const { floor, latencyDevice: latDevice, timerUs } = scale1;
    const latPlain = scale1.latency;
    const n = scale1.queries.toLocaleString('en');
    row(
      'ours: engine.check, any permission',
      `${fmt(scale1.plain)} checks/s`,
      `${n} random queries over all ${scale1.sizes.organizations.toLocaleString('en')} orgs, ${Math.round(scale1.allowedShare.plain * 100)} % allowed; best of 3 runs alternated with the floor's and 10×'s; indexes in the loader's shape, scale child`,
    );
    row(
      'ours: engine.check, device-scoped + device',
      `${fmt(scale1.device)} checks/s`,
      `${Math.round(scale1.allowedShare.device * 100)} % allowed`,
    );
    row(
      'ours: one check, p50 / p99 / p99.9',
      `${fmt(latPlain.p50Us)} / ${fmt(latPlain.p99Us)} / ${fmt(latPlain.p999Us)} µs`,
      `hrtime around each of 200,000 calls; the timer alone costs ${fmt(timerUs!)} µs (included)`,
    );
    row(
      'ours: one device check, p50 / p99 / p99.9',
      `${fmt(latDevice!.p50Us)} / ${fmt(latDevice!.p99Us)} / ${fmt(latDevice!.p999Us)} µs`,
      '',
    );
    row(
      'Map floor: any permission',
      `${fmt(floor!.plain)} lookups/s`,
      `Map<string, boolean> of the ${floor!.size.toLocaleString('en')} answers; key \`org|user|perm\` built per call; best of 2`,
    );
    row('Map floor: device', `${fmt(floor!.device)} lookups/s`, 'key `org|user|perm|device`');
    row(
      `${SCALE_FACTOR}× in memory (${scale10.sizes.organizations.toLocaleString('en')} orgs, ${scale10.sizes.devices.toLocaleString('en')} devices, ${scale10.sizes.deviceGrants.toLocaleString('en')} grants)`,
      `${fmt(scale10.plain)} / ${fmt(scale10.device)} checks/s`,
      `measured alternated with 1× in one exclusive window, ${n} queries a list; p99 ${fmt(scale10.latency.p99Us)} µs; ${scale1.mismatches + scale10.mismatches} answers ≠ reference at 1× and 10× (ours and the floor)`,
    );
    for (const [label, x] of [
      ['1×', scale1],
      [`${SCALE_FACTOR}×`, scale10],
    ] as const) {
      if (!x.memory) continue;
      const mem = x.memory;
      row(
        `index memory at ${label}`,
        `${fmt(mem.bytesPerMember)} B/member, ${fmt(mem.bytesPerDeviceGrant)} B/device grant`,
        `${fmt(mem.bytesPerDevice)} B/device; ${fmt(mem.totalBytes / 2 ** 20)} MiB in all for ${mem.members.toLocaleString('en')} members, ${mem.deviceGrants.toLocaleString('en')} grants, ${mem.devices.toLocaleString('en')} devices; heapUsed + external (typed arrays' contents) after a full GC before and after each step (devices, members, grants) through the loader's own steps (org-index.ts), fresh id strings as the loader's`,
      );
    }
    if (!scale10.memory) notes.bytesPerDeviceGrant10x = 'no global.gc in the scale child';
  }

  // 10. Ratios.
  const peerFigure = (p: PeerStart) => ('peer' in p ? fig(p.peer.name)?.rps : undefined);
  const cerbosRps = peerFigure(cerbos);
  const spiceRps = peerFigure(spice);
  if ('skipped' in cerbos) notes.httpCheckVsCerbos = cerbos.skipped;
  if ('skipped' in spice) notes.httpCheckVsSpiceDB = spice.skipped;
  const floor = scale1?.floor;
  // The batches are half plain, half device questions: the floor's rate for that mix.
  const floorMixed = floor ? 2 / (1 / floor.plain + 1 / floor.device) : undefined;
  const mismatchTotal =
    inProcess.oursMismatches +
    catalogSize.mismatches +
    sdkCache.mismatches +
    casbinMismatches +
    caslMismatches +
    Object.values(httpMismatches).reduce((a, b) => a + b, 0) +
    (scale1?.mismatches ?? 0) +
    (scale10?.mismatches ?? 0);
  const orNull = (x: number | undefined, digits: number) => (x === undefined || !Number.isFinite(x) ? null : round(x, digits));
  const per = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a / b);
  const ratios: Record<string, number | null> = {
    checkVsCasbin: round(ours.plainPeer / bestCasbinPlain, 1),
    deviceCheckVsCasbin: round(ours.devicePeer / bestCasbinDevice, 1),
    checkVsMapFloor: orNull(per(scale1?.plain, floor?.plain), 3),
    ...catalogSize.ratios,
    checkP99Us: orNull(scale1?.latency.p99Us, 2),
    httpCheckVsHello: round(check.rps / hello.rps, 2),
    httpCheckVsPostFloor: round(check.rps / postFloor.rps, 2),
    httpCheckVsCerbos: orNull(per(check.rps, cerbosRps), 2),
    httpCheckVsSpiceDB: orNull(per(check.rps, spiceRps), 2),
    batchVsSingle: round(batchChecksPerSec / check.rps, 1),
    batchHttpChecksPerSecond: Math.round(batchChecksPerSec),
    batchHttpVsInProcessFloor: orNull(per(batchChecksPerSec, floorMixed), 3),
    scale10xThroughput: orNull(per(scale10?.plain, scale1?.plain), 2),
    bytesPerMember1x: orNull(scale1?.memory?.bytesPerMember, 1),
    bytesPerDeviceGrant1x: orNull(scale1?.memory?.bytesPerDeviceGrant, 1),
    bytesPerMember10x: orNull(scale10?.memory?.bytesPerMember, 1),
    bytesPerDeviceGrant10x: orNull(scale10?.memory?.bytesPerDeviceGrant, 1),
    grantVisibleMs: round(grants.medianMs, 3),
    sdkCachedCheckVsFloor: orNull(per(sdkCache.peek, floor?.plain), 3),
    sdkAwaitCheckVsFloor: orNull(per(sdkCache.check, floor?.plain), 3),
    webhookLatencyMedianMs: round(webhooks.medianMs, 2),
    webhookLatencyP99Ms: round(webhooks.p99Ms, 2),
    answerMismatches: mismatchTotal,
  };
  const httpFigure = (f: ContenderFigures | undefined) =>
    f ? { rps: Math.round(f.rps), p99Ms: round(f.p99Ms), runs: f.runs.map((r) => Math.round(r.rps)) } : null;
  const rounded = (x: number | undefined) => (x === undefined ? null : Math.round(x));
  Object.assign(figures, {
    peerOrganizations: peerOrgs,
    allowedShare: scale1 ? { plain: round(scale1.allowedShare.plain), device: round(scale1.allowedShare.device) } : null,
    moreRatios: {
      ...(casbin.aPlain !== undefined
        ? {
            checkVsCasbinLayoutA: round(ours.plainPeer / casbin.aPlain, 0),
            deviceCheckVsCasbinLayoutA: round(ours.devicePeer / casbin.aDevice!, 0),
          }
        : {}),
      checkVsCasl: round(ours.plainPeer / caslRate.plain, 2),
      deviceCheckVsCasl: round(ours.devicePeer / caslRate.device, 2),
      deviceCheckVsMapFloor: orNull(per(scale1?.device, floor?.device), 3),
      scale10xDeviceThroughput: orNull(per(scale10?.device, scale1?.device), 2),
      batchHttpVsInProcess: orNull(scale1 ? batchChecksPerSec / (2 / (1 / scale1.plain + 1 / scale1.device)) : undefined, 3),
    },
    checksPerSec: {
      ours: {
        plain: rounded(scale1?.plain),
        device: rounded(scale1?.device),
        plainPeerOrgs: Math.round(ours.plainPeer),
        devicePeerOrgs: Math.round(ours.devicePeer),
      },
      mapFloor: { plain: rounded(floor?.plain), device: rounded(floor?.device), mixed: rounded(floorMixed) },
      catalogSize: catalogSize.checksPerSec,
      ...(casbin.aPlain !== undefined ? { casbinA: { plain: Math.round(casbin.aPlain), device: Math.round(casbin.aDevice!) } } : {}),
      casbinB: { plain: Math.round(casbin.bPlain), device: Math.round(casbin.bDevice) },
      casl: { plain: Math.round(caslRate.plain), device: Math.round(caslRate.device) },
      ...(scale1 && scale10
        ? {
            scale1x: { plain: Math.round(scale1.plain), device: Math.round(scale1.device) },
            scale10x: { plain: Math.round(scale10.plain), device: Math.round(scale10.device) },
          }
        : {}),
    },
    latencyUs:
      scale1 && scale10
        ? {
            plain: mapValues(scale1.latency),
            device: mapValues(scale1.latencyDevice!),
            timerOverhead: round(scale1.timerUs!),
            scale10xPlain: mapValues(scale10.latency),
          }
        : null,
    http: {
      hello: httpFigure(hello),
      postFloor: httpFigure(postFloor),
      check: httpFigure(check),
      cerbos: 'peer' in cerbos ? httpFigure(fig('Cerbos')) : { skipped: cerbos.skipped },
      spicedb: 'peer' in spice ? httpFigure(fig('SpiceDB')) : { skipped: spice.skipped },
      batch: { ...httpFigure(batch), checksPerSec: Math.round(batchChecksPerSec), size: BATCH_SIZE },
      mismatches: httpMismatches,
      connections: CONNECTIONS,
      seconds: HTTP_SECONDS,
      pinning: http.pinning.note,
      peerCpu: Object.fromEntries(
        [...http.figures.values()]
          .filter((f) => f.runs[0]?.serverCpu !== undefined)
          .map((f) => [f.name, round(mean(f.runs.map((r) => r.serverCpu!)), 2)]),
      ),
      serverLoopUtilization: Object.fromEntries(
        [...http.figures.values()]
          .filter((f) => f.runs[0]?.serverLoopUtilization !== undefined)
          .map((f) => [f.name, round(mean(f.runs.map((r) => r.serverLoopUtilization!)), 2)]),
      ),
    },
    memory: {
      scale1x: scale1?.memory ?? null,
      scale10x: scale10?.memory ?? null,
      loader: loaderMemory,
      ...(canMeasureMemory ? {} : { note: "run with node --expose-gc for the loader's figure" }),
    },
    grantVisibleMs: { median: round(grants.medianMs), max: round(grants.maxMs), trials: grants.trials },
    sdkCache: {
      peekPerSec: Math.round(sdkCache.peek),
      awaitCheckPerSec: Math.round(sdkCache.check),
      entries: sdkCache.entries,
      missesAfterWarmUp: sdkCache.missesAfterWarmUp,
    },
    webhooks: {
      ...webhooks,
      medianMs: round(webhooks.medianMs),
      p99Ms: round(webhooks.p99Ms),
      maxMs: round(webhooks.maxMs),
      writeMeanMs: round(webhooks.writeMeanMs),
    },
    mismatches: mismatchTotal,
    answersComparedWithReference:
      verified.count +
      sdkCache.entries +
      (scale1?.verified ?? 0) +
      (scale10?.verified ?? 0) +
      casbinVerified +
      questions.length * (1 + peers.length) +
      BATCH_SIZE,
    seconds: { inProcess: SECONDS, http: HTTP_SECONDS },
  });
  return { rows, figures, ratios, notes, mismatches: mismatchTotal };
}

const mapValues = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));

/** This benchmark's table, as printed and as written to docs/figures/bench-latest.md. */
export function authzTable(b: AuthzBench): string {
  return [
    '| measurement | result | how |',
    '|---|---:|---|',
    ...b.rows.map((r) => `| ${cell(r.what)} | ${cell(r.value)} | ${cell(r.how)} |`),
  ].join('\n');
}

/** A `|` inside a cell (even in a code span) must be escaped in a Markdown table. */
const cell = (text: string | number) => String(text).replace(/\|/g, '\\|');

export function printAuthz(b: AuthzBench) {
  console.log('\nAuthorization: in-process, HTTP, scale and freshness (one run, one generated world)');
  console.log(authzTable(b));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `node --expose-gc --import tsx bench/authz.ts`: this benchmark alone.
  const t0 = performance.now();
  const b = await benchAuthz();
  printAuthz(b);
  console.log(JSON.stringify({ authz: b.figures, ratios: b.ratios, runtimeSeconds: round((performance.now() - t0) / 1000, 1) }));
  process.exitCode = b.mismatches > 0 ? 1 : 0;
}
