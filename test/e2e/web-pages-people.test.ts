// The web UI's account and membership pages through a real browser (split from web-pages.test.ts
// to keep each file well inside the runner's per-file time limit): profile, a Viewer's view of the
// organization, the only Admin's refusals, and "My invitations".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { addMember, uniqueEmail } from '../support/service.js';
import { startWebE2E, type WebE2E } from './support/web.js';
import {
  alertShown,
  api,
  browserOf,
  fieldErrorShown,
  join,
  noPageErrors,
  ownDomain,
  person,
  shot as shotOf,
  type Person,
} from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

const account = (firstName: string, lastName: string, domain = ownDomain()): Promise<Person> => person(e2e, firstName, lastName, domain);
const signedIn = (who: Person, activeOrgId?: string): Promise<Page> => browserOf(e2e, who, activeOrgId ? { activeOrgId } : {});
const shot = (page: Page, name: string, top = false) => shotOf(e2e, page, name, top);
const errorShown = alertShown;

test('profile: a weak password is refused per rule and a wrong current one in words; after the change, sign in with the new password', async () => {
  const user = await account('Paula', 'Profile');
  const page = await signedIn(user);
  await page.goto('/profile');
  await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
  await page.getByLabel('First name').fill('Paulina');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByText('Your name was saved.').waitFor();

  await page.getByLabel('Current password').fill('Not-my-password-1');
  await page.getByLabel('New password').fill('Weak-Enough-Not-42!');
  await page.getByRole('button', { name: 'Change password' }).click();
  await fieldErrorShown(page.getByLabel('Current password'), /Your current password is wrong/);
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('New password').fill('Password1!');
  await page.getByRole('button', { name: 'Change password' }).click();
  await errorShown(page, 'password.too_weak');
  assert.equal(await page.getByLabel('New password').inputValue(), 'Password1!');
  await page.locator('li.rule-failed[data-rule="blocklisted"]').waitFor();
  await shot(page, 'profile-password-refused');

  const newPassword = 'Brand-New-Gate-House-77';
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password was changed.').waitFor();
  await shot(page, 'profile');

  // Another browser signs in with the new password through the sign-in page.
  const other = await e2e.newPage();
  await other.goto('/login');
  await other.getByLabel('E-mail address').fill(user.email);
  await other.getByLabel('Password').fill(newPassword);
  await other.getByRole('button', { name: 'Sign in', exact: true }).click();
  await other.getByRole('button', { name: 'Account menu' }).waitFor();
  noPageErrors(page);
});

test('profile: the e-mail change is explained before it is sent, then the session ends and the link goes to the new address', async () => {
  const user = await account('Emil', 'Email');
  const page = await signedIn(user);
  await page.goto('/profile');
  await page.getByText(/you will be signed out everywhere at once/).waitFor();
  const newEmail = uniqueEmail('emil-new');
  await page.getByLabel('New e-mail address').fill(newEmail);
  await page.getByLabel('Your password').fill(user.password);
  await page.getByRole('button', { name: 'Change e-mail address' }).click();
  const dialog = page.getByRole('dialog', { name: `Change your e-mail address to ${newEmail}?` });
  await dialog.getByText(/signed out on every device now/).waitFor();
  await shot(page, 'profile-email-confirm');
  await dialog.getByRole('button', { name: 'Change and sign out' }).click();
  await page.waitForURL(/\/login\?notice=email-change$/);
  await page.getByText(/You have been signed out everywhere\. Open the link we mailed to your new address/).waitFor();
  await shot(page, 'login-after-email-change');
  await e2e.svc.smtp.waitFor(newEmail, (m) => m.text.includes('/confirm-email-change?token='));
  const me = await page.request.get('/api/v1/me');
  assert.equal(me.status(), 401);
  noPageErrors(page);
});

