// The audit log in words (issue 14, "What a newcomer met in the UI"): "Editor → Maintenance",
// "All devices → 2 devices: Press line PLC, Packaging EMpro", names instead of ids (also for a
// member who has left and a device that is gone: the service records names as they were at the
// event), "mailed" only for an invitation that was mailed, no raw JSON, a Change column that wraps
// instead of being cut off at 1280 px; and what a reader may not see (issue 13, item 7) reads "hidden".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { uniqueEmail } from '../support/service.js';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, join, noPageErrors, ownDomain, person, shot } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

const row = (page: Page, action: string) => page.locator(`tr[data-action="${action}"]`);

test('the audit log says what changed in words, names what it can, never shows JSON or ids, and wraps at 1280 px', async () => {
  const call = api(e2e);
  const domain = ownDomain('acme');
  const admin = await person(e2e, 'Astrid', 'Audit', domain);
  const mika = await person(e2e, 'Mika', 'Maier');
  const rolf = await person(e2e, 'Rolf', 'Gone');
  const add = async (name: string) => {
    const r = await call('POST', `/orgs/${admin.orgId}/devices`, { uuid: randomUUID(), name }, admin.token);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.device.id as string;
  };
  const press = await add('Press line PLC');
  const packaging = await add('Packaging EMpro');
  const boiler = await add('Old boiler gateway');
  const role = await call(
    'POST',
    `/orgs/${admin.orgId}/roles`,
    {
      name: 'Maintenance',
      description: 'Keeps the machines running.',
      permissions: ['device-management:access', 'device-management:devices.view'],
    },
    admin.token,
  );
  assert.equal(role.status, 201, JSON.stringify(role.body));

  await join(e2e, admin, mika, 'editor', { allDevices: true, deviceIds: [] });
  await join(e2e, admin, rolf, 'viewer');
  const mailed = await call(
    'POST',
    `/orgs/${admin.orgId}/invitations`,
    { email: uniqueEmail('colleague', domain), roleId: 'viewer' },
    admin.token,
  );
  assert.equal(mailed.body.delivery, 'email', 'same e-mail domain: mailed');
  const billing = {
    companyName: 'Secret Plant GmbH',
    street: 'Hidden Street 7',
    postalCode: '32825',
    city: 'Blomberg',
    country: 'DE',
    vatId: 'DE999888777',
    billingEmail: 'ledger@secret-plant.example',
  };
  const steps: [string, string, unknown][] = [
    ['PUT', `/orgs/${admin.orgId}/billing`, billing],
    ['PATCH', `/orgs/${admin.orgId}/members/${mika.userId}`, { roleId: role.body.id }],
    ['PUT', `/orgs/${admin.orgId}/members/${mika.userId}/device-access`, { allDevices: false, deviceIds: [press, packaging] }],
    [
      'PATCH',
      `/orgs/${admin.orgId}/roles/${role.body.id}`,
      { permissions: ['device-management:access', 'device-management:devices.view', 'device-management:devices.edit'] },
    ],
    ['DELETE', `/orgs/${admin.orgId}/devices/${boiler}`, undefined],
    ['DELETE', `/orgs/${admin.orgId}/members/${rolf.userId}`, undefined],
  ];
  for (const [method, path, body] of steps) {
    const r = await call(method, path, body, admin.token);
    assert.ok(r.status === 200 || r.status === 204, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  const page = await browserOf(e2e, admin);
  await page.goto('/audit');
  await row(page, 'member.removed').waitFor();

  const roleChange = row(page, 'member.role_changed');
  assert.match(await roleChange.innerText(), /Member: Mika Maier[\s\S]*Editor\s*→\s*Maintenance/, 'the role change in words');
  assert.match(
    await row(page, 'member.device_access_changed').innerText(),
    /Member: Mika Maier[\s\S]*All devices\s*→\s*2 devices: Press line PLC, Packaging EMpro/,
  );
  // Permission names come from the catalog (GET /services), which may arrive after the rows: until
  // then a permission shows as its key. Wait for the name, then read the whole row.
  await row(page, 'role.changed')
    .filter({ hasText: /Edit data of device/i })
    .waitFor();
  assert.match(await row(page, 'role.changed').innerText(), /Role: Maintenance[\s\S]*Added: Edit data of device/i);
  // Gone, yet named: the device by its own event, the member who left by the name recorded with the event.
  assert.match(await row(page, 'device.deleted').innerText(), /Device: Old boiler gateway/);
  assert.equal(
    await row(page, 'device.added').filter({ hasText: 'Old boiler gateway' }).getByRole('link').count(),
    0,
    'a device that is gone is named, not linked',
  );
  await row(page, 'device.added').filter({ hasText: 'Press line PLC' }).getByRole('link', { name: 'Device: Press line PLC' }).waitFor();
  assert.match(
    await row(page, 'member.removed').innerText(),
    /Member: Rolf Gone[\s\S]*Had the role Viewer/,
    'a removed member keeps the name they had',
  );
  assert.match(await row(page, 'organization.billing_changed').innerText(), /Secret Plant GmbH/, 'the Admin sees billing data');
  // "Mailed" only where it was mailed.
  const invitations = page.locator('tr[data-action="invitation.created"]');
  const texts = await invitations.allInnerTexts();
  assert.equal(texts.filter((t) => /Invitation mailed/.test(t)).length, 1, `one invitation was mailed: ${texts.join(' | ')}`);
  assert.equal(texts.filter((t) => /Invitation link created/.test(t)).length, 2, 'two were links handed to the inviter');
  for (const t of texts.filter((x) => /Invitation link created/.test(x)))
    assert.match(t, /Not mailed/, 'a link row says why nothing was mailed');

  const table = page.locator('table.audit-table');
  const all = await table.innerText();
  assert.doesNotMatch(all, /[{}]|"\w+":/, 'no JSON in the table');
  assert.doesNotMatch(all, /\b(usr|dev|rol|inv|org|evt)_[0-9A-Za-z]{6,}/, 'no ids in the table');

  // At 1280 px every cell fits: nothing scrolls sideways, no cell ends past the table's frame.
  const fit = (await table.evaluate(`(() => {
    const wrap = document.querySelector('.table-wrap:has(table.audit-table)');
    const right = wrap.getBoundingClientRect().right;
    const cells = [...document.querySelectorAll('table.audit-table td')].filter((td) => td.getBoundingClientRect().right > right + 1 || td.scrollWidth > td.clientWidth + 1);
    return { scrolls: wrap.scrollWidth > wrap.clientWidth + 1, cut: cells.map((c) => c.innerText.slice(0, 60)) };
  })()`)) as { scrolls: boolean; cut: string[] };
  assert.deepEqual(fit, { scrolls: false, cut: [] }, 'the Change column wraps within the page at 1280 px');
  await shot(e2e, page, 'audit-in-words');

  // In German: the link is "erstellt", only a mailed one "verschickt".
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Protokoll' }).waitFor();
  const german = await invitations.allInnerTexts();
  assert.equal(
    german.filter((t) => /Einladung verschickt/.test(t)).length,
    1,
    `"verschickt" only for the mailed one: ${german.join(' | ')}`,
  );
  assert.equal(german.filter((t) => /Einladungslink erstellt/.test(t)).length, 2, 'the links are "erstellt"');
  assert.match(await row(page, 'member.device_access_changed').innerText(), /Alle Geräte\s*→\s*2 Geräte: Press line PLC, Packaging EMpro/);
  await shot(e2e, page, 'audit-in-words-de');
  noPageErrors(page);

  // A reader with the audit log but neither billing nor devices: those details read "hidden".
  const people = await call(
    'POST',
    `/orgs/${admin.orgId}/roles`,
    { name: 'People only', permissions: ['user-management:access'] },
    admin.token,
  );
  assert.equal(people.status, 201, JSON.stringify(people.body));
  const paula = await person(e2e, 'Paula', 'People');
  await join(e2e, admin, paula, people.body.id);
  const reader = await browserOf(e2e, paula);
  await reader.goto('/audit');
  await row(reader, 'member.removed').waitFor();
  const seen = await reader.locator('table.audit-table').innerText();
  for (const secret of [
    'Secret Plant',
    'Hidden Street',
    'DE999888777',
    'ledger@',
    'Press line PLC',
    'Packaging EMpro',
    'Old boiler gateway',
  ]) {
    assert.equal(seen.includes(secret), false, `the reader does not see ${secret}`);
  }
  assert.match(await row(reader, 'organization.billing_changed').innerText(), /Details hidden/, 'billing: details hidden');
  assert.match(await row(reader, 'device.deleted').innerText(), /Device: hidden/, 'a device the reader may not open: hidden');
  assert.match(
    await row(reader, 'member.device_access_changed').innerText(),
    /All devices\s*→\s*2 devices: 2 hidden devices/,
    'the devices of a grant: counted, not named',
  );
  assert.match(await row(reader, 'member.removed').innerText(), /Member: Rolf Gone/, 'members are named for the reader too');
  await shot(e2e, reader, 'audit-hidden-for-reader');
  noPageErrors(reader);
});
