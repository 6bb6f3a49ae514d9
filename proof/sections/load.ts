// Load. Logins at 25/s for 60 s (open loop: requests start on schedule whatever the answers do):
// p99 ≤ 500 ms. A login storm at 200/s: what the service cannot hash it sheds at once (429/503 in
// < 100 ms) while /authz/check, measured in the same run with and without the storm, keeps ≥ 40 %
// of its throughput; the server's memory (RSS, from /metrics) stays bounded.
//
// Measured fairly: the load generator (this process, every thread of it) and the service (the server
// process, every thread: its event loop and its hashing threads) run on different cores for the
// whole section (test/support/cpu.ts, `taskset`; on a 2-core machine one core each), so the figures
// are the service's, not the two fighting for the same cores. PostgreSQL is left where the system
// put it (it is the service's database, shared by both cores). Where `taskset` is missing or only
// one core is allowed, nothing is pinned and the report says so; PROOF_PIN=0 leaves it unpinned.
// Within the generator, the storm is fired and timed in a thread of its own (support/storm.ts), so
// the /authz/check callers' busy event loop does not add its queue to the shed answers' times; the
// server writes its log straight to a file (support/server.ts), not through this process.
// Printed beside the figures: each event loop's delay, and how long the service's main thread
// waited, runnable, for its core (held by PostgreSQL and whatever else runs on the machine).
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { affinityOf, pin, plan } from '../../test/support/cpu.js';
import type { Ctx } from '../support/context.js';
import { PASSWORD, seedUsers } from '../support/db.js';
import { keepAliveClient } from '../support/http.js';
import { openLoop } from '../support/open-loop.js';
import { fmt, median, quantile, sleep } from '../support/stats.js';
import { stormThread, type StormResult } from '../support/storm.js';

const S = 'load';

export async function load(ctx: Ctx) {
  // PROOF_PIN=0: not pinned (to compare; the report says so).
  const pinning: ReturnType<typeof plan> = process.env.PROOF_PIN === '0' ? { pinned: false, note: 'not pinned: PROOF_PIN=0' } : plan();
  const serverPid = ctx.server.pid();
  const mine = affinityOf(process.pid);
  const serverWas = serverPid === undefined ? undefined : affinityOf(serverPid);
  const pinned = pinning.pinned && serverPid !== undefined && pin(serverPid, pinning.service) && pin(process.pid, pinning.generator);
  ctx.report.add(
    S,
    'cores of the load generator and of the service',
    pinned ? pinning.note : pinning.pinned ? 'not pinned: taskset failed' : pinning.note,
    'printed, not gated',
    true,
  );
  try {
    await measure(ctx);
  } finally {
    if (mine) pin(process.pid, mine);
    if (serverPid !== undefined && serverWas) pin(serverPid, serverWas);
  }
}

