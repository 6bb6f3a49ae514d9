// Crashes. (1) A server process killed with SIGKILL five times during a mixed write load whose
// requests carry Idempotency-Keys; restarted each time; every write whose answer was lost is retried
// with its key afterwards: no acknowledged write lost, none applied twice, invariants intact, ready
// again within 5 s. (2) PostgreSQL (a private cluster, not the machine's shared server) stopped
// and started under load: answers are 503 while it is down (never a hang past the timeout), and
// the service recovers within 10 s of its return.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { invariantViolations, NO_VIOLATIONS } from '../../test/support/db-checks.js';
import type { Ctx } from '../support/context.js';
import { seedUsers, type SeededUser } from '../support/db.js';
import { client, type Answer } from '../support/http.js';
import { createCluster } from '../support/pg-cluster.js';
import { fmt, max, sleep } from '../support/stats.js';

const S = 'crash';

interface Write {
  key: string;
  user: SeededUser;
  method: string;
  path: string;
  body: unknown;
  table: 'organizations' | 'devices' | 'roles';
  name: string;
  acked: boolean;
  settled: boolean;
}

export async function crash(ctx: Ctx) {
  await killNine(ctx);
  await databaseOutage(ctx);
}

async function killNine(ctx: Ctx) {
  const { db } = ctx;
  const kills = 5;
  const server = await ctx.spawnServer('crash');
  await server.start();
  const call = client(server.base);
  const users = await seedUsers(db.query, 8, { prefix: 'crash' });
  const writes: Write[] = [];
  const newWrite = (u: SeededUser, i: number): Write => {
    const name = `crash-${randomUUID()}`;
    const base = { key: randomUUID(), user: u, name, acked: false, settled: false };
    switch (i % 3) {
      case 0:
        return { ...base, method: 'POST', path: '/orgs', body: { name }, table: 'organizations' };
      case 1:
        return { ...base, method: 'POST', path: `/orgs/${u.orgId}/devices`, body: { uuid: randomUUID(), name }, table: 'devices' };
      default:
        return {
          ...base,
          method: 'POST',
          path: `/orgs/${u.orgId}/roles`,
          body: { name: name.slice(0, 50), permissions: ['device-management:access'] },
          table: 'roles',
        };
    }
  };
  const send = async (w: Write): Promise<Answer | undefined> => {
    try {
      return await call(w.method, w.path, { token: w.user.token, body: w.body, headers: { 'idempotency-key': w.key }, timeoutMs: 5_000 });
    } catch {
      return undefined; // the process died under it: no answer, so not acknowledged
    }
  };
  const settle = (w: Write, a: Answer | undefined) => {
    if (!a) return;
    // A replay of a write whose answer carried a secret shown once (a device's token) is
    // `409 idempotency.secret_not_replayed`: the server says the write was applied, without the
    // secret — an acknowledgment like the 201 itself.
    if (a.status === 201 || (a.status === 409 && a.body?.code === 'idempotency.secret_not_replayed')) {
      w.acked = true;
      w.settled = true;
    } else if (a.status === 409 && a.body?.code === 'idempotency.response_lost') w.settled = true;
    else if (a.status !== 409 && a.status !== 503) w.settled = true; // a refusal: nothing to check
  };

  let stop = false;
  let unanswered = 0;
  const load = Promise.all(
    users.map(async (u) => {
      for (let i = 0; !stop; i++) {
        const w = newWrite(u, i);
        writes.push(w);
        settle(w, await send(w));
        if (!w.settled) unanswered++;
        // A client that got no answer retries the same request with the same key (until it has one).
        while (!w.settled && !stop) {
          await sleep(100);
          settle(w, await send(w));
        }
      }
    }),
  );
  const readyMs: number[] = [];
  for (let k = 0; k < kills; k++) {
    await sleep(1_500 + Math.random() * 1_000);
    await server.kill9();
    readyMs.push(await server.start(30_000));
  }
  await sleep(1_000);
  stop = true;
  await load;
  // Retry every write whose answer was lost, with its key, until it has one — as a client honouring
  // `409 idempotency.in_progress` would: a key whose request died with the process counts as in
  // flight for 30 s (src/http/idempotency.ts), then answers `idempotency.response_lost`.
  const giveUpAt = performance.now() + 45_000;
  for (const w of writes.filter((x) => !x.settled)) {
    while (!w.settled && performance.now() < giveUpAt) {
      settle(w, await send(w));
      if (!w.settled) await sleep(500);
    }
  }
  await server.stop();

  const names = writes.map((w) => w.name);
  const counts = new Map<string, number>();
  for (const table of ['organizations', 'devices', 'roles']) {
    const rows = await db.query<{ name: string; n: number }>(
      `SELECT name, count(*)::int AS n FROM ${table} WHERE name = ANY($1) GROUP BY name`,
      [names.map((n) => (table === 'roles' ? n.slice(0, 50) : n))],
    );
    for (const r of rows) counts.set(r.name, (counts.get(r.name) ?? 0) + r.n);
  }
  const countOf = (w: Write) => counts.get(w.table === 'roles' ? w.name.slice(0, 50) : w.name) ?? 0;
  const acked = writes.filter((w) => w.acked);
  const lost = acked.filter((w) => countOf(w) === 0).length;
  const twice = writes.filter((w) => countOf(w) > 1).length;
  const unsettled = writes.filter((w) => !w.settled).length;
  const responseLost = writes.filter((w) => w.settled && !w.acked && countOf(w) === 1).length;
  const v = await invariantViolations(db.query);
  ctx.report.add(
    S,
    `acknowledged writes lost after ${kills} × kill -9`,
    `${lost} of ${fmt(acked.length, 0)} (${unanswered} unanswered and retried with their key; ${responseLost} applied with the answer lost)`,
    '0',
    lost === 0 && acked.length > 0,
  );
  ctx.report.add(S, 'writes applied twice / never settled', `${twice} / ${unsettled}`, '0 / 0', twice === 0 && unsettled === 0);
  ctx.report.add(
    S,
    'invariants after the kills',
    JSON.stringify(v) === JSON.stringify(NO_VIOLATIONS) ? 'intact' : JSON.stringify(v),
    'intact',
    JSON.stringify(v) === JSON.stringify(NO_VIOLATIONS),
  );
  ctx.report.add(
    S,
    'ready again after kill -9 (spawn to /readyz 200)',
    `max ${fmt(max(readyMs), 0)} ms (${readyMs.map((m) => fmt(m, 0)).join(', ')})`,
    '< 5 s',
    max(readyMs) < 5_000,
  );
}