test('a Viewer sees the roles matrix read-only with the reason, is refused the audit log with an explanation, and has no device or billing actions', async () => {
  const admin = await account('Anna', 'Admin');
  const viewer = await account('Viktor', 'Viewer');
  await addMember(e2e.svc, admin.orgId, viewer.userId, 'viewer', admin.userId);
  const page = await signedIn(viewer, admin.orgId);

  await page.goto('/roles');
  await page.getByText(/You can look at the roles but not change them/).waitFor();
  await page
    .getByRole('table', { name: /Permissions of each role/ })
    .getByRole('rowheader', { name: /^Invite User/ })
    .waitFor();
  assert.equal(await page.getByRole('button', { name: 'New role' }).count(), 0);
  assert.equal(await page.getByRole('checkbox').count(), 0);
  await shot(page, 'roles-viewer', true);
  await page.goto('/roles/new');
  await page.getByText(/Creating roles needs the permission “Manage roles”/).waitFor();

  await page.goto('/audit');
  await page.getByText(/The audit log is for Admins/).waitFor();
  assert.equal(await page.getByRole('table').count(), 0);
  await shot(page, 'audit-viewer-refused');

  await page.goto('/devices');
  await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
  await page.getByText('No devices yet.', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Add device' }).count(), 0);

  await page.goto('/settings');
  await page.getByText(/Only members whose role includes “Change Billing information”/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Rename' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Delete organization' }).count(), 0);
  await shot(page, 'settings-viewer');

  // Leaving works for a Viewer; the session moves to the organization that remains.
  await page.getByRole('button', { name: 'Leave organization' }).click();
  const dialog = page.getByRole('dialog', { name: /^Leave “/ });
  await dialog.getByRole('button', { name: 'Leave organization' }).click();
  await page.waitForURL(/\/users$/);
  await page.locator('header').getByText("Viktor's organization").waitFor();
  noPageErrors(page);
});

test('the only Admin cannot leave, nor delete their account, while others are members: the refusal is explained', async () => {
  const admin = await account('Lena', 'Last');
  const viewer = await account('Max', 'Member');
  await addMember(e2e.svc, admin.orgId, viewer.userId, 'viewer', admin.userId);
  const page = await signedIn(admin);
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Leave organization' }).click();
  const dialog = page.getByRole('dialog', { name: /^Leave “/ });
  await dialog.getByRole('button', { name: 'Leave organization' }).click();
  await errorShown(dialog, 'member.last_admin');
  await shot(page, 'settings-leave-last-admin');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.match(page.url(), /\/settings$/);

  // Deleting the account is refused for the same reason, explained in the dialog; nothing is lost.
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  const del = page.getByRole('dialog', { name: 'Delete your account for good?' });
  await del.getByLabel('Your password, to confirm').fill(admin.password);
  await del.getByRole('button', { name: 'Delete my account' }).click();
  await errorShown(del, 'member.last_admin');
  await shot(page, 'profile-delete-last-admin');
  await del.getByRole('button', { name: 'Cancel' }).click();
  const me = await page.request.get('/api/v1/me');
  assert.equal(me.status(), 200);
  noPageErrors(page);
});

