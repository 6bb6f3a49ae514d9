// The dashboard Smart Service of examples/smart-service, run as it is (its own process: openid-client
// for the sign-in, @gatehouse/sdk for its manifest, resources, checks through the decision cache and
// webhooks) against Gatehouse on a real port, driven in Chromium. A member signs in through the
// example and sees both dashboards; the Admin narrows the member to one dashboard in Gatehouse's web
// UI (the member page's tabs for the group type and the dashboard type, which PUT
// `/orgs/{orgId}/members/{userId}/access/{type}`); Gatehouse's webhook reaches the example, which
// drops its cached answers, and the member's next page load shows one dashboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { browserOf } from './support/people.js';
import { startWebE2E, type WebE2E } from './support/web.js';
import { freePort } from '../support/process.js';
import { addMember, signUpAndLogin, type SignedUpUser } from '../support/service.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/smart-service/server.mjs', import.meta.url));
const MANIFEST = JSON.parse(readFileSync(new URL('../../examples/smart-service/manifest.json', import.meta.url), 'utf8'));
const DASHBOARD = 'dashboards:dashboard';
const GROUP = 'dashboards:dashboard-group';

let e2e: WebE2E;
let example: ChildProcess | undefined;
let exampleBase: string;
let admin: SignedUpUser;
let member: SignedUpUser;
let orgId: string;

before(async () => {
  // The example registers a webhook to itself on loopback: the operator allows it.
  e2e = await startWebE2E({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  admin = await signUpAndLogin(e2e.svc, { firstName: 'Ada', lastName: 'Lovelace' });
  orgId = admin.activeOrganizationId;
  member = await signUpAndLogin(e2e.svc, { firstName: 'Max', lastName: 'Member' });
  // A member before the dashboard type appears: they get `all` of it (PLATFORM.md).
  await addMember(e2e.svc, orgId, member.userId, 'viewer');
  const switched = await e2e.svc.request(
    'PUT',
    '/me/active-organization',
    { organizationId: orgId },
    { token: member.token, origin: e2e.base },
  );
  assert.equal(switched.status, 200, `the member's active organization is the Admin's: ${switched.raw.body}`);

  // What the example's README tells an operator to run: `gatehouse service register manifest.json`
  // (its key) and `gatehouse oidc-client create`.
  const registered = await e2e.svc.gatehouse.core.services.register(MANIFEST);
  assert.ok(registered.client?.key.startsWith('gks_'), 'the service gets its key');
  const port = await freePort();
  exampleBase = `http://localhost:${port}`;
  const rp = await e2e.svc.gatehouse.oidc.clients.create({
    name: 'Dashboards',
    kind: 'confidential',
    redirectUris: [`${exampleBase}/callback`],
    postLogoutRedirectUris: [`${exampleBase}/`],
  });
  example = spawn(process.execPath, [EXAMPLE], {
    env: {
      PATH: process.env.PATH,
      GATEHOUSE_URL: e2e.base,
      PORT: String(port),
      CLIENT_ID: rp.id,
      CLIENT_SECRET: rp.secret!,
      SERVICE_KEY: registered.client!.key,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the example did not start: ${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Dashboards Smart Service on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    example!.stdout!.on('data', read);
    example!.stderr!.on('data', read);
    example!.once('exit', (code) => reject(new Error(`the example exited with ${code}: ${output}`)));
  });
});

after(async () => {
  example?.kill();
  await e2e?.close();
});

test('a member sees both dashboards; narrowed to one by the Admin, the next page load shows one', async (t) => {
  const page = await e2e.newPage();
  await page.goto(`${exampleBase}/`);
  await page.getByRole('link', { name: 'Sign in with Gatehouse' }).click();
  await page.getByLabel('E-mail address').fill(member.email);
  await page.getByLabel('Password', { exact: true }).fill(member.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: '2 of 2 dashboards' }).waitFor();
  const shown = async () => {
    const items = await page.locator('li[data-dashboard]').all();
    return (await Promise.all(items.map((li) => li.getAttribute('data-dashboard')))).sort();
  };
  assert.deepEqual(await shown(), ['line-1', 'line-2'], 'the member sees both dashboards');
  await e2e.screenshot(page, 'smart-service-two-dashboards');

  // The example told Gatehouse about its dashboards at the first page load: the Admin sees them.
  const listed = await e2e.svc.request('GET', `/orgs/${orgId}/resources?type=${encodeURIComponent(DASHBOARD)}`, undefined, {
    token: admin.token,
  });
  assert.equal(listed.status, 200, `the Admin lists the dashboards: ${listed.raw.body}`);
  const line1 = (listed.body.items as { id: string; externalId: string }[]).find((r) => r.externalId === 'line-1');
  assert.ok(line1?.id.startsWith('res_'), `line-1 is a resource: ${listed.raw.body}`);

  // A reload before any change is answered from the example's decision cache.
  await page.reload();
  await page.getByRole('heading', { name: '2 of 2 dashboards' }).waitFor();

  // The Admin, in Gatehouse's web UI, on the member's page: the Dashboard group tab to "Only selected"
  // with none (`all` of the group type reaches every dashboard through its group), then the Dashboard
  // tab to "Only selected" with Line 1.
  const adminPage = await browserOf(e2e, { ...admin, orgId });
  await adminPage.goto(`/users/${member.userId}?tab=${encodeURIComponent(GROUP)}`);
  const narrow = async (tab: string, pick?: string) => {
    await adminPage.getByRole('tab', { name: tab, exact: true }).click();
    const panel = adminPage.getByRole('tabpanel');
    await panel.getByRole('radio', { name: /^Only selected/ }).check();
    if (pick) await panel.getByRole('checkbox', { name: pick }).check();
    await panel.getByRole('button', { name: 'Save access' }).click();
    await panel.getByText("Access saved. It applies from the person's next click.").waitFor();
  };
  await narrow('Dashboard group');
  await narrow('Dashboard', 'Line 1 throughput');
  await e2e.screenshot(adminPage, 'smart-service-admin-narrows');
  const t0 = performance.now();
  // The member reloads until the page shows the change (the webhook has to arrive first).
  let seenAfterMs = Number.POSITIVE_INFINITY;
  let heading = '';
  while (performance.now() - t0 < 10_000) {
    await page.reload();
    heading = await page.getByRole('heading', { level: 2 }).innerText();
    if (heading === '1 of 2 dashboards') {
      seenAfterMs = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(seenAfterMs < 10_000, `the next page loads show one dashboard within 10 s of the Admin's save, not "${heading}"`);
  t.diagnostic(`the example showed the change ${Math.round(seenAfterMs)} ms after the Admin's save was confirmed`);
  assert.deepEqual(await shown(), ['line-1'], 'only the dashboard the member was left with');
  await e2e.screenshot(page, 'smart-service-one-dashboard');
});
