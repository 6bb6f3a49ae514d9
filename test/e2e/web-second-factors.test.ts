// Second factors through the real UI in Chromium (issue 17): a passkey registered on Chromium's
// virtual authenticator (CDP WebAuthn domain: CTAP2, internal transport, resident keys, user
// verification) signs in without a password and serves as the second step after one; an
// authenticator app (TOTP, its codes computed here from the secret the page shows) is set up and
// asked for at sign-in; and an organization that requires a second factor holds a member without
// one at Profile → Security until they have set one up.
//
// The service runs as http://localhost:<port>: WebAuthn's relying-party id is a domain, never an
// IP address, and PUBLIC_URL (the relying party and the allowed origin) must be the page's origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, fieldErrorShown, horizontalOverflow, join, noPageErrors, person, shot as shotOf, type Person } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E({}, { host: 'localhost' });
});
after(async () => {
  await e2e?.close();
});

const shot = (page: Page, name: string, top = false) => shotOf(e2e, page, name, top);

/**
 * A platform authenticator in this page's browser, as a laptop's fingerprint reader would be:
 * it keeps discoverable credentials and verifies the user without a prompt.
 */
async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/** The code an authenticator app shows for `secret`, `offsetSteps` 30-second steps from now. */
function totpCode(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** A fresh browser (its own cookies) at the sign-in page, with a tracker for uncaught errors. */
async function freshPage(): Promise<Page> {
  const page = await e2e.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  (page as Page & { problems?: string[] }).problems = problems;
  return page;
}

/** Fills the sign-in page's first step (e-mail and password) and submits it. */
async function enterPassword(page: Page, who: Person) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
}

const signedInAs = (page: Page, who: Person) =>
  page
    .getByRole('button', { name: /Account menu/ })
    .and(page.getByTitle(`${who.firstName} ${who.lastName}`))
    .waitFor();

