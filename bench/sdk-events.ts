// The Smart Service's side (issue 16): what a service built on @gatehouse/sdk pays per question
// once its decision cache is warm, and how long a change takes from Gatehouse's COMMIT to the
// service's webhook receiver.
// - The cache: `createDecisionCache` over a stub client that answers from the reference (so only the
//   cache is measured), warmed with every question of the list, then `peek(q)` (synchronous) and
//   `await check(q)` (a hit, through a promise) per question, against the in-process Map floor the
//   scale child measured (bench/scale.ts: a `Map<string, boolean>` with its key built per call).
// - Webhooks: a plain node:http receiver on loopback (WEBHOOK_ALLOWED_HOSTS=127.0.0.1) that verifies
//   every delivery with the SDK's `verifyWebhook`; the app writes `member.access_changed` events
//   through core.devices.setAccess at about WEBHOOK_RATE a second (open loop, as requests come), and
//   each event's latency runs from right after its transaction's COMMIT to the moment the receiver
//   has verified it. On PGlite, or on PostgreSQL with BENCH_DATABASE_URL (the figure names which);
//   `npm run bench:events` runs this part alone (sdk-events-run.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createDecisionCache, verifyWebhook, type CheckAnswer, type CheckQuery } from '@gatehouse/sdk';
import { openDb, type Db, type DbTransactionOptions, type DbTx } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { applyShippedCatalog, type Gatehouse } from '../src/server.js';
import { SECONDS } from './measure.js';
import { loadWorld } from './pglite-world.js';
import { PERM_INDEX, ROLE_ADMIN, ROLE_CUSTOM, type Queries, type World } from './world.js';

/** BENCH_WEBHOOK_SECONDS: how long events are written for the webhook latency (default 3). */
const WEBHOOK_SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 3);
/** BENCH_WEBHOOK_RATE: events a second (default 100). */
const WEBHOOK_RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 100);
/** Writes running at once at most (the open loop's bound). */
const WRITES_IN_FLIGHT = 16;

// biome-ignore lint/correctness/noUnusedVariables: written, never read: keeps the measured calls from being optimised away.
let sink = 0;

/** Questions per second of `one` over the list for `seconds` (after a warm-up of a quarter of that). */
async function rate(n: number, seconds: number, one: (i: number) => number | Promise<number>): Promise<number> {
  let i = 0;
  const run = async (until: number) => {
    let ops = 0;
    for (let t = performance.now(); t < until; t = performance.now()) {
      for (let k = 0; k < 1024; k++) {
        const r = one(i);
        sink += typeof r === 'number' ? r : await r;
        i = i + 1 === n ? 0 : i + 1;
      }
      ops += 1024;
    }
    return ops;
  };
  await run(performance.now() + Math.min(1_000, (seconds * 1_000) / 4));
  const t0 = performance.now();
  const ops = await run(t0 + seconds * 1_000);
  return ops / ((performance.now() - t0) / 1_000);
}

/** The SDK's decision cache, warm: `peek` and `await check` per second; every answer compared with the reference. */
export async function benchSdkCache(q: Queries, seconds = SECONDS) {
  let current = 0;
  const cache = createDecisionCache(
    {
      // Answers from the reference: the cache is what is measured, not a server.
      check: async () =>
        ({
          allowed: q.expected[current] === 1,
          reason: q.expected[current] === 1 ? 'granted' : 'permission_denied',
          revision: 1,
        }) as CheckAnswer,
    },
    { maxEntriesPerOrganization: q.n },
  ); // every answer of the list stays: a warm cache, no evictions
  const questions = q.objs as unknown as CheckQuery[];
  for (current = 0; current < q.n; current++) await cache.check(questions[current]!);
  const warmMisses = cache.stats().misses;
  let mismatches = 0;
  for (let i = 0; i < q.n; i++) if (cache.peek(questions[i]!)?.allowed !== (q.expected[i] === 1)) mismatches++;
  const peek = await rate(q.n, seconds, (i) => (cache.peek(questions[i]!)!.allowed ? 1 : 0));
  const check = await rate(q.n, seconds, async (i) => ((await cache.check(questions[i]!)).allowed ? 1 : 0));
  return { peek, check, mismatches, missesAfterWarmUp: cache.stats().misses - warmMisses, entries: q.n };
}

