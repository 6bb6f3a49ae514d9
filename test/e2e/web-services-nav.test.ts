// The Smart Services in the web UI's navigation (PLATFORM.md "Services and their manifests"): the
// services a member may enter (a url, `<slug>:access` held) with their icon and name, linked to the
// entry page, in English and German, reachable by keyboard; the one the member came from
// (`?service=<slug>`) marked as in use. In Chromium against the real server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, join, noPageErrors, person, shot } from './support/people.js';
import { registerSmartService, TSD } from '../support/smart-services.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
  await registerSmartService(e2e.svc.gatehouse, TSD);
});
after(async () => {
  await e2e?.close();
});

test('a Viewer sees the Time Series Data Service under Smart Services, with its icon, by keyboard, marked when she came from it', async () => {
  const admin = await person(e2e, 'Nadia', 'Navigation');
  const viewer = await person(e2e, 'Vito', 'Viewer');
  await join(e2e, admin, viewer, 'viewer');

  const page = await browserOf(e2e, viewer, { activeOrgId: admin.orgId });
  await page.goto('/devices');
  const nav = page.getByRole('navigation', { name: 'Smart Services' });
  const button = nav.getByRole('button', { name: /Smart Services/ });
  await button.waitFor();

  // Keyboard only: Tab reaches the button, Enter opens the list, Tab reaches the entry, Escape closes.
  await button.focus();
  await page.keyboard.press('Enter');
  const entry = nav.getByRole('link', { name: 'Time Series Data Service' });
  await entry.waitFor();
  assert.equal(await entry.getAttribute('href'), 'https://tsd.example.com/', 'links to the entry page');
  assert.equal(await entry.getAttribute('aria-current'), null, 'nothing marked without a signal');
  const icon = entry.locator('img');
  assert.equal(await icon.getAttribute('src'), '/api/v1/services/tsd/icon');
  // The icon is the served, sanitised SVG, and the browser drew it.
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.service-entry img');
    return img?.complete === true && img.naturalWidth > 0;
  });
  await page.keyboard.press('Tab');
  assert.equal(await entry.evaluate((el) => el === document.activeElement), true, 'Tab moves into the list');
  await page.keyboard.press('Escape');
  await entry.waitFor({ state: 'detached' });
  assert.equal(await button.evaluate((el) => el === document.activeElement), true, 'Escape closes, focus back on the button');

  // Coming from the service (its link carries ?service=tsd): marked, and it stays marked on other pages of the tab.
  await page.goto('/roles?service=tsd');
  await nav.getByRole('button', { name: /Smart Services: Time Series Data Service/ }).click();
  const marked = nav.getByRole('link', { name: /Time Series Data Service/ });
  assert.equal(await marked.getAttribute('aria-current'), 'true', 'the one in use is marked');
  await marked.getByText('in use').waitFor();
  await shot(e2e, page, 'smart-services-nav');
  await page.goto('/devices');
  await nav.getByRole('button', { name: /Smart Services: Time Series Data Service/ }).waitFor();
  noPageErrors(page);

  // In German: the German name from the manifest.
  const german = await browserOf(e2e, viewer, { activeOrgId: admin.orgId, lang: 'de' });
  await german.goto('/devices?service=tsd');
  const deNav = german.getByRole('navigation', { name: 'Smart Services' });
  await deNav.getByRole('button', { name: /Smart Services: Zeitreihendaten-Service/ }).click();
  await deNav
    .getByRole('link', { name: /Zeitreihendaten-Service/ })
    .getByText('in Verwendung')
    .waitFor();
  noPageErrors(german);
});

test('a member whose role does not hold tsd:access has no Smart Services menu', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Olga', 'Owner');
  const member = await person(e2e, 'Dario', 'Devices');
  const role = await call(
    'POST',
    `/orgs/${admin.orgId}/roles`,
    { name: 'Devices only', permissions: ['device-management:devices.view'] },
    admin.token,
  );
  assert.equal(role.status, 201, JSON.stringify(role.body));
  await join(e2e, admin, member, role.body.id);
  const page = await browserOf(e2e, member, { activeOrgId: admin.orgId });
  const answered = page.waitForResponse((r) => r.url().endsWith(`/orgs/${admin.orgId}/services`));
  await page.goto('/devices');
  assert.deepEqual(await (await answered).json(), [], 'the API offers nothing to enter');
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Smart Services' }).count(), 0, 'no menu for nothing to enter');
  noPageErrors(page);
});
