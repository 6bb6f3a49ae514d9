// The event feed's two promises beyond "events exist": commit order across overlapping
// transactions (a reader following the cursor never skips an event that commits late), and a
// live stream that resumes with Last-Event-ID after the instance it was connected to restarted,
// missing nothing and repeating nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import { createGatehouse, type Gatehouse } from '../../src/server.js';
import { openDb, type Db } from '../../src/store/db.js';
import { createStore } from '../../src/store/store.js';
import { migrate } from '../../src/store/migrate.js';
import { isolatedDatabase, PUBLIC_URL } from '../support/service.js';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let db: Db;
let drop: () => Promise<void>;
let databaseUrl: string;
const instances: Gatehouse[] = [];

before(async () => {
  const database = await isolatedDatabase();
  databaseUrl = database.url;
  drop = database.drop;
  db = await openDb({ databaseUrl, dataDir: '/nonexistent' });
  await migrate(db);
});
after(async () => {
  for (const g of instances) await g.close();
  await db?.close();
  await drop?.();
});

async function start(): Promise<{ g: Gatehouse; url: string }> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, PUBLIC_URL, LOG_LEVEL: 'silent' });
  const g = await createGatehouse(config, { db, logger: createLogger('silent') });
  instances.push(g);
  await g.app.listen({ port: 0, host: '127.0.0.1' });
  return { g, url: `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}` };
}

const store = () => createStore(db, { onMailEnqueued: () => {}, onAuthzChanged: () => {} });
const emit = (orgId: string, deviceId: string) => store().transaction(async (tx) => tx.changed.event(orgId, 'device.added', { deviceId }));

/** Everything after `cursor`, through the store as GET /events reads it. */
async function readAll(after: number) {
  return store().repos.events.listAfter(after, { limit: 10_000 });
}

describe('commit order', () => {
  test('a transaction that commits after a later one still comes after the cursor that saw the later one', {
    skip: onPostgres ? false : 'PGlite is one connection: its transactions never overlap (PostgreSQL run: TEST_DATABASE_URL)',
  }, async () => {
    const start = await store().repos.events.lastPosition();
    let release!: () => void;
    const waiting = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    // A writes its event first, then stays open while B writes and commits.
    const a = store().transaction(async (tx) => {
      tx.changed.event('org_overlap', 'device.added', { deviceId: 'dev_a' });
      await tx.organizations.find('org_overlap');
      inside();
      await waiting;
    });
    await started;
    await emit('org_overlap', 'dev_b');
    const seen = await readAll(start);
    assert.deepEqual(
      seen.map((e) => e.data.deviceId),
      ['dev_b'],
      'B committed first: the reader sees B',
    );
    release();
    await a;
    const next = await readAll(seen.at(-1)!.position);
    assert.deepEqual(
      next.map((e) => e.data.deviceId),
      ['dev_a'],
      'A, committed later, comes after the cursor that saw B (not skipped)',
    );
  });

  test('many overlapping writers and a reader following the cursor meanwhile: the reader misses none, in increasing order', {
    skip: onPostgres ? false : 'PGlite is one connection: its transactions never overlap (PostgreSQL run: TEST_DATABASE_URL)',
  }, async () => {
    const start = await store().repos.events.lastPosition();
    const writers = 60;
    let done = false;
    const seen: number[] = [];
    const reader = (async () => {
      let cursor = start;
      for (;;) {
        const finished = done;
        const rows = await readAll(cursor);
        for (const r of rows) {
          seen.push(r.position);
          cursor = r.position;
        }
        if (finished) return;
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        store().transaction(async (tx) => {
          tx.changed.event('org_many', 'device.added', { deviceId: `dev_${i}` });
          // Random work inside the transaction so that start and commit orders differ.
          await tx.organizations.find('org_many');
          await new Promise((r) => setTimeout(r, Math.random() * 20));
        }),
      ),
    );
    done = true;
    await reader;
    const all = (await readAll(start)).map((e) => e.position);
    assert.equal(all.length, writers, 'every writer wrote its event');
    assert.deepEqual(seen, all, 'the reader, following its cursor while they committed, saw every one, in order');
  });
});

/** A Server-Sent Events client: collects `{id, data}` until `count` arrived or the stream ends. */
async function readStream(url: string, key: string, count: number, lastEventId?: string) {
  const res = await fetch(`${url}/api/v1/events`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${key}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events: { id: string; data: { id: string; data: { deviceId: string } } }[] = [];
  const reader = res.body!.getReader();
  let buffer = '';
  const decoder = new TextDecoder();
  let ended = false;
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    buffer += decoder.decode(value, { stream: true });
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (id && data) events.push({ id, data: JSON.parse(data) });
    }
  }
  return { events, ended, cancel: () => reader.cancel().catch(() => {}), reader };
}

