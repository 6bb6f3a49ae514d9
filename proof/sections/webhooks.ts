// Webhooks survive crashes. Writes (devices added in six organizations) go on while (1) a server
// process that delivers webhooks is killed with SIGKILL twice mid-stream and restarted, and (2) the
// receiver is down for a few seconds. Afterwards: every event was delivered at least once, none is
// lost, each organization's events arrived in the order they were committed (first arrivals; a
// repeat after a crash is allowed: at least once), and every signature verifies with the
// `standardwebhooks` package.
import { Webhook } from 'standardwebhooks';
import { hashSecret, newId, newSecret } from '../../src/core/clock-random.js';
import { startReceiver } from '../../test/support/webhook-receiver.js';
import type { Ctx } from '../support/context.js';
import { seedUsers } from '../support/db.js';
import { client } from '../support/http.js';
import { fmt, sleep } from '../support/stats.js';

const S = 'webhooks';

export async function webhooks(ctx: Ctx) {
  const { db } = ctx;
  // Slow enough that deliveries are in flight when the process dies.
  const receiver = await startReceiver({ delayMs: 40 });
  try {
    await db.query(
      `INSERT INTO services (slug, name, manifest, created_at, updated_at) VALUES ('proof-hooks', '{"en":"Proof"}', '{}', now(), now())`,
    );
    const key = `gks_${newSecret()}`;
    await db.query(`INSERT INTO service_clients (id, name, key_hash, created_at, service) VALUES ($1, 'proof', $2, now(), 'proof-hooks')`, [
      newId('svc'),
      hashSecret(key),
    ]);
    const hook = await ctx.call('POST', '/services/proof-hooks/webhooks', {
      token: key,
      body: { url: receiver.url, types: ['device.added'] },
    });
    if (hook.status !== 201) throw new Error(`webhook not created: ${hook.status} ${hook.text}`);
    const users = await seedUsers(db.query, 6, { prefix: 'webhooks' });
    const orgIds = new Set(users.map((u) => u.orgId));
    const deliverer = await ctx.spawnServer('webhooks');
    await deliverer.start();
    // The writes go through the deliverer too (a process that writes and delivers), retried
    // through the main server while it is down.
    const viaDeliverer = client(deliverer.base);
    let stop = false;
    let acked = 0;
    const load = Promise.all(
      users.map(async (u, i) => {
        for (let n = 0; !stop; n++) {
          const call = deliverer.running() && n % 2 === 0 ? viaDeliverer : ctx.call;
          try {
            const a = await call('POST', `/orgs/${u.orgId}/devices`, {
              token: u.token,
              body: { uuid: crypto.randomUUID(), name: `hook ${i}-${n}` },
              timeoutMs: 5_000,
            });
            if (a.status === 201) acked++;
          } catch {
            // The process died under the request: not acknowledged (its event may or may not exist).
          }
          await sleep(20);
        }
      }),
    );
    const inFlightAtKill: number[] = [];
    const killOnce = async () => {
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE leased_until > now()`);
      inFlightAtKill.push(row?.n ?? 0);
      await deliverer.kill9();
      await sleep(500);
      await deliverer.start(30_000);
    };
    await sleep(2_000);
    await killOnce();
    await sleep(1_500);
    await receiver.stop();
    await sleep(3_000);
    await receiver.start();
    await sleep(1_500);
    await killOnce();
    await sleep(1_500);
    stop = true;
    await load;

    // Every event of these organizations, in commit order.
    const events = await db.query<{ id: string; org_id: string; position: number }>(
      `SELECT id, org_id, position FROM events WHERE type = 'device.added' AND org_id = ANY($1) ORDER BY position`,
      [[...orgIds]],
    );
    const want = new Set(events.map((e) => e.id));
    const received = () => new Set(receiver.events().map((e) => e.id));
    // A delivery leased by a killed process is taken over when its lease ends (30 s); a receiver that
    // was down is retried with backoff: generous, and ends as soon as everything is there.
    const deadline = Date.now() + 150_000;
    const waitStarted = Date.now();
    while (Date.now() < deadline && [...want].some((id) => !received().has(id))) await sleep(250);
    const waitedMs = Date.now() - waitStarted;
    await deliverer.stop();

    const got = receiver.received.map((r) => ({ event: JSON.parse(r.body) as { id: string; organizationId: string }, raw: r }));
    const lost = [...want].filter((id) => !received().has(id)).length;
    ctx.report.add(
      S,
      'events lost after 2 × kill -9 of a delivering process and a receiver down 3 s',
      `${lost} of ${fmt(want.size, 0)} (${fmt(acked, 0)} writes acknowledged; ${inFlightAtKill.join(', ')} deliveries in flight at the kills; all there ${fmt(waitedMs / 1000, 1)} s after the load)`,
      '0',
      lost === 0 && want.size > 0 && acked > 0,
    );
    // Order per organization: the first arrival of each event, in the order of its commit.
    const positionOf = new Map(events.map((e) => [e.id, e.position]));
    const seen = new Set<string>();
    const lastPosition = new Map<string, number>();
    let outOfOrder = 0;
    for (const { event } of got) {
      if (seen.has(event.id) || !positionOf.has(event.id)) continue;
      seen.add(event.id);
      const p = positionOf.get(event.id)!;
      if (p < (lastPosition.get(event.organizationId) ?? 0)) outOfOrder++;
      lastPosition.set(event.organizationId, p);
    }
    const repeats = got.filter((g) => positionOf.has(g.event.id)).length - seen.size;
    ctx.report.add(
      S,
      'events out of commit order within their organization',
      `${outOfOrder} (${repeats} delivered again after a crash: at least once)`,
      '0',
      outOfOrder === 0,
    );
    const wh = new Webhook(hook.body.secret);
    let invalid = 0;
    for (const { raw } of got) {
      try {
        wh.verify(raw.body, raw.headers);
      } catch {
        invalid++;
      }
    }
    ctx.report.add(
      S,
      'signatures that do not verify (standardwebhooks)',
      `${invalid} of ${fmt(got.length, 0)}`,
      '0',
      invalid === 0 && got.length > 0,
    );
  } finally {
    await receiver.stop().catch(() => {});
  }
}
