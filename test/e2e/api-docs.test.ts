// The API explorer (/api/docs, Swagger UI) is served under the web UI's Content-Security-Policy and
// frame protection (issue 13): it must still render every operation in Chromium under that policy.
// (Swagger UI applies one inline style attribute that the policy blocks; nothing of the page
// depends on it, which the operation count and the screenshot show.)
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

test('the API explorer renders every operation under the strict CSP, and refuses to be framed', async () => {
  const page = await e2e.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const res = await page.goto(`${e2e.base}/api/docs`);
  assert.equal(res?.status(), 200, 'the explorer is served');
  const headers = res!.headers();
  assert.match(headers['content-security-policy'] ?? '', /script-src 'self'/, 'under the Content-Security-Policy of the web UI');
  assert.doesNotMatch(headers['content-security-policy'] ?? '', /unsafe-inline/, 'without unsafe-inline');
  assert.equal(headers['x-frame-options'], 'DENY', 'and not frameable');

  const doc = (await (await fetch(`${e2e.base}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.values(doc.paths).flatMap((ops) => Object.keys(ops).filter((m) => m !== 'parameters')).length;
  await page.locator('.opblock').first().waitFor();
  const rendered = await page.locator('.opblock').count();
  assert.equal(rendered, documented, `every documented operation is rendered (${rendered} of ${documented})`);
  assert.deepEqual(errors, [], 'no script error on the page');
  await e2e.screenshot(page, 'api-docs');
});