describe('the live stream', () => {
  test('resumes with Last-Event-ID after the instance restarted: nothing missed, nothing repeated', async () => {
    const first = await start();
    const { key } = await first.g.core.serviceClients.create('stream');
    const base = await store().repos.events.lastPosition();
    for (let i = 0; i < 3; i++) await emit('org_stream', `dev_s${i}`);
    const before = await readStream(first.url, key, 3, String(base));
    assert.deepEqual(
      before.events.map((e) => e.data.data.deviceId),
      ['dev_s0', 'dev_s1', 'dev_s2'],
      'the first three, live',
    );
    // The instance goes away (the stream ends); events keep being written meanwhile.
    const closing = first.g.close();
    const rest = await (async () => {
      const { done } = await before.reader.read();
      return done;
    })();
    assert.equal(rest, true, 'the stream ends when its instance stops');
    await closing;
    for (let i = 3; i < 6; i++) await emit('org_stream', `dev_s${i}`);
    const second = await start();
    const after = await readStream(second.url, key, 3, before.events.at(-1)!.id);
    assert.deepEqual(
      after.events.map((e) => e.data.data.deviceId),
      ['dev_s3', 'dev_s4', 'dev_s5'],
      'resumed after the last one received',
    );
    // Live: an event written now arrives on the open stream.
    const live = readStream(second.url, key, 1, after.events.at(-1)!.id);
    await new Promise((r) => setTimeout(r, 100));
    await emit('org_stream', 'dev_live');
    const got = await live;
    assert.equal(got.events[0]!.data.data.deviceId, 'dev_live', 'a new event arrives on the open stream');
    await got.cancel();
    await after.cancel();
  });
});

/** Opens a stream (its headers have come: the server is following it) and reads until it ends. */
async function openStream(url: string, key: string) {
  const res = await fetch(`${url}/api/v1/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200, 'the stream opens');
  const reader = res.body!.getReader();
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return true;
  })();
  return { ended, cancel: () => reader.cancel().catch(() => {}) };
}

describe('a revoked key', () => {
  test('ends its open streams (on its instance, and on another through the change feed); other keys’ streams go on', async () => {
    const one = await start();
    // Instances share the revocation through PostgreSQL's NOTIFY; PGlite is one process, one instance.
    const two = onPostgres ? await start() : undefined;
    const kept = await one.g.core.serviceClients.create('kept');
    const gone = await one.g.core.serviceClients.create('gone');
    const streams = [await openStream(one.url, gone.key), ...(two ? [await openStream(two.url, gone.key)] : [])];
    const base = await store().repos.events.lastPosition();
    const other = readStream(one.url, kept.key, 1, String(base));
    assert.equal(await one.g.core.serviceClients.revoke(gone.id), true);
    for (const [i, s] of streams.entries()) assert.equal(await s.ended, true, `the revoked key's stream on instance ${i + 1} ended`);
    const again = await fetch(`${one.url}/api/v1/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${gone.key}` },
    });
    assert.equal(again.status, 401, 'and its reconnection is refused');
    await again.body?.cancel();
    await emit('org_revoke', 'dev_after_revocation');
    const got = await other;
    assert.equal(got.events[0]?.data.data.deviceId, 'dev_after_revocation', "another key's stream goes on");
    await got.cancel();
  });
});