test('my invitations: decline asks first; accept switches to that organization', async () => {
  const host1 = await account('Hanna', 'Host', 'plant-one.example');
  const host2 = await account('Holger', 'Host', 'plant-two.example');
  const guest = await account('Gina', 'Guest', 'elsewhere.example');
  for (const host of [host1, host2]) {
    const login = await e2e.svc.request('POST', '/auth/login', { email: host.email, password: host.password }, { origin: e2e.base });
    const inv = await e2e.svc.request(
      'POST',
      `/orgs/${host.orgId}/invitations`,
      { email: guest.email, roleId: 'editor', message: 'Welcome aboard' },
      { token: login.body.token, origin: e2e.base },
    );
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
  }
  const page = await signedIn(guest);
  await page.goto('/invitations');
  await page.getByRole('row', { name: /Hanna's organization/ }).waitFor();
  await page.getByRole('row', { name: /Holger's organization/ }).waitFor();
  await shot(page, 'my-invitations');

  await page.getByRole('button', { name: "Decline the invitation to Holger's organization" }).click();
  const dialog = page.getByRole('dialog', { name: "Decline the invitation to “Holger's organization”?" });
  await dialog.getByRole('button', { name: 'Decline' }).click();
  await page.getByRole('row', { name: /Holger's organization/ }).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: "Accept the invitation to Hanna's organization" }).click();
  // An Editor may not manage users: the first page of the organization just joined is Devices, with a welcome.
  await page.waitForURL(/\/devices$/);
  await page.locator('header').getByText("Hanna's organization").waitFor();
  await page.getByRole('status').filter({ hasText: "Welcome to “Hanna's organization”! You joined as Editor." }).waitFor();
  await page.goto('/invitations');
  await page.getByText('You have no pending invitations.').waitFor();
  noPageErrors(page);
});

test('a non-Admin inviter is offered only what they may grant: no "All devices", only their own devices; a refusal shows at the device access', async () => {
  const call = api(e2e);
  const domain = ownDomain('line');
  const owner = await account('Olga', 'Owner', domain);
  const lead = await account('Lena', 'Lead');
  const viewer = await call('GET', `/orgs/${owner.orgId}/roles`, undefined, owner.token);
  const viewerPermissions = (viewer.body as { id: string; permissions: string[] }[]).find((r) => r.id === 'viewer')!.permissions;
  const role = await call(
    'POST',
    `/orgs/${owner.orgId}/roles`,
    {
      name: 'Line lead',
      permissions: [
        ...new Set([...viewerPermissions, 'user-management:access', 'user-management:users.invite', 'user-management:users.device-access']),
      ],
    },
    owner.token,
  );
  assert.equal(role.status, 201, `custom role: ${JSON.stringify(role.body)}`);
  const device = async (name: string) => {
    const r = await call('POST', `/orgs/${owner.orgId}/devices`, { uuid: randomUUID(), name }, owner.token);
    assert.equal(r.status, 201, `device ${name}: ${JSON.stringify(r.body)}`);
    return r.body.device.id as string;
  };
  const press = await device('Press line 3');
  const oven = await device('Oven line 3');
  await device('Vault controller');
  await join(e2e, owner, lead, role.body.id, { allDevices: false, deviceIds: [press, oven] });

  const page = await signedIn(lead);
  await page.goto('/users');
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite member' });
  const access = dialog.getByRole('group', { name: 'Device access' });
  await access.getByText('0 of 2 selected').waitFor();
  assert.equal(
    await access.getByText('All devices', { exact: true }).count(),
    0,
    'no "All devices" for a member who does not have all devices',
  );
  assert.equal(await access.getByRole('radio').count(), 0, 'no choice between all and selected devices: only selected ones');
  assert.equal(await access.getByRole('checkbox').count(), 2, 'as many devices as the inviter reaches');
  for (const name of ['Press line 3', 'Oven line 3'])
    assert.equal(await access.getByRole('checkbox', { name }).count(), 1, `${name}, which the inviter reaches, is offered`);
  assert.equal(await access.getByText('Vault controller').count(), 0, 'a device the inviter does not reach is not offered');
  await shot(page, 'invite-dialog-narrowed-inviter');

  // Meanwhile the Admin takes the press from the inviter: the API refuses, and says so at the device access.
  await dialog.getByLabel('E-mail address').fill(uniqueEmail('trainee', domain));
  await dialog.getByLabel('Role').selectOption({ label: 'Viewer' });
  await access.getByRole('checkbox', { name: 'Press line 3' }).check();
  const narrowed = await call(
    'PUT',
    `/orgs/${owner.orgId}/members/${lead.userId}/device-access`,
    { allDevices: false, deviceIds: [oven] },
    owner.token,
  );
  assert.equal(narrowed.status, 200, `narrowing: ${JSON.stringify(narrowed.body)}`);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await fieldErrorShown(access, /devices you cannot access yourself/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The same on a member's Devices tab: no "All devices" for someone who has only selected devices.
  const tim = await account('Tim', 'Trainee');
  await join(e2e, owner, tim, 'viewer', { allDevices: false, deviceIds: [oven] });
  await page.goto(`/users/${tim.userId}?tab=devices`);
  const timAccess = page.getByRole('group', { name: 'Device access' });
  await timAccess.getByText('1 of 1 selected').waitFor();
  assert.equal(await timAccess.getByRole('radio').count(), 0, 'no "All devices" on the member page either');
  assert.equal(
    await timAccess.getByRole('checkbox', { name: 'Oven line 3' }).isChecked(),
    true,
    'the device the member has, which the editor reaches',
  );
  noPageErrors(page);
});
