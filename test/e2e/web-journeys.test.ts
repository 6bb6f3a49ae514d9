// The journeys of issue 6 through the real UI in Chromium, against the real service with a real SMTP
// catcher: what a plant operator's Admin does in a browser. The API is used only for fixtures that
// are not what a test is about (a second person's account, devices); the tokens come from the mails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { startWebE2E, type WebE2E } from './support/web.js';
import { tokenFrom } from '../support/smtp.js';
import { uniqueEmail, STRONG_PASSWORD } from '../support/service.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

const linkIn = (text: string, page: string) => {
  const m = new RegExp(`https?://\\S+/${page}\\?token=[A-Za-z0-9_-]+`).exec(text);
  assert.ok(m, `no ${page} link in: ${text}`);
  return m[0];
};

/** A fresh browser (own cookies and language), signed in through the sign-in page. */
async function signIn(user: { email: string; password: string }, path = '/login'): Promise<Page> {
  const page = await e2e.newPage();
  await page.goto(path);
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** The API as a fixture tool: with the browser's Origin (the service checks it), as `token`'s user. */
async function call(method: string, path: string, body?: unknown, token?: string) {
  return e2e.svc.request(method, path, body, { origin: e2e.base, ...(token ? { token } : {}) });
}

interface Person {
  email: string;
  password: string;
  firstName: string;
  userId: string;
  token: string;
  activeOrganizationId: string;
}

/** An account of its own (a fixture, through the API), in an e-mail domain of its own unless given. */
async function person(firstName: string, domain = `${randomUUID().slice(0, 6)}.example`): Promise<Person> {
  const email = uniqueEmail(firstName.toLowerCase(), domain);
  assert.equal((await call('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName, lastName: 'Tester' })).status, 202);
  const mail = await e2e.svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='));
  assert.equal(
    (await call('POST', '/auth/verify-email', { token: tokenFrom(mail, 'verify-email'), password: STRONG_PASSWORD })).status,
    200,
  );
  const login = await call('POST', '/auth/login', { email, password: STRONG_PASSWORD });
  assert.equal(login.status, 200);
  return {
    email,
    password: STRONG_PASSWORD,
    firstName,
    userId: login.body.user.id,
    token: login.body.token,
    activeOrganizationId: login.body.activeOrganizationId,
  };
}

/** `member` joins `admin`'s organization through an invitation (link delivery: other domain). */
async function join(admin: Person, member: Person, roleId: string, deviceAccess = { allDevices: false, deviceIds: [] as string[] }) {
  const inv = await call(
    'POST',
    `/orgs/${admin.activeOrganizationId}/invitations`,
    { email: member.email, roleId, deviceAccess },
    admin.token,
  );
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const token = new URL(inv.body.link).searchParams.get('token');
  const accepted = await call('POST', '/invitations/accept', { token }, member.token);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  // Act in that organization from the next sign-in on.
  await call('PUT', '/me/active-organization', { organizationId: admin.activeOrganizationId }, member.token);
}

const orgButton = (page: Page) => page.getByRole('button', { name: /Switch organization|Organisation wechseln/ });

test('sign-up with the password rules shown live → verification mail → the link → sign-in → the Users page', async () => {
  const page = await e2e.newPage();
  const email = uniqueEmail('newcomer', 'plant-north.example');
  await page.goto('/login');
  await e2e.screenshot(page, 'sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.getByLabel('First name').fill('Nora');
  await page.getByLabel('Last name').fill('Newcomer');
  await page.getByLabel('E-mail address').fill(email);
  const password = page.getByLabel('Password', { exact: true });
  // The rules are ticked off as the user types.
  await password.fill('short');
  const upper = page.locator('li[data-rule="uppercase"]');
  const length = page.locator('li[data-rule="min_length"]');
  await page.locator('li[data-rule="uppercase"].rule-todo').waitFor();
  assert.equal(await length.getAttribute('class'), 'rule-todo');
  await e2e.screenshot(page, 'sign-up-rules-live');
  await password.fill('Short-but-Fine-42');
  await page.locator('li[data-rule="uppercase"].rule-ok').waitFor();
  assert.equal(await length.getAttribute('class'), 'rule-ok');
  assert.equal(await upper.getAttribute('class'), 'rule-ok');
  // A common password passes the preview but the server refuses it: the rule it names is marked.
  await password.fill('Password1!');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('li[data-rule="blocklisted"].rule-failed').waitFor();
  await page.getByRole('alert').filter({ hasText: 'does not meet the marked rules' }).waitFor();
  assert.equal(await page.getByLabel('First name').inputValue(), 'Nora', 'the form keeps its input');
  await e2e.screenshot(page, 'sign-up-password-refused');
  await password.fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
  await e2e.screenshot(page, 'sign-up-check-mail');

  const mail = await e2e.svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='));
  await page.goto(linkIn(mail.text, 'verify-email'));
  // The link alone confirms nothing: the page asks for the password chosen at sign-up.
  await page.getByLabel('Your password').fill('Not-The-Chosen-One-1');
  await page.getByRole('button', { name: 'Confirm e-mail address' }).click();
  await page.getByText('This is not the password chosen at sign-up').waitFor();
  await e2e.screenshot(page, 'verify-email-wrong-password');
  await page.getByLabel('Your password').fill(STRONG_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByText(`${email} is confirmed`).waitFor();
  await e2e.screenshot(page, 'verify-email-done');
  await page.getByRole('link', { name: 'Sign in now' }).click();
  assert.equal(await page.getByLabel('E-mail address').inputValue(), email);
  await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/users$/);
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  await page.getByRole('row').filter({ hasText: email }).waitFor();
  assert.match(await orgButton(page).innerText(), /Nora's organization/);
  await e2e.screenshot(page, 'users-list-first-sign-in');

  // A used link explains itself and offers a new one.
  await page.goto(linkIn(mail.text, 'verify-email'));
  await page.getByLabel('Your password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Confirm e-mail address' }).click();
  await page.getByRole('button', { name: 'Send a new link' }).waitFor();
  await e2e.screenshot(page, 'verify-email-used-link');
});

test('an Admin invites a same-domain colleague (mailed) and an other-domain partner (link copied); the partner signs up through the link and lands in the organization', async () => {
  const domain = `acme-${randomUUID().slice(0, 6)}.example`;
  const admin = await person('Alice', domain);
  const page = await signIn(admin);
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();

  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite member' });
  const colleague = uniqueEmail('colleague', domain);
  await dialog.getByLabel('E-mail address').fill(colleague);
  await dialog.getByLabel('Role').selectOption({ label: 'Editor' });
  await dialog.getByLabel('Message (optional)').fill('Welcome to the line 3 team.');
  await e2e.screenshot(page, 'invite-dialog');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText(`Invitation mailed to ${colleague}`).waitFor();
  await e2e.screenshot(page, 'invite-mailed');
  const mailed = await e2e.svc.smtp.waitFor(colleague, (m) => m.text.includes('/invitation?token='));
  assert.match(mailed.text, /line 3 team/);

  await dialog.getByRole('button', { name: 'Invite someone else' }).click();
  const partner = uniqueEmail('partner', `supplier-${randomUUID().slice(0, 6)}.example`);
  await dialog.getByLabel('E-mail address').fill(partner);
  await dialog.getByLabel('Role').selectOption({ label: 'Editor' });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText('Nothing was mailed').waitFor();
  const linkField = dialog.getByLabel('Invitation link');
  const link = await linkField.inputValue();
  assert.match(link, /\/invitation\?token=/);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await dialog.getByRole('button', { name: 'Copied' }).waitFor();
  await e2e.screenshot(page, 'invite-link');
  assert.equal(e2e.svc.smtp.to(partner).length, 0, "nothing is mailed outside the inviter's domain");
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Both invitations are in the list, greyed out and labelled.
  for (const address of [colleague, partner]) {
    const row = page.getByRole('row').filter({ hasText: address });
    await row.getByText('Invitation pending').waitFor();
    assert.equal(await row.getAttribute('class'), 'pending');
    // When it was sent, and until when the link works (14 days later), as the UI writes dates. The
    // reference is the service's own record of the invitation, not this machine's clock now: a test
    // that runs across midnight must not see "tomorrow" where the invitation says "today".
    const listed = await call('GET', `/orgs/${admin.activeOrganizationId}/members?status=invited&limit=200`, undefined, admin.token);
    const invitation = listed.body.items.find((m: { email: string }) => m.email === address);
    assert.ok(invitation, `the invitation to ${address} is listed by the API`);
    assert.equal(Date.parse(invitation.expiresAt) - Date.parse(invitation.invitedAt), 14 * 86_400_000, 'INVITATION_TTL: 14 days');
    const day = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(iso));
    const sent = row.getByText(/^Invited /);
    assert.equal(await sent.innerText(), `Invited ${day(invitation.invitedAt)}`);
    assert.equal(await sent.getAttribute('title'), `The link works until ${day(invitation.expiresAt)}.`);
  }
  await e2e.screenshot(page, 'users-list-with-invitations');

  // The partner, at another computer, opens the link.
  const pp = await e2e.newPage();
  await pp.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await pp.getByText('Alice Tester invites you to join').waitFor();
  await e2e.screenshot(pp, 'invitation-signed-out');
  await pp.getByRole('link', { name: 'Create account' }).click();
  await pp.getByText('You were invited to').waitFor();
  assert.equal(await pp.getByLabel('E-mail address').inputValue(), partner);
  await pp.getByLabel('First name').fill('Paul');
  await pp.getByLabel('Last name').fill('Partner');
  await pp.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
  await e2e.screenshot(pp, 'sign-up-from-invitation');
  await pp.getByRole('button', { name: 'Create account' }).click();
  await pp.getByRole('heading', { name: 'Check your mail' }).waitFor();
  const verify = await e2e.svc.smtp.waitFor(partner, (m) => m.text.includes('/verify-email?token='));
  await pp.goto(linkIn(verify.text, 'verify-email'));
  await pp.getByLabel('Your password').fill(STRONG_PASSWORD);
  await pp.getByRole('button', { name: 'Confirm e-mail address' }).click();
  await pp.getByRole('link', { name: 'Sign in now' }).click();
  await pp.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
  await pp.getByRole('button', { name: 'Sign in', exact: true }).click();
  // An Editor may not manage users: they land on the Devices page of the organization they joined,
  // welcomed into it (not into the empty organization of their own that sign-up made).
  await pp.waitForURL(/\/devices$/);
  await pp
    .locator('[data-notice="welcome"]')
    .filter({ hasText: `Welcome to “${admin.firstName}'s organization”! You joined as Editor.` })
    .waitFor();
  await pp.getByText(`${admin.firstName}'s organization`).first().waitFor();
  const button = orgButton(pp);
  assert.match(await button.innerText(), new RegExp(`${admin.firstName}'s organization`));
  await button.click();
  const menu = pp.getByRole('list', { name: 'Switch organization' });
  await menu.getByRole('button', { name: new RegExp(`${admin.firstName}'s organization\\s*Editor`) }).waitFor();
  await menu.getByRole('button', { name: /Paul's organization\s*Admin/ }).waitFor();
  await e2e.screenshot(pp, 'partner-landed-org-switcher');

  // The Admin's list now shows the partner as a member, invited by Alice.
  await page.reload();
  const row = page.getByRole('row').filter({ hasText: partner });
  await row.getByRole('link', { name: 'Paul' }).waitFor();
  await row.getByText('Alice Tester').waitFor();
});

test("an Admin changes a member's role; the member's next page load shows the new role", async () => {
  const admin = await person('Rita');
  const member = await person('Victor');
  await join(admin, member, 'viewer');
  const mp = await signIn(member);
  assert.match(await orgButton(mp).innerText(), /Viewer/);

  const page = await signIn(admin);
  const row = page.getByRole('row').filter({ hasText: member.email });
  await row.getByRole('button', { name: `Actions for Victor Tester` }).click();
  await e2e.screenshot(page, 'row-menu');
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the role of Victor Tester' });
  await dialog.getByLabel('Role of Victor Tester').selectOption({ label: 'Editor' });
  await e2e.screenshot(page, 'change-role-dialog');
  await dialog.getByRole('button', { name: 'Save role' }).click();
  await page.getByText('The role was changed.').waitFor();
  await row.getByRole('cell', { name: 'Editor', exact: true }).waitFor();

  await mp.reload();
  await orgButton(mp).filter({ hasText: 'Editor' }).waitFor();
  await e2e.screenshot(mp, 'member-after-role-change');
});

test("device access restricted to one device on the member's Devices tab; the member then sees only that device", async () => {
  const admin = await person('Dora');
  const member = await person('Erik');
  const orgId = admin.activeOrganizationId;
  for (const name of ['Press line 1', 'Boiler room sensor']) {
    const r = await call('POST', `/orgs/${orgId}/devices`, { uuid: randomUUID(), name }, admin.token);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await join(admin, member, 'editor', { allDevices: true, deviceIds: [] });
  const mp = await signIn(member);
  await mp.waitForURL(/\/devices$/);
  await mp.getByText('Boiler room sensor').waitFor();
  await mp.getByText('Press line 1').waitFor();

  const page = await signIn(admin);
  await page.getByRole('row').filter({ hasText: member.email }).getByRole('link', { name: 'Erik' }).click();
  await page.getByRole('heading', { name: 'Erik Tester' }).waitFor();
  await e2e.screenshot(page, 'member-overview');
  await page.getByRole('tab', { name: 'Devices' }).click();
  await page.getByLabel(/Only selected devices/).check();
  await page.getByLabel(/Press line 1/).check();
  await e2e.screenshot(page, 'member-devices-tab');
  await page.getByRole('button', { name: 'Save device access' }).click();
  await page.getByText('Device access saved').waitFor();
  await page.getByRole('tab', { name: 'Overview' }).click();
  // One device is "1 selected device" (plural rules), in both languages.
  await page.getByText('Access to 1 selected device.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await page.getByText('Zugriff auf 1 ausgewähltes Gerät.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'EN', exact: true }).click();

  await mp.reload();
  await mp.getByText('Press line 1').waitFor();
  await mp.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await mp.getByText('Boiler room sensor').count(), 0, 'the other device is out of sight');
  await e2e.screenshot(mp, 'member-devices-restricted');

  // An Admin's devices cannot be narrowed: the tab says so.
  await page.goto(`/users/${admin.userId}?tab=devices`);
  await page.getByText('Admins always have access to every device').waitFor();
});

test('removing a member whose only organization it was leaves them an empty organization of their own', async () => {
  const admin = await person('Hanna');
  const member = await person('Ivan');
  const ownOrg = member.activeOrganizationId;
  await join(admin, member, 'viewer');
  // Ivan's own organization goes, so the one he is removed from is his only one.
  assert.equal((await call('DELETE', `/orgs/${ownOrg}`, undefined, member.token)).status, 204);
  const mp = await signIn(member);
  assert.match(await orgButton(mp).innerText(), /Hanna's organization/);

  const page = await signIn(admin);
  await page.getByRole('row').filter({ hasText: member.email }).getByRole('button', { name: 'Actions for Ivan Tester' }).click();
  await page.getByRole('menuitem', { name: 'Remove user' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Ivan Tester?' });
  await confirm.getByText('loses access to this organization').waitFor();
  await e2e.screenshot(page, 'remove-confirm');
  await confirm.getByRole('button', { name: 'Remove user' }).click();
  await page.getByText('Ivan Tester was removed.').waitFor();
  await page.getByRole('row').filter({ hasText: member.email }).waitFor({ state: 'detached' });

  await mp.reload();
  await orgButton(mp).filter({ hasText: "Ivan's organization" }).waitFor();
  // In his own organization he is the Admin, and alone.
  await mp.getByRole('link', { name: 'Users', exact: true }).click();
  await mp.getByRole('row').filter({ hasText: member.email }).getByText('Admin').waitFor();
  await e2e.screenshot(mp, 'removed-member-own-organization');
});

test('organizations: create one from the header, switch back through the header', async () => {
  const admin = await person('Olga');
  const page = await signIn(admin);
  await orgButton(page).click();
  await page.getByRole('button', { name: '+ Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create organization' });
  await dialog.getByLabel('Name of the new organization').fill('Plant Süd');
  await dialog.getByRole('button', { name: 'Create organization' }).click();
  await orgButton(page).filter({ hasText: 'Plant Süd' }).waitFor();

  await orgButton(page).click();
  await e2e.screenshot(page, 'org-switcher-open');
  await page
    .getByRole('list', { name: 'Switch organization' })
    .getByRole('button', { name: /Olga's organization/ })
    .click();
  await orgButton(page).filter({ hasText: "Olga's organization" }).waitFor();
  await page.getByRole('table', { name: "Members of Olga's organization" }).waitFor();
});

test('switching the language to German changes the words, signed out and signed in', async () => {
  const page = await e2e.newPage();
  await page.goto('/login');
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
  await page.getByText('Passwort vergessen?').waitFor();
  await e2e.screenshot(page, 'sign-in-de');

  const admin = await person('Greta');
  await page.getByLabel('E-Mail-Adresse').fill(admin.email);
  await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByRole('heading', { name: 'Benutzer', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Mitglied einladen' }).waitFor();
  await e2e.screenshot(page, 'users-list-de');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
});

test("a failed request keeps the form's input: inviting an address that is already pending", async () => {
  const admin = await person('Ulla');
  const address = uniqueEmail('twice', 'elsewhere.example');
  const first = await call('POST', `/orgs/${admin.activeOrganizationId}/invitations`, { email: address, roleId: 'viewer' }, admin.token);
  assert.equal(first.status, 201);
  const page = await signIn(admin);
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite member' });
  await dialog.getByLabel('E-mail address').fill(address);
  await dialog.getByLabel('Role').selectOption({ label: 'Editor' });
  await dialog.getByLabel('Message (optional)').fill('Second try');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'This address already has a pending invitation' }).waitFor();
  assert.equal(await dialog.getByLabel('E-mail address').inputValue(), address);
  assert.equal(await dialog.getByLabel('Message (optional)').inputValue(), 'Second try');
  assert.equal(await dialog.getByLabel('Role').inputValue(), 'editor');
  await e2e.screenshot(page, 'invite-error-keeps-input');

  // The pending invitation can be revoked from its row, after a confirmation.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page
    .getByRole('row')
    .filter({ hasText: address })
    .getByRole('button', { name: `Actions for ${address}` })
    .click();
  await page.getByRole('menuitem', { name: 'Revoke invitation' }).click();
  await page
    .getByRole('dialog', { name: `Revoke the invitation to ${address}?` })
    .getByRole('button', { name: 'Revoke invitation' })
    .click();
  await page.getByRole('row').filter({ hasText: address }).waitFor({ state: 'detached' });
});
