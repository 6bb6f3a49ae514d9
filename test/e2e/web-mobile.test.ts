// The main pages on a phone, 390 px wide (issue 14: "At 390 px the header overflows and e-mail
// addresses wrap one character per line"): nothing runs off the right edge or makes the page
// scroll sideways (wide tables scroll inside their own frame), the header's controls are on
// screen, and e-mail addresses are not broken a few letters per line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, horizontalOverflow, join, noPageErrors, person, shot, squeezedText } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

const PHONE = { width: 390, height: 844 };

async function fits(page: Page, name: string) {
  assert.deepEqual(await horizontalOverflow(page), [], `${name}: nothing wider than the 390 px screen`);
  assert.deepEqual(await squeezedText(page, 'td, th, dd, p, li'), [], `${name}: no text squeezed into a column a few letters wide`);
  await shot(e2e, page, `phone-${name}`);
}

test('at 390 px the signed-in pages fit the screen: header, users (e-mail addresses readable), devices, roles, settings, profile, audit log, invitations', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Maximiliane', 'Mobile-Langenberg', 'plant-engineering-and-automation-blomberg.example');
  const renamed = await call('PATCH', `/orgs/${admin.orgId}`, { name: 'Phoenix Contact Electronics Plant Blomberg North' }, admin.token);
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  const member = await person(e2e, 'Bartholomäus', 'Wiederkehr', 'very-long-subsidiary-name-of-the-group.example');
  await join(e2e, admin, member, 'editor');
  const device = await call(
    'POST',
    `/orgs/${admin.orgId}/devices`,
    { uuid: randomUUID(), name: 'Press line PLC AXC F 2152', location: 'Hall 3', tags: ['packaging', 'line-3'] },
    admin.token,
  );
  assert.equal(device.status, 201, JSON.stringify(device.body));
  const page = await browserOf(e2e, admin, { viewport: PHONE });

  await page.goto('/users');
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  // The header's controls are all on screen.
  for (const control of [
    page.getByRole('button', { name: /Switch organization/ }),
    page.getByRole('button', { name: /Account menu/ }),
    page.getByRole('group', { name: 'Language' }),
  ]) {
    const box = await control.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `a header control is within the screen: ${JSON.stringify(box)}`);
  }
  await page.getByText(member.email).waitFor();
  assert.deepEqual(await squeezedText(page, '.members-table td.cell-email'), [], 'e-mail addresses are not broken a few letters per line');
  await fits(page, 'users');

  await page.getByRole('link', { name: 'Bartholomäus' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bartholomäus Wiederkehr' }).waitFor();
  await fits(page, 'member');

  await page.getByRole('link', { name: 'Devices', exact: true }).click();
  await page.getByRole('link', { name: 'Press line PLC AXC F 2152' }).waitFor();
  await fits(page, 'devices');
  await page.getByRole('link', { name: 'Press line PLC AXC F 2152' }).click();
  await page.getByRole('heading', { level: 1, name: 'Press line PLC AXC F 2152' }).waitFor();
  await fits(page, 'device');

  await page.getByRole('link', { name: 'Roles', exact: true }).click();
  await page.getByRole('table', { name: 'Roles of this organization' }).waitFor();
  await fits(page, 'roles');

  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.locator('table.audit-table').waitFor();
  await fits(page, 'audit');

  for (const [path, heading] of [
    ['/settings', 'Organization settings'],
    ['/profile', 'Profile'],
    ['/invitations', 'My invitations'],
  ] as const) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await fits(page, path.slice(1));
  }

  // The organization menu and the account menu open within the screen.
  await page.getByRole('button', { name: /Switch organization/ }).click();
  await page.getByRole('button', { name: '+ Create organization' }).waitFor();
  await fits(page, 'org-menu');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('link', { name: 'Profile' }).waitFor();
  assert.deepEqual(await squeezedText(page, '.menu-who .muted'), [], 'the address in the account menu is readable');
  await fits(page, 'account-menu');
  noPageErrors(page);
});

test('at 390 px the public pages fit the screen: sign-in, sign-up with its rules, an invitation', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Paula', 'Public');
  const inv = await call(
    'POST',
    `/orgs/${admin.orgId}/invitations`,
    {
      email: `someone-with-a-rather-long-address-${randomUUID().slice(0, 6)}@partner-company.example`,
      roleId: 'viewer',
      message: 'Welcome to the plant team!',
    },
    admin.token,
  );
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const link = new URL(inv.body.link);
  const context = await e2e.newContext();
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  for (const [path, heading] of [
    ['/login', 'Sign in'],
    ['/signup', 'Create your account'],
    ['/forgot-password', 'Forgot your password?'],
    [`${link.pathname}${link.search}`, 'Invitation'],
  ] as const) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await fits(page, heading.toLowerCase().replace(/\W+/g, '-'));
  }
});