test('a passkey: added and renamed in Profile → Security, then it signs in without a password and is the second step after one', async () => {
  const paula = await person(e2e, 'Paula', 'Passkey');
  const page = await freshPage();
  await virtualAuthenticator(page);
  await enterPassword(page, paula);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.goto('/profile/security');
  await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
  await page.getByText('You have no passkey yet.').waitFor();
  // Adding one without a name: the browser's own check keeps the form from being sent.
  await page.getByLabel('Name of the new passkey').fill('Work laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('The passkey “Work laptop” was added.').waitFor();
  const row = page.locator('.passkey-list tbody tr');
  await row.filter({ hasText: 'Work laptop' }).waitFor();
  assert.equal(await row.count(), 1, 'one passkey is listed');
  // The first second factor brings the recovery codes, shown this once.
  const codes = page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
  assert.equal((await codes.allInnerTexts()).length, 10, 'ten recovery codes come with the first passkey');
  await shot(page, 'security-passkey-added');
  await page.getByLabel('I have saved these codes somewhere safe').check();
  await page.getByRole('button', { name: 'Done' }).click();

  // Renamed by keyboard only: the dialog takes focus, Enter saves.
  await page.getByRole('button', { name: 'Rename: Work laptop' }).click();
  const nameField = page.getByRole('dialog').getByLabel('Name');
  await nameField.press('Control+a');
  await nameField.pressSequentially('Plant laptop');
  await nameField.press('Enter');
  await row.filter({ hasText: 'Plant laptop' }).waitFor();
  assert.equal(await row.filter({ hasText: 'Work laptop' }).count(), 0, 'the old name is gone');

  // On a phone the page fits its width.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await horizontalOverflow(page), [], 'nothing sticks out at 390 px');
  await shot(page, 'security-phone');
  await page.setViewportSize({ width: 1280, height: 860 });

  // Signed out, the passkey alone signs in: no e-mail address, no password.
  await signOut(page);
  await shot(page, 'sign-in-passkey-offered');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await signedInAs(page, paula);

  // With the password, the account asks for its second factor: the passkey.
  await signOut(page);
  await enterPassword(page, paula);
  await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
  await shot(page, 'sign-in-second-step-passkey');
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await signedInAs(page, paula);

  // Removed with the password and a current factor: the passkey itself, the first choice here.
  await page.goto('/profile/security');
  await page.getByRole('button', { name: 'Remove: Plant laptop' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Your password').fill(paula.password);
  assert.ok(await dialog.getByRole('radio', { name: 'Passkey' }).isChecked(), 'the passkey is offered first');
  await shot(page, 'security-passkey-remove');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await page.getByText('The passkey was removed.').waitFor();
  await page.getByText('You have no passkey yet.').waitFor();
  noPageErrors(page);
});

test('an authenticator app: set up with the QR code and its key, recovery codes shown once, then sign-in asks for a code', async () => {
  const tom = await person(e2e, 'Tom', 'Totp');
  const page = await freshPage();
  await enterPassword(page, tom);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('link', { name: 'Security' }).click();
  await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
  assert.equal(await page.getByTestId('totp-status').innerText(), 'Off', 'the app is off to begin with');

  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await qr.waitFor();
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/, 'the QR code is the SVG the service made');
  assert.ok(((await qr.boundingBox())?.width ?? 0) >= 150, 'the QR code is large enough to scan');
  const secret = await page.getByLabel('Key for your authenticator app').inputValue();
  assert.match(secret, /^[A-Z2-7]{16,}$/, 'the key is shown as base32 text to type in by hand');
  await shot(page, 'security-totp-enrol');

  // A wrong code is refused at the code field; the right one turns the app on.
  await page.getByLabel('Code from the app').fill('000000' === totpCode(secret) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await fieldErrorShown(page.getByLabel('Code from the app'), /code is wrong/);
  await page.getByLabel('Code from the app').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
  await codes.first().waitFor();
  const recoveryCodes = await codes.allInnerTexts();
  assert.equal(recoveryCodes.length, 10, 'ten recovery codes are shown');
  assert.equal(new Set(recoveryCodes).size, 10, 'all different');
  await page.getByRole('button', { name: 'Download as text file' }).waitFor();
  await shot(page, 'security-recovery-codes');
  const done = page.getByRole('button', { name: 'Done' });
  assert.ok(await done.isDisabled(), 'Done waits until the person says they saved the codes');
  await page.getByLabel('I have saved these codes somewhere safe').check();
  await done.click();
  await page.getByTestId('totp-status').filter({ hasText: 'On' }).waitFor();
  await page.getByTestId('recovery-left').filter({ hasText: '10 of 10' }).waitFor();

  // New recovery codes need the password and a current factor: a wrong password is the
  // password field's problem; with a recovery code (the app's code of this step is used up).
  await page.getByRole('button', { name: 'Make new recovery codes' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Your password').fill('Not-the-password-1');
  await dialog.getByRole('radio', { name: 'Recovery code' }).check();
  await dialog.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCodes[0]!);
  await dialog.getByRole('button', { name: 'Make new recovery codes' }).click();
  await fieldErrorShown(dialog.getByLabel('Your password'), /password is wrong/);
  await dialog.getByLabel('Your password').fill(tom.password);
  await dialog.getByRole('button', { name: 'Make new recovery codes' }).click();
  await codes.first().waitFor();
  const newCodes = await codes.allInnerTexts();
  assert.equal(newCodes.length, 10);
  assert.ok(!newCodes.some((c) => recoveryCodes.includes(c)), 'the new codes are new');
  await page.getByLabel('I have saved these codes somewhere safe').check();
  await page.getByRole('button', { name: 'Done' }).click();

  // Sign-in now asks for a code after the password; a wrong one is refused at the field.
  await signOut(page);
  await enterPassword(page, tom);
  await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
  const codeField = page.getByLabel('Code from your authenticator app');
  await codeField.fill(totpCode(secret, 1) === '123456' ? '654321' : '123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await fieldErrorShown(codeField, /wrong or was already used/);
  await shot(page, 'sign-in-second-step-code');
  // The code of the next step: the one of this step was used to turn the app on (no replay).
  await codeField.fill(totpCode(secret, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await signedInAs(page, tom);

  // In German, the second step says the same; "Start again" goes back to the password.
  await signOut(page);
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'DE' }).click();
  await page.getByLabel('E-Mail-Adresse').fill(tom.email);
  await page.getByLabel('Passwort', { exact: true }).fill(tom.password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByRole('heading', { name: 'Zwei-Faktor-Authentifizierung' }).waitFor();
  await page.getByLabel('Code aus Ihrer Authenticator-App').waitFor();
  await page.getByRole('button', { name: 'Passkey verwenden' }).waitFor({ state: 'detached' });
  await shot(page, 'sign-in-second-step-de');
  await page.getByRole('button', { name: 'Neu beginnen' }).click();
  await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
  await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'EN' }).click();

  // Without the phone: a recovery code instead, by keyboard from the code field.
  await enterPassword(page, tom);
  await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  const recoveryField = page.getByLabel('Recovery code');
  await recoveryField.fill(newCodes[1]!);
  await recoveryField.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await signedInAs(page, tom);

  // In German, the page says the same.
  await page.goto('/profile/security');
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'DE' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sicherheit' }).waitFor();
  await page.getByRole('heading', { name: 'Authenticator-App' }).waitFor();
  await shot(page, 'security-de');
  await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'EN' }).click();

  // Turned off with the password and a recovery code.
  await page.getByRole('button', { name: 'Turn off' }).click();
  await dialog.getByLabel('Your password').fill(tom.password);
  await dialog.getByRole('radio', { name: 'Recovery code' }).check();
  await dialog.getByRole('textbox', { name: 'Recovery code' }).fill(newCodes[0]!);
  await dialog.getByRole('button', { name: 'Turn off' }).click();
  await page.getByText('The authenticator app is off.').waitFor();
  assert.equal(await page.getByTestId('totp-status').innerText(), 'Off', 'the badge says so as soon as the notice does');
  noPageErrors(page);
});

test('deleting an account that has an authenticator app asks for a code too; a wrong one is refused at the code field', async () => {
  const dora = await person(e2e, 'Dora', 'Delete');
  const page = await freshPage();
  await enterPassword(page, dora);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // The app is set up through the API (the set-up itself is the test above).
  const call = api(e2e);
  const start = await call('POST', '/me/mfa/totp', undefined, dora.token);
  const confirm = await call('POST', '/me/mfa/totp/confirm', { code: totpCode(start.body.secret) }, dora.token);
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  const recoveryCodes = confirm.body.recoveryCodes as string[];

  await page.goto('/profile');
  // In German first: the dialog asks for the password and the code in the person's language.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'DE' }).click();
  await page.getByRole('button', { name: 'Mein Konto löschen' }).click();
  const de = page.getByRole('dialog', { name: 'Ihr Konto endgültig löschen?' });
  await de.getByLabel('Ihr Passwort, zur Bestätigung').waitFor();
  await de.getByLabel('Code aus Ihrer Authenticator-App').waitFor();
  await de.getByRole('button', { name: 'Abbrechen' }).click();
  await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'EN' }).click();

  await page.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
  await dialog.getByLabel('Your password, to confirm').fill(dora.password);
  const codeField = dialog.getByLabel('Code from your authenticator app');
  await codeField.fill(totpCode(start.body.secret) === '000000' ? '111111' : '000000');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await fieldErrorShown(codeField, /wrong/);
  await shot(page, 'profile-delete-second-factor');
  const still = await call('GET', '/me', undefined, dora.token);
  assert.equal(still.status, 200, 'a wrong code deletes nothing');

  // With a recovery code instead (this step's app code is used up), sent from the field by Enter.
  await dialog.getByRole('radio', { name: 'Recovery code' }).check();
  const recoveryField = dialog.getByRole('textbox', { name: 'Recovery code' });
  await recoveryField.fill(recoveryCodes[0]!);
  await recoveryField.press('Enter');
  await page.waitForURL((url) => url.pathname === '/login');
  const login = await call('POST', '/auth/login', { email: dora.email, password: dora.password });
  assert.equal(login.status, 401, 'the account is gone');
  noPageErrors(page);
});