/** A member of organization `o` without all-devices access who may view devices, and a device not granted to them. */
function grantTarget(w: World, o: number) {
  for (let m = w.memStart[o]! + 1; m < w.memStart[o + 1]!; m++) {
    if (
      w.memRole[m] !== ROLE_ADMIN &&
      w.memAll[m] === 0 &&
      (w.memRole[m] !== ROLE_CUSTOM || w.custom[o]!.mask[PERM_INDEX.get('device-management:devices.view')!] === 1)
    ) {
      const granted: string[] = [];
      const set = new Set<number>();
      for (let k = w.grantStart[m]!; k < w.grantStart[m + 1]!; k++) set.add(w.grantDev[k]!);
      for (const d of set) granted.push(w.deviceIds[d]!);
      let d = w.devStart[o]!;
      while (set.has(d)) d++;
      return {
        orgId: w.orgIds[o]!,
        adminId: w.userIds[w.memUser[w.memStart[o]!]!]!,
        userId: w.userIds[w.memUser[m]!]!,
        granted,
        extra: w.deviceIds[d]!,
      };
    }
  }
  return undefined;
}

const BENCH_SERVICE = 'bench-events';

/**
 * A database for the webhook latency alone, with organizations [0, nOrgs) of `w`: PostgreSQL when
 * BENCH_DATABASE_URL is set (in a schema of its own, made afresh, on every connection of the pool),
 * else PGlite in memory. `databaseUrl` is what the app's config takes (its change feed LISTENs there).
 */
export async function openWebhookBenchDb(w: World, nOrgs: number, log: (msg: string) => void) {
  let databaseUrl = process.env.BENCH_DATABASE_URL ?? 'memory';
  if (databaseUrl !== 'memory') {
    const setup = await openDb({ databaseUrl, dataDir: '' });
    await setup.query('DROP SCHEMA IF EXISTS bench_events CASCADE');
    await setup.query('CREATE SCHEMA bench_events');
    await setup.close();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', '-c search_path=bench_events');
    databaseUrl = url.toString();
  }
  const db = await openDb({ databaseUrl, dataDir: '' });
  await migrate(db);
  await applyShippedCatalog(db);
  await loadWorld(db, w, nOrgs, log);
  return { db, databaseUrl };
}

/**
 * Event delivery latency, COMMIT → webhook receiver, at WEBHOOK_RATE events a second for
 * WEBHOOK_SECONDS (BENCH_WEBHOOK_RATE, BENCH_WEBHOOK_SECONDS), over up to 4 organizations (deliveries are in order per organization, so the
 * k-th event an organization's receiver sees is its k-th write). The app must allow 127.0.0.1.
 */
