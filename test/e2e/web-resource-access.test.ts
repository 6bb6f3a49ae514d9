// Access to a Smart Service's resources in the web UI (issue 15): the member page has a tab per
// resource type after Devices, showing the type's resources as a tree under their parents, "All" or
// a chosen set; the invite dialog offers access per type. In Chromium against the real server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, join, noPageErrors, person, shot } from './support/people.js';
import { registerSmartService, TSD } from '../support/smart-services.js';

let e2e: WebE2E;
let tsdKey: string;
before(async () => {
  e2e = await startWebE2E();
  tsdKey = (await registerSmartService(e2e.svc.gatehouse, TSD)).key;
});
after(async () => {
  await e2e?.close();
});

test('an Admin narrows a member to one dashboard group on the member page, and invites with a group', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Greta', 'Groups');
  const viewer = await person(e2e, 'Vera', 'Viewer');
  await join(e2e, admin, viewer, 'viewer');
  const put = (path: string, body: unknown) => e2e.svc.request('PUT', path, body, { token: tsdKey });
  for (const [ext, name] of [
    ['north', 'Plant North'],
    ['south', 'Plant South'],
  ])
    assert.equal((await put(`/orgs/${admin.orgId}/resources/tsd:dashboard-group/${ext}`, { name })).status, 201, name);
  for (const [ext, name, group] of [
    ['energy', 'Energy', 'north'],
    ['flow', 'Flow', 'south'],
  ])
    assert.equal(
      (
        await put(`/orgs/${admin.orgId}/resources/tsd:dashboard/${ext}`, {
          name,
          parent: { type: 'tsd:dashboard-group', externalId: group },
        })
      ).status,
      201,
      name,
    );

  const page = await browserOf(e2e, admin, { activeOrgId: admin.orgId });
  await page.goto(`/users/${viewer.userId}`);
  const tabs = page.getByRole('tab');
  await tabs.nth(3).waitFor();
  assert.deepEqual(
    await tabs.allInnerTexts(),
    ['Overview', 'Devices', 'Dashboard group', 'Dashboard'],
    'one tab per resource type, after Devices',
  );
  await page.getByRole('tab', { name: 'Dashboard', exact: true }).click();
  await page.waitForURL(/tab=tsd%3Adashboard$/);
  // The dashboards as a tree under their groups (the groups are not picked here).
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('radio', { name: /Only selected/ }).check();
  await panel.getByText('Plant North', { exact: true }).waitFor();
  assert.equal(await panel.getByRole('checkbox').count(), 2, 'a box per dashboard, none per group');

  await page.getByRole('tab', { name: 'Dashboard group' }).click();
  const groups = page.getByRole('tabpanel');
  await groups.getByRole('radio', { name: /Only selected/ }).check();
  await groups.getByRole('checkbox', { name: 'Plant North' }).check();
  await shot(e2e, page, 'member-dashboard-group-access');
  await groups.getByRole('button', { name: 'Save access' }).click();
  await groups.getByText('Access saved.', { exact: false }).waitFor();
  const access = await call('GET', `/orgs/${admin.orgId}/members/${viewer.userId}/access`, undefined, admin.token);
  const north = (await call('GET', `/orgs/${admin.orgId}/resources/tsd:dashboard-group/north`, undefined, admin.token)).body.id;
  assert.deepEqual(access.body['tsd:dashboard-group'], { all: false, ids: [north] }, 'saved as one group');
  // (A viewer joining after the types appeared had nothing of them.)
  assert.deepEqual(access.body['tsd:dashboard'], { all: false, ids: [] }, 'no dashboards of their own');

  // Keyboard: the tabs move with the arrow keys.
  await page.getByRole('tab', { name: 'Dashboard group' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/tab=tsd%3Adashboard$/);

  // The invite dialog offers access per type.
  await page.goto('/users');
  await page
    .getByRole('button', { name: /Invite/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('fieldset[data-type="tsd:dashboard-group"]').waitFor();
  const invitee = await person(e2e, 'Ines', 'Invited');
  await dialog.getByLabel('E-mail', { exact: false }).first().fill(invitee.email);
  const groupSet = dialog.locator('fieldset[data-type="tsd:dashboard-group"]');
  await groupSet.getByRole('radio', { name: /Only selected/ }).check();
  await groupSet.getByRole('checkbox', { name: 'Plant South' }).check();
  await shot(e2e, page, 'invite-dashboard-group-access');
  await dialog
    .getByRole('button', { name: /Send|Invite/ })
    .last()
    .click();
  await dialog.getByText(invitee.email, { exact: false }).first().waitFor();
  const invitations = await call('GET', `/orgs/${admin.orgId}/invitations`, undefined, admin.token);
  const sent = invitations.body.items.find((i: { email: string }) => i.email === invitee.email);
  const south = (await call('GET', `/orgs/${admin.orgId}/resources/tsd:dashboard-group/south`, undefined, admin.token)).body.id;
  assert.deepEqual(sent.access, { 'tsd:dashboard-group': { all: false, ids: [south] } }, 'the invitation carries the group');
  noPageErrors(page);
});
