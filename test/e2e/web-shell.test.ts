// The service serves the web UI at `/` with a strict Content-Security-Policy, answers a browser's
// request for any page of the app with it, and keeps the API's 404s as problem documents.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWebE2E, type WebE2E } from './support/web.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

test('a page of the app loads in Chromium without a console error, signed-out visitors go to sign-in', async () => {
  const page = await e2e.newPage();
  const problems: string[] = [];
  // (The app asks GET /me to learn whether someone is signed in: its 401 is the expected answer.)
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/users');
  await page.waitForURL(/\/login\?next=%2Fusers$/);
  assert.deepEqual(problems, []);
});

test('HTML pages carry the CSP; unknown API paths stay problem documents; assets are cached for good', async () => {
  const html = await fetch(`${e2e.base}/devices`, { headers: { accept: 'text/html' } });
  assert.equal(html.status, 200);
  assert.match(html.headers.get('content-security-policy') ?? '', /script-src 'self'.*frame-ancestors 'none'/);
  const body = await html.text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(body)?.[1];
  assert.ok(asset, body);
  const js = await fetch(`${e2e.base}${asset}`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('cache-control') ?? '', /immutable/);

  const api = await fetch(`${e2e.base}/api/v1/nope`, { headers: { accept: 'text/html' } });
  assert.equal(api.status, 404);
  assert.equal(((await api.json()) as { code: string }).code, 'request.not_found');
  const json = await fetch(`${e2e.base}/no-such-file.js`);
  assert.equal(json.status, 404);
});