test('an organization requires two-factor authentication: the Admin needs a factor first; a member without one is held at enrolment until they set one up', async () => {
  const ada = await person(e2e, 'Ada', 'Admin');
  const max = await person(e2e, 'Max', 'Member');
  await join(e2e, ada, max, 'editor');

  const admin = await freshPage();
  await enterPassword(admin, ada);
  await admin.waitForURL((url) => !url.pathname.startsWith('/login'));
  await admin.goto('/settings');
  const toggle = admin.getByLabel('Require two-factor authentication');
  await toggle.check();
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  // Refused at the switch: the Admin has no factor of her own.
  await fieldErrorShown(toggle, /before you require it/);
  await shot(admin, 'settings-require-mfa-refused');

  // Ada sets up her authenticator app, follows the link from the message's way.
  await admin.getByRole('link', { name: 'Set up your own second factor' }).click();
  await admin.getByRole('button', { name: 'Set up authenticator app' }).click();
  const adaSecret = await admin.getByLabel('Key for your authenticator app').inputValue();
  await admin.getByLabel('Code from the app').fill(totpCode(adaSecret));
  await admin.getByRole('button', { name: 'Turn on' }).click();
  await admin.getByLabel('I have saved these codes somewhere safe').check();
  await admin.getByRole('button', { name: 'Done' }).click();

  await admin.goto('/settings');
  await admin.getByTestId('members-without-mfa').filter({ hasText: '1 member has no second factor yet.' }).waitFor();
  await admin.getByLabel('Require two-factor authentication').check();
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await admin.getByText('Saved.').waitFor();
  await shot(admin, 'settings-require-mfa');

  // Max signs in with his password only: every page of the organization holds him at Security.
  const member = await freshPage();
  await enterPassword(member, max);
  await member.waitForURL((url) => url.pathname === '/profile/security');
  const held = member.getByText(/requires two-factor authentication of its members/);
  await held.waitFor();
  await member.goto('/users');
  await member.waitForURL((url) => url.pathname === '/profile/security');
  await held.waitFor();
  await shot(member, 'security-held-for-organization');
  // The service says the same to anything that asks it directly.
  const direct = await api(e2e)('GET', `/orgs/${ada.orgId}/members`, undefined, max.token);
  assert.equal(direct.status, 403, 'a session without a second factor gets nothing of the organization');
  assert.equal(direct.body.code, 'auth.mfa_required');

  // He sets up his authenticator app and may go on.
  await member.getByRole('button', { name: 'Set up authenticator app' }).click();
  const maxSecret = await member.getByLabel('Key for your authenticator app').inputValue();
  await member.getByLabel('Code from the app').fill(totpCode(maxSecret));
  await member.getByRole('button', { name: 'Turn on' }).click();
  await member.getByLabel('I have saved these codes somewhere safe').check();
  await member.getByRole('button', { name: 'Done' }).click();
  await member.getByText(/Two-factor authentication is set up/).waitFor();
  await member.getByRole('link', { name: /Continue to/ }).click();
  // The organization's first page for his role (Users or Devices) opens, and stays open.
  await member.waitForURL((url) => url.pathname === '/users' || url.pathname === '/devices');
  await member.getByRole('heading', { level: 1, name: /^(Users|Devices)$/ }).waitFor();
  await member.goto('/devices');
  await member.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
  assert.equal(new URL(member.url()).pathname, '/devices', 'no longer held');

  // The audit log says both in words: the rule, and Max's new factor.
  await admin.goto('/audit');
  await admin.getByRole('cell', { name: 'Two-factor authentication is now required of the members.' }).waitFor();
  await admin.getByRole('cell', { name: 'Turned the authenticator app on.' }).first().waitFor();
  await shot(admin, 'audit-second-factors');
  noPageErrors(admin);
  noPageErrors(member);
});
