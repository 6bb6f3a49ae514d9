// The retrying fetch against a real HTTP server on loopback: what it retries, how long it waits.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { retryAfterMs, retryingFetch } from '../src/retry.js';

let server: Server;
let base: string;
/** The answers the server gives, in order; each request takes the next. */
let script: { status: number; retryAfter?: string }[] = [];
const bodies: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      const next = script.shift() ?? { status: 200 };
      res.writeHead(next.status, next.retryAfter ? { 'retry-after': next.retryAfter } : {});
      res.end(JSON.stringify({ status: next.status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('503 and 429 are retried with the Retry-After asked for, and the body is sent again each time', async () => {
  script = [{ status: 503, retryAfter: '2' }, { status: 429, retryAfter: '1' }, { status: 200 }];
  bodies.length = 0;
  const waits: number[] = [];
  const f = retryingFetch(fetch, { sleep: async (ms) => void waits.push(ms) });
  const r = await f(`${base}/x`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 200, 'the third attempt succeeds');
  assert.deepEqual(waits, [2000, 1000], 'waits are the seconds Retry-After named');
  assert.deepEqual(bodies, ['{"a":1}', '{"a":1}', '{"a":1}'], 'each attempt carries the whole body');
});

test('without Retry-After the wait is exponential with jitter, and gives up after the retries allowed', async () => {
  script = [{ status: 503 }, { status: 503 }, { status: 503 }];
  const waits: number[] = [];
  const f = retryingFetch(fetch, { retries: 2, baseDelayMs: 100, random: () => 1, sleep: async (ms) => void waits.push(ms) });
  const r = await f(`${base}/x`);
  assert.equal(r.status, 503, 'after two retries the last 503 is returned');
  assert.deepEqual(waits, [100, 200], 'backoff doubles from the base');
  script = [];
});

test('other failures are not retried', async () => {
  script = [{ status: 500 }, { status: 200 }];
  let slept = 0;
  const r = await retryingFetch(fetch, { sleep: async () => void slept++ })(`${base}/x`);
  assert.equal(r.status, 500, 'a 500 comes back at once');
  assert.equal(slept, 0, 'nothing was waited for');
  script = [];
});

test('Retry-After as an HTTP date, and unreadable values', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  assert.equal(retryAfterMs('Mon, 07 Dec 2026 10:00:03 GMT', now), 3000, 'a date three seconds ahead');
  assert.equal(retryAfterMs('Mon, 07 Dec 2026 09:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(retryAfterMs('soon', now), undefined, 'unreadable: the client backs off by itself');
  assert.equal(retryAfterMs(null, now), undefined, 'absent');
});