async function measure(ctx: Ctx) {
  const { call, db } = ctx;
  const seconds = 60 * ctx.scale === 60 ? Number(process.env.PROOF_LOGIN_SECONDS ?? 60) : 60 * ctx.scale;
  const metric = (text: string, name: string) => Number(new RegExp(`^gatehouse_${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
  const metrics = async () => (await call('GET', '/metrics')).text;
  const rss = async () => metric(await metrics(), 'process_resident_memory_bytes') / 2 ** 20;
  // Enough accounts that no account reaches its attempt limit (each logs in ≤ 5 times).
  const users = await seedUsers(db.query, Math.ceil((25 * seconds) / 5), { prefix: 'load', sessions: false });
  const rss0 = await rss();
  const logins = await openLoop(25, seconds, (i) =>
    call('POST', '/auth/login', { body: { email: users[i % users.length]!.email, password: PASSWORD } }),
  );
  const ok = logins.filter((a) => a.status === 200).length;
  const p99 = quantile(
    logins.map((a) => a.ms),
    0.99,
  );
  ctx.report.add(
    S,
    `logins at 25/s for ${seconds} s: p99`,
    `${fmt(p99, 0)} ms (median ${fmt(median(logins.map((a) => a.ms)), 0)} ms; ${ok} of ${logins.length} signed in)`,
    '≤ 500 ms, all 200',
    p99 <= 500 && ok === logins.length,
  );

  // /authz/check throughput: a closed loop of CALLERS callers for `window` seconds. Six saturate the
  // service here (the unloaded figure is the same with 16); more would only lengthen the queue every
  // other request waits in, which is the client's doing, not the service's.
  const CALLERS = Number(process.env.PROOF_AUTHZ_CALLERS ?? 6);
  const [subject] = await seedUsers(db.query, 1, { prefix: 'load-authz' });
  const checker = keepAliveClient(ctx.server.base, CALLERS);
  const question = { userId: subject!.userId, organizationId: subject!.orgId, permission: 'device-management:devices.view' };
  const check = () => checker.request('POST', '/authz/check', question, subject!.token);
  const throughput = async (window: number) => {
    let n = 0;
    const end = performance.now() + window * 1000;
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (performance.now() < end) if ((await check()) === 200) n++;
      }),
    );
    return n / window;
  };
  await throughput(2); // warm-up
  // Interleaved: unloaded, storm, unloaded, storm — the storm's figure is compared with the mean
  // of the unloaded ones around it (other work on the machine moves both alike).
  const storm = 200;
  const stormSeconds = 8;
  const unloaded: number[] = [];
  const loaded: number[] = [];
  const stormAnswers: StormResult['answers'] = [];
  const stormUsers = await seedUsers(db.query, storm * stormSeconds * 2, { prefix: 'storm', sessions: false });
  let rssMax = rss0;
  // The storm is fired and timed in a thread of its own (proof/support/storm.ts), apart from the
  // closed loop of /authz/check callers that keeps this event loop busy: its answers' times are the
  // service's, not this loop's queue. Both event loops' delays are printed beside the figure.
  const stormer = await stormThread(ctx.server.base);
  const lags = { storm: { p99: 0, max: 0 }, generator: { p99: 0, max: 0 }, service: { p99: 0, max: 0 } };
  const worst = (into: { p99: number; max: number }, p99: number, max: number) => {
    into.p99 = Math.max(into.p99, p99);
    into.max = Math.max(into.max, max);
  };
  // The service's main thread: how long it ran and how long it waited, runnable, for a CPU that
  // something else held (Linux's schedstat; the service's core is shared with PostgreSQL and
  // whatever else runs on the machine). A wait here is the machine's, not the service's.
  const serverPid = ctx.server.pid();
  const schedstat = () => {
    try {
      const [run, wait] = readFileSync(`/proc/${serverPid}/task/${serverPid}/schedstat`, 'utf8').split(' ').map(Number);
      return { run: run! / 1e6, wait: wait! / 1e6 };
    } catch {
      return undefined;
    }
  };
  const sched = { run: 0, wait: 0, wall: 0, known: serverPid !== undefined, stormWait: [] as number[] };
  try {
    for (let round = 0; round < 2; round++) {
      unloaded.push(await throughput(stormSeconds));
      const offset = round * storm * stormSeconds;
      await metrics(); // resets the service's event-loop delay histogram (prom-client does at each scrape)
      const sched0 = schedstat();
      const t0 = performance.now();
      const firing = stormer.fire({
        rate: storm,
        seconds: stormSeconds,
        requests: stormUsers
          .slice(offset, offset + storm * stormSeconds)
          .map((u) => ({ method: 'POST', path: '/auth/login', body: { email: u.email, password: PASSWORD } })),
      });
      await sleep(500);
      // A histogram per round: one disabled and enabled again counts the pause as one long delay.
      const generatorLag = monitorEventLoopDelay({ resolution: 10 });
      generatorLag.enable();
      loaded.push(await throughput(stormSeconds - 1));
      const fired = await firing;
      generatorLag.disable();
      const sched1 = schedstat();
      if (sched0 && sched1) {
        sched.run += sched1.run - sched0.run;
        sched.wait += sched1.wait - sched0.wait;
        sched.wall += performance.now() - t0;
      } else sched.known = false;
      const after = await metrics();
      worst(
        lags.service,
        metric(after, 'nodejs_eventloop_lag_p99_seconds') * 1000,
        metric(after, 'nodejs_eventloop_lag_max_seconds') * 1000,
      );
      worst(lags.storm, fired.lagP99Ms, fired.lagMaxMs);
      sched.stormWait.push(fired.waitShare);
      worst(lags.generator, generatorLag.percentile(99) / 1e6, generatorLag.max / 1e6);
      stormAnswers.push(...fired.answers);
      rssMax = Math.max(rssMax, await rss());
    }
    unloaded.push(await throughput(stormSeconds));
  } finally {
    await stormer.close();
    checker.close();
  }
  const base = median(unloaded);
  const during = median(loaded);
  const shed = stormAnswers.filter((a) => a.status === 429 || a.status === 503);
  const shedP99 = quantile(
    shed.map((a) => a.ms),
    0.99,
  );
  const served = stormAnswers.filter((a) => a.status === 200).length;
  const other = stormAnswers.filter((a) => ![200, 429, 503].includes(a.status)).length;
  ctx.report.add(
    S,
    `login storm at ${storm}/s: shed answers (429/503), p99`,
    `${fmt(shedP99, 0)} ms (${shed.length} shed, ${served} served, ${other} other)`,
    '< 100 ms',
    shed.length > 0 && shedP99 < 100 && other === 0,
  );
  const lag = (l: { p99: number; max: number }) => `${fmt(l.p99, 0)} / ${fmt(l.max, 0)} ms`;
  ctx.report.add(
    S,
    "event-loop delay during the storms, p99 / max: the storm's thread (times the shed answers); the generator's main thread; the service",
    `${lag(lags.storm)}; ${lag(lags.generator)}; ${lag(lags.service)}`,
    'printed, not gated',
    true,
  );
  const stormWait = median(sched.stormWait);
  ctx.report.add(
    S,
    "during the storms, share of the time: the service's main thread running / waiting, runnable, for its CPU; the storm's thread waiting",
    `${sched.known ? `${fmt(sched.run / sched.wall, 2)} / ${fmt(sched.wait / sched.wall, 2)}` : 'not known'}; ${Number.isNaN(stormWait) ? 'not known' : fmt(stormWait, 2)} (Linux schedstat)`,
    'printed, not gated',
    true,
  );
  ctx.report.add(
    S,
    '/authz/check throughput during the storm ÷ unloaded',
    `${fmt(during / base, 2)} (${fmt(during, 0)} vs ${fmt(base, 0)} checks/s)`,
    '≥ 0.40',
    during / base >= 0.4,
  );
  ctx.report.add(S, 'server memory (RSS) before → highest', `${fmt(rss0, 0)} → ${fmt(rssMax, 0)} MiB`, '≤ 512 MiB', rssMax <= 512);
}