async function databaseOutage(ctx: Ctx) {
  const cluster = await createCluster();
  try {
    await cluster.start();
    const server = await ctx.spawnServer('outage', { DATABASE_URL: cluster.url });
    await server.start();
    const call = client(server.base);
    const pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
    pool.on('error', () => {});
    const [u] = await seedUsers((async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows) as never, 1, {
      prefix: 'outage',
    });
    await pool.end();

    const samples: { t: number; status: number; ms: number }[] = [];
    let stop = false;
    const t0 = Date.now();
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        while (!stop) {
          const started = Date.now();
          try {
            const a =
              w % 2
                ? await call('GET', `/orgs/${u!.orgId}`, { token: u!.token, timeoutMs: 30_000 })
                : await call('PATCH', `/orgs/${u!.orgId}`, { token: u!.token, body: { name: `Outage ${started}` }, timeoutMs: 30_000 });
            samples.push({ t: started - t0, status: a.status, ms: a.ms });
          } catch {
            samples.push({ t: started - t0, status: 0, ms: Date.now() - started });
          }
          await sleep(50);
        }
      }),
    );
    await sleep(2_000);
    // "Down" starts when the stop has completed: while pg_ctl is still shutting the server down,
    // requests it lets finish are rightly answered 200.
    await cluster.stop();
    const downAt = Date.now() - t0;
    await sleep(6_000);
    // And it ends when the start begins: PostgreSQL accepts connections a little before pg_ctl
    // returns, and requests it answers then are rightly 200 too.
    const startingAt = Date.now() - t0;
    await cluster.start();
    const backAt = Date.now() - t0;
    // Recovery: the first request started after PostgreSQL is back that succeeds for both kinds.
    let recoveredAt: number | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && recoveredAt === undefined) {
      await sleep(100);
      const after = samples.filter((s) => s.t >= backAt);
      const okAfter = after.filter((s) => s.status === 200);
      if (okAfter.length >= 2) recoveredAt = okAfter[0]!.t + okAfter[0]!.ms;
    }
    await sleep(500);
    stop = true;
    await load;
    await server.stop();

    const down = samples.filter((s) => s.t > downAt + 200 && s.t + s.ms < startingAt);
    const down503 = down.filter((s) => s.status === 503).length;
    const otherStatuses = [...new Set(down.filter((s) => s.status !== 503).map((s) => s.status))];
    const slowest = max(samples.map((s) => s.ms));
    ctx.report.add(
      S,
      'answers while PostgreSQL is down that are 503',
      `${down503} of ${down.length}${otherStatuses.length ? ` (others: ${otherStatuses.join(', ')})` : ''}`,
      'all',
      down.length > 0 && down503 === down.length,
    );
    ctx.report.add(
      S,
      'slowest answer during the outage',
      `${fmt(slowest, 0)} ms`,
      '≤ 6 s (connection timeout 5 s), no hang',
      slowest <= 6_000,
    );
    const recovery = recoveredAt === undefined ? Infinity : recoveredAt - backAt;
    ctx.report.add(S, 'recovery after PostgreSQL is back', `${fmt(recovery, 0)} ms`, '< 10 s', recovery < 10_000);
  } finally {
    await cluster.destroy();
  }
}
