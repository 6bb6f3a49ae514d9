// The webhook queue's batches (store/webhooks.repo.ts): one claim takes, per webhook and
// organization, the oldest pending delivery with the due ones behind it (a chain, in order), and
// one statement records any number of outcomes — a released delivery as it was, its attempt not
// counted. The worker over real receivers is tested in events-webhooks.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDb, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createStore } from '../../src/store/store.js';
import { createDeliveryQueue } from '../../src/store/webhooks.repo.js';
import { isolatedDatabase } from '../support/service.js';

let db: Db;
let drop: () => Promise<void>;

before(async () => {
  const database = await isolatedDatabase();
  drop = database.drop;
  db = await openDb({ databaseUrl: database.url, dataDir: '/nonexistent' });
  await migrate(db);
  await db.query(`INSERT INTO services (slug, name, manifest, created_at, updated_at) VALUES ('queue', '{"en":"q"}', '{}', now(), now())`);
  for (const id of ['whk_a', 'whk_b'])
    await db.query(
      `INSERT INTO webhooks (id, service, url, types, secret_sealed, created_at) VALUES ($1, 'queue', 'http://127.0.0.1:9/', $2, 'x', now())`,
      [id, ['device.added', 'service.manifest_changed']],
    );
});
after(async () => {
  await db?.close();
  await drop?.();
});

const store = () => createStore(db, { onMailEnqueued: () => {}, onAuthzChanged: () => {} });
const LEASE = 60_000;

test('a claim takes chains in order per webhook and organization; one statement records them; released ones come back as they were', async () => {
  const queue = createDeliveryQueue(db);
  for (const [org, n] of [
    ['org_1', 3],
    ['org_2', 2],
  ] as const)
    for (let i = 0; i < n; i++) await store().transaction(async (tx) => tx.changed.event(org, 'device.added', { deviceId: `${org}_${i}` }));
  await store().transaction(async (tx) => tx.changed.event(null, 'service.manifest_changed', { service: 'queue' }));

  const now = new Date(Date.now() + 1_000);
  const chains = await queue.claim(now, { limit: 10, perWebhook: 10, inFlight: new Map(), leaseMs: LEASE, chain: 50 });
  const shape = chains.map((c) => [c.webhookId, c.organizationId, c.deliveries.map((d) => d.event.data.deviceId ?? d.event.type)]).sort();
  assert.deepEqual(
    shape,
    [
      ['whk_a', '', ['service.manifest_changed']],
      ['whk_a', 'org_1', ['org_1_0', 'org_1_1', 'org_1_2']],
      ['whk_a', 'org_2', ['org_2_0', 'org_2_1']],
      ['whk_b', '', ['service.manifest_changed']],
      ['whk_b', 'org_1', ['org_1_0', 'org_1_1', 'org_1_2']],
      ['whk_b', 'org_2', ['org_2_0', 'org_2_1']],
    ],
    'every due delivery in one claim, as chains in event order (the platform event: a group of its own)',
  );
  assert.deepEqual(
    await queue.claim(now, { limit: 10, perWebhook: 10, inFlight: new Map(), leaseMs: LEASE, chain: 50 }),
    [],
    'leased: nothing for another worker',
  );

  // whk_a org_1: the first succeeds, the second fails (retried later), the third was not sent.
  const a1 = chains.find((c) => c.webhookId === 'whk_a' && c.organizationId === 'org_1')!.deliveries;
  const at = new Date();
  await queue.record([
    { id: a1[0]!.id, kind: 'succeeded', status: 204, at },
    { id: a1[1]!.id, kind: 'retry', status: 500, error: 'HTTP 500', nextAttemptAt: new Date(now.getTime() + 3_600_000), at },
    { id: a1[2]!.id, kind: 'released' },
  ]);
  const rows = await db.query<{ id: string; status: string; attempts: number; last_status: number | null; leased_until: Date | null }>(
    `SELECT id, status, attempts, last_status, leased_until FROM webhook_deliveries WHERE id = ANY ($1) ORDER BY event_position`,
    [a1.map((d) => d.id)],
  );
  assert.deepEqual(
    rows.map((r) => [r.status, r.attempts, r.last_status, r.leased_until]),
    [
      ['succeeded', 1, 204, null],
      ['pending', 1, 500, null],
      ['pending', 0, null, null],
    ],
    'one statement: succeeded, to be retried (its attempt counted), released (as it was)',
  );
  const later = await queue.claim(now, { limit: 10, perWebhook: 10, inFlight: new Map(), leaseMs: LEASE, chain: 50 });
  assert.deepEqual(later, [], 'the released one waits behind the failed one of its organization (the order holds)');
});