export async function webhookLatency(w: World, nOrgs: number, db: Db, gatehouse: Gatehouse) {
  const targets = [];
  for (let o = nOrgs - 1; o >= 0 && targets.length < 4; o--) {
    const t = grantTarget(w, o);
    if (t) targets.push(t);
  }
  if (targets.length === 0) throw new Error('webhook latency: no organization has a member to grant to');

  const committed = new Map<string, number[]>(targets.map((t) => [t.orgId, []]));
  const received = new Map<string, number[]>(targets.map((t) => [t.orgId, []]));
  let secret = '';
  let badSignatures = 0;
  let wanted = 0;
  let seen = 0;
  let allSeen: () => void = () => {};
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const event = verifyWebhook(secret, Buffer.concat(chunks).toString('utf8'), req.headers);
        received.get(event.organizationId ?? '')?.push(performance.now());
        if (++seen === wanted) allSeen();
      } catch {
        badSignatures++;
      }
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gatehouse/webhook`;

  await gatehouse.core.services.register({
    service: BENCH_SERVICE,
    name: { en: 'Bench events', de: 'Bench-Ereignisse' },
    permissions: [{ action: 'access', label: { en: 'Access' }, description: { en: 'Access' }, roles: ['admin'] }],
  });
  const hook = await gatehouse.core.events.createWebhook({ clientId: 'bench', service: BENCH_SERVICE }, BENCH_SERVICE, {
    url,
    types: ['member.access_changed'],
  });
  secret = hook.secret;

  // The clock of each event starts at its transaction's first after-commit callback (as in
  // grant-visibility.ts): right after COMMIT, before anything hears of the write. Writes overlap
  // (below), so each finds its own clock through AsyncLocalStorage.
  const write = new AsyncLocalStorage<{ committedAt: number }>();
  // What else reaches the database meanwhile (the webhook worker, the event streams): its
  // transactions and single statements per event, a figure the machine's load does not move.
  let otherTransactions = 0;
  let otherStatements = 0;
  const realTransaction = db.transaction.bind(db);
  const realQuery = db.query.bind(db);
  db.query = ((...args: Parameters<Db['query']>) => {
    if (!write.getStore()) otherStatements++;
    return realQuery(...args);
  }) as Db['query'];
  db.transaction = <T>(fn: (tx: DbTx) => Promise<T>, options?: DbTransactionOptions) =>
    realTransaction((tx) => {
      let first = true;
      const box = write.getStore();
      if (!box) otherTransactions++;
      return fn({
        ...tx,
        afterCommit: (cb) =>
          tx.afterCommit(() => {
            if (first && box) box.committedAt = performance.now();
            first = false;
            // What the commit sets off (the worker's wake-up) is not the write's.
            write.exit(cb);
          }),
      });
    }, options);
  const writes = Math.max(1, Math.round(WEBHOOK_SECONDS * WEBHOOK_RATE));
  wanted = writes;
  const delivered = new Promise<void>((resolve) => (allSeen = resolve));
  let late = 0;
  let writeMs = 0;
  let t0 = 0;
  let lastStart = 0;
  try {
    // Open loop, as requests arrive: the k-th write starts at k/RATE s whether or not the previous
    // ones have finished (at most WRITES_IN_FLIGHT at once; a write that waits for a slot, or
    // starts behind its time, is counted late). A closed loop would measure at the rate the writes
    // happen to take, not at RATE. Events of one organization commit in order (its row lock), so
    // its commit times, sorted, pair with its receiver's arrivals in order.
    const inFlight = new Set<Promise<void>>();
    t0 = performance.now();
    for (let k = 0; k < writes; k++) {
      const due = t0 + (k * 1_000) / WEBHOOK_RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else {
        // Behind by more than one interval: the loop could not keep the rate.
        if (-wait > 1_000 / WEBHOOK_RATE) late++;
        // Still yield to I/O, as a server between requests does.
        await new Promise((r) => setImmediate(r));
      }
      while (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
      const t = targets[k % targets.length]!;
      // Alternately with and without the extra device: every write is a change, so an event.
      const deviceIds = k % (2 * targets.length) < targets.length ? [...t.granted, t.extra] : t.granted;
      lastStart = performance.now() - t0;
      const box = { committedAt: 0 };
      const started = performance.now();
      const p: Promise<void> = write
        .run(box, () => gatehouse.core.devices.setAccess({ userId: t.adminId }, t.orgId, t.userId, { allDevices: false, deviceIds }))
        .then(() => {
          writeMs += performance.now() - started;
          committed.get(t.orgId)!.push(box.committedAt);
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    for (const times of committed.values()) times.sort((x, y) => x - y);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([delivered, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
  } finally {
    db.transaction = realTransaction;
    db.query = realQuery;
    await gatehouse.core.events.deleteWebhook({ clientId: 'bench', service: BENCH_SERVICE }, BENCH_SERVICE, hook.id);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
  if (seen === 0) throw new Error(`webhook latency: none of ${writes} events reached the receiver (${badSignatures} bad signatures)`);
  const latencies: number[] = [];
  for (const [org, times] of committed) {
    const got = received.get(org)!;
    for (let k = 0; k < Math.min(times.length, got.length); k++) latencies.push(got[k]! - times[k]!);
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return {
    engine: db.engine,
    events: writes,
    delivered: seen,
    organizations: targets.length,
    badSignatures,
    rate: WEBHOOK_RATE,
    /** The rate the writes started at (events / the time from the first start to the last). */
    achievedRate: writes > 1 ? ((writes - 1) * 1_000) / lastStart : WEBHOOK_RATE,
    /** Writes that started behind their schedule (the event loop was late, or WRITES_IN_FLIGHT were running). */
    lateWrites: late,
    writeMeanMs: writeMs / writes,
    /** Transactions and single statements of anything but the writes (the worker's), per event. */
    otherTransactionsPerEvent: otherTransactions / writes,
    otherStatementsPerEvent: otherStatements / writes,
    medianMs: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1)!,
  };
}
