// What a member is told when their membership changes under them (issue 14, "What a newcomer met in
// the UI"): removed while looking at the organization, the only member trying to leave, leaving,
// and where each of them lands (Users for those who manage users, Devices for everyone else).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, join, noPageErrors, person, shot } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

const orgButton = (page: import('playwright-core').Page) => page.getByRole('button', { name: /Switch organization|Organisation wechseln/ });

test('removed while looking at the organization: the next click says what happened and where they are now, not "this device does not exist"', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Rosa', 'Remover');
  const member = await person(e2e, 'Ruben', 'Removed');
  const device = await call('POST', `/orgs/${admin.orgId}/devices`, { uuid: randomUUID(), name: 'Press line PLC' }, admin.token);
  assert.equal(device.status, 201, JSON.stringify(device.body));
  await join(e2e, admin, member, 'editor', { allDevices: true, deviceIds: [] });

  const page = await browserOf(e2e, member);
  await page.goto('/devices');
  await page.getByRole('link', { name: 'Press line PLC' }).waitFor();
  assert.match(await orgButton(page).innerText(), /Rosa's organization/, 'acting in the organization that is about to remove them');

  // Meanwhile, at the Admin's desk.
  assert.equal((await call('DELETE', `/orgs/${admin.orgId}/members/${member.userId}`, undefined, admin.token)).status, 204, 'removed');

  await page.getByRole('link', { name: 'Press line PLC' }).click();
  const notice = page.locator('[data-notice="removed"]');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'alert', 'announced to screen readers at once');
  assert.match(
    await notice.innerText(),
    /You are no longer a member of “Rosa's organization”: you were removed from it, or it was deleted\. You are now in “Ruben's organization” as Admin\./,
  );
  // Where they are now: their own organization, where they are Admin, on its Users page; the header follows.
  await page.waitForURL(/\/users$/);
  await orgButton(page).filter({ hasText: "Ruben's organization" }).waitFor();
  assert.equal(await page.getByText('This device does not exist').count(), 0, 'no "device does not exist" for a removal');
  await shot(e2e, page, 'removed-while-looking');

  // Told once: moving on clears it.
  await page.getByRole('link', { name: 'Devices', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
  assert.equal(await notice.count(), 0, 'the notice is gone on the next page');
  noPageErrors(page);
});

test('the only member trying to leave is offered Delete instead; afterwards they land where their role there allows (Devices for a Viewer)', async () => {
  const host = await person(e2e, 'Hilde', 'Host');
  const loner = await person(e2e, 'Lotte', 'Alone');
  // Lotte is also a Viewer of Hilde's organization: once hers is gone, that is where she acts.
  await join(e2e, host, loner, 'viewer');
  const page = await browserOf(e2e, loner, { activeOrgId: loner.orgId });
  await page.goto('/settings');
  await page.getByText('You are the only member of this organization, so you cannot leave it; you can delete it.').waitFor();
  await page.getByRole('button', { name: 'Leave organization' }).click();
  const offer = page.getByRole('dialog', { name: "You are the only member of “Lotte's organization”" });
  await offer.getByText(/cannot be left by its last member/).waitFor();
  assert.equal(await offer.getByText(/make someone else Admin/).count(), 0, 'not told to make someone else Admin: there is nobody else');
  await shot(e2e, page, 'only-member-leave-offers-delete');
  await offer.getByRole('button', { name: 'Delete organization' }).click();

  const confirm = page.getByRole('dialog', { name: "Delete “Lotte's organization” for good?" });
  await confirm.getByText('You are its only member.', { exact: false }).waitFor();
  await confirm.getByLabel('Type the organization’s name to confirm').fill("Lotte's organization");
  await confirm.getByRole('button', { name: 'Delete organization' }).click();

  // A Viewer may not manage users: the first page of the organization now active is Devices.
  await page.waitForURL(/\/devices$/);
  const notice = page.locator('[data-notice="deleted"]');
  assert.match(await notice.innerText(), /“Lotte's organization” was deleted\. You are now in “Hilde's organization” as Viewer\./);
  await orgButton(page).filter({ hasText: "Hilde's organization" }).waitFor();
  noPageErrors(page);
});

test('leaving: the member lands on the first page of the organization now active and is told so (German)', async () => {
  const host = await person(e2e, 'Jana', 'Host');
  const editor = await person(e2e, 'Emil', 'Editor');
  await join(e2e, host, editor, 'editor');
  const page = await browserOf(e2e, editor, { lang: 'de' });
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Organisation verlassen' }).click();
  const dialog = page.getByRole('dialog', { name: "„Jana's organization“ verlassen?" });
  await dialog.getByText(/Sie haben dann keinen Zugriff mehr/).waitFor();
  assert.equal(await dialog.getByText(/einzige Admin/).count(), 0, 'an Editor is not told about the only Admin');
  await dialog.getByRole('button', { name: 'Organisation verlassen' }).click();
  // In his own organization he is Admin: the Users page.
  await page.waitForURL(/\/users$/);
  const notice = page.locator('[data-notice="left"]');
  assert.match(await notice.innerText(), /Sie haben „Jana's organization“ verlassen\. Sie sind jetzt in „Emil's organization“ als Admin\./);
  await notice.getByRole('button', { name: 'Schließen' }).click();
  await notice.waitFor({ state: 'detached' });
  noPageErrors(page);
});
