// events.subscribe against a real SSE server on loopback that drops the connection mid-stream:
// the client reconnects with Last-Event-ID and hands every event over once, in order.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { CursorExpiredError, subscribe } from '../src/subscribe.js';

let server: Server;
let base: string;
const EVENTS = Array.from({ length: 6 }, (_, i) => ({
  id: `evt_${i + 1}`,
  type: 'member.added',
  organizationId: 'org_1',
  occurredAt: '',
  revision: i + 1,
  data: {},
}));
/** The Last-Event-ID header of each connection, and the status to answer with. */
const seen: (string | undefined)[] = [];
let refuse = false;
let expired = false;

before(async () => {
  server = createServer((req, res) => {
    const lastId = req.headers['last-event-id'] as string | undefined;
    seen.push(lastId);
    if (expired) {
      res.writeHead(410, { 'content-type': 'application/problem+json' }).end('{"code":"events.cursor_expired","status":410}');
      return;
    }
    if (refuse) {
      res.writeHead(401, { 'content-type': 'application/problem+json' }).end('{"code":"auth.invalid_token"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const from = lastId ? EVENTS.findIndex((e) => e.id === lastId) + 1 : 0;
    // Three events per connection, then the connection drops (as when an instance restarts).
    for (const e of EVENTS.slice(from, from + 3)) res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    if (from + 3 >= EVENTS.length) return; // the last connection stays open
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a dropped stream resumes with Last-Event-ID: every event once, in order', async () => {
  const got: string[] = [];
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const sub = subscribe(base, 'gks_test', fetch, {
    reconnectDelayMs: 10,
    onEvent: (e) => {
      got.push(e.id);
      if (got.length === EVENTS.length) resolveAll();
    },
  });
  await all;
  // The position moves once the handler has settled (an event whose handler threw is sent again).
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(
    got,
    EVENTS.map((e) => e.id),
    'each event exactly once, in order',
  );
  assert.deepEqual(seen.slice(0, 2), [undefined, 'evt_3'], 'the second connection named the last event handed over');
  assert.equal(sub.lastEventId(), 'evt_6', 'the position to store for a restart');
  sub.close();
  await sub.done;
});

test('a refused key ends the subscription instead of retrying forever', async () => {
  refuse = true;
  const errors: unknown[] = [];
  const sub = subscribe(base, 'gks_wrong', fetch, { reconnectDelayMs: 10, onEvent: () => {}, onError: (e) => errors.push(e) });
  await assert.rejects(sub.done, /refused the event stream \(401\)/, 'done rejects with the status');
  refuse = false;
});

test('a position older than the events kept ends the subscription with a CursorExpiredError', async () => {
  expired = true;
  const sub = subscribe(base, 'gks_test', fetch, { lastEventId: 'evt_1', reconnectDelayMs: 10, onEvent: () => {}, onError: () => {} });
  const error = await sub.done.then(
    () => assert.fail('done should reject'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof CursorExpiredError, 'a typed error');
  assert.equal(error.code, 'events.cursor_expired');
  assert.equal(error.lastEventId, 'evt_1', 'names the position that expired');
  assert.deepEqual(error.problem, { code: 'events.cursor_expired', status: 410 }, 'with the problem document');
  expired = false;
});
