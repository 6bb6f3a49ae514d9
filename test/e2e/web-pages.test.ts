// Part B of the web UI through a real browser: roles and the permission matrix, devices (token shown
// once), organization settings and the audit log (profile, a Viewer's view and "My invitations" are
// in web-pages-people.test.ts). Accounts are made through
// the API (sign-up, the mailed verification link) and signed in from the page's own context, so the
// browser holds a real session cookie; everything under test is then done through the pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { STRONG_PASSWORD, uniqueEmail } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';
import { SCREENSHOT_DIR, startWebE2E, type WebE2E } from './support/web.js';
import { fieldErrorShown } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

interface Account {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  userId: string;
  orgId: string;
}

/** Signs up and verifies through the API (the harness's PUBLIC_URL is the CSRF origin). */
async function account(firstName: string, lastName: string, domain = 'example.com'): Promise<Account> {
  const email = uniqueEmail(firstName.toLowerCase(), domain);
  const opts = { origin: e2e.base };
  const signup = await e2e.svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName, lastName }, opts);
  assert.equal(signup.status, 202, JSON.stringify(signup.body));
  const mail = await e2e.svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='));
  const verified = await e2e.svc.request(
    'POST',
    '/auth/verify-email',
    { token: tokenFrom(mail, 'verify-email'), password: STRONG_PASSWORD },
    opts,
  );
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  const login = await e2e.svc.request('POST', '/auth/login', { email, password: STRONG_PASSWORD }, opts);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return { email, password: STRONG_PASSWORD, firstName, lastName, userId: login.body.user.id, orgId: login.body.activeOrganizationId };
}

/** A fresh browser profile signed in as `who` (the cookie lands in the page's own jar). */
async function signedIn(who: Account, activeOrgId?: string): Promise<Page> {
  const page = await e2e.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const login = await page.request.post('/api/v1/auth/login', {
    data: { email: who.email, password: who.password },
    headers: { origin: e2e.base },
  });
  assert.equal(login.status(), 200, await login.text());
  if (activeOrgId) {
    const r = await page.request.put('/api/v1/me/active-organization', {
      data: { organizationId: activeOrgId },
      headers: { origin: e2e.base },
    });
    assert.equal(r.status(), 200, await r.text());
  }
  // An uncaught error in the app fails the test that caused it.
  (page as Page & { problems?: string[] }).problems = problems;
  return page;
}

/**
 * A full-page screenshot from the top (a scrolled page would paint the sticky header mid-page),
 * and for long pages also what the first screen shows (`<name>-top`), readable at full size.
 */
async function shot(page: Page, name: string, top = false) {
  await page.evaluate('window.scrollTo(0, 0)');
  await e2e.screenshot(page, name);
  if (top) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-top.png`) });
}

/**
 * An API error shown in words: the alert carries the problem's code (data-code), and its text is a
 * sentence, not the code. (The wording lives in web/src/i18n/errors.ts and may be polished.)
 */
async function errorShown(scope: Page | ReturnType<Page['getByRole']>, code: string) {
  const alert = scope.locator(`[role="alert"][data-code="${code}"]`);
  await alert.waitFor();
  const text = await alert.innerText();
  assert.ok(text.length > 15 && !text.includes(code), text);
}

const noPageErrors = (page: Page) => assert.deepEqual((page as Page & { problems?: string[] }).problems ?? [], []);

test('roles: the built-in roles as a matrix grouped by Smart Service; a custom role is created with some permissions and shows in the matrix', async () => {
  const admin = await account('Ada', 'Admin');
  const page = await signedIn(admin);
  await page.goto('/roles');
  await page.getByRole('heading', { level: 1, name: 'Roles' }).waitFor();
  const matrix = page.getByRole('table', { name: /Permissions of each role/ });
  await matrix.getByRole('rowheader', { name: /^View devices/ }).waitFor();
  // Grouped under each Smart Service's name; columns are the roles; ✓ / — have words for screen readers.
  for (const service of [
    'Device Management Service',
    'User Management Service',
    'Organization Settings',
    'EMMA Service',
    'Time Series Data Service',
    'Impulse Analytics Service',
  ]) {
    await matrix.getByRole('rowheader', { name: service, exact: true }).waitFor();
  }
  for (const role of ['Admin', 'Editor', 'Viewer']) await matrix.getByRole('columnheader', { name: new RegExp(`^${role}`) }).waitFor();
  const invite = matrix.getByRole('row', { name: /^Invite User/ });
  assert.match(await invite.innerText(), /✓\s+Admin: granted\s+—\s+Editor: not granted\s+—\s+Viewer: not granted/);
  await invite.getByText('Admin: granted').waitFor({ state: 'attached' });
  await invite.getByText('Viewer: not granted').waitFor({ state: 'attached' });
  await shot(page, 'roles-matrix', true);

  await page.getByRole('button', { name: 'New role' }).click();
  await page.waitForURL(/\/roles\/new$/);
  await page.getByLabel('Name', { exact: true }).fill('Shift lead');
  await page.getByLabel('Description').fill('Runs a shift: looks after the devices.');
  await page.getByRole('checkbox', { name: 'View devices (Device Management Service)' }).check();
  await page.getByRole('checkbox', { name: 'Reset device token (Device Management Service)' }).check();
  await page.getByRole('checkbox', { name: 'All of EMMA Service' }).check();
  assert.equal(await page.getByRole('checkbox', { name: 'View reports (EMMA Service)' }).isChecked(), true);
  await shot(page, 'role-new', true);
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.waitForURL(/\/roles\/rol_/);
  await page.getByRole('heading', { level: 1, name: 'Role: Shift lead' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Reset device token (Device Management Service)' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'Delete devices (Device Management Service)' }).isChecked(), false);

  // The name is taken now: a second role of that name is refused in words next to the name field,
  // which takes focus (the button is 4,000 px further down, below the matrix); the form keeps its input.
  await page.goto('/roles/new');
  await page.getByLabel('Name', { exact: true }).fill('shift LEAD');
  await page.getByRole('checkbox', { name: 'View devices (Device Management Service)' }).check();
  await page.getByRole('button', { name: 'Create role' }).click();
  await fieldErrorShown(page.getByLabel('Name', { exact: true }), /There is already a role with this name/);
  assert.equal(
    await page.locator('[role="alert"][data-code="role.name_taken"]').count(),
    0,
    'not repeated in an alert at the bottom of the page',
  );
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'shift LEAD');
  assert.equal(await page.getByRole('checkbox', { name: 'View devices (Device Management Service)' }).isChecked(), true);
  await shot(page, 'role-name-taken');

  // A name that passes for a built-in role (Cyrillic А) or hides a character is refused at the field too.
  await page.getByLabel('Name', { exact: true }).fill('\u0410dmin');
  await page.getByRole('button', { name: 'Create role' }).click();
  await fieldErrorShown(page.getByLabel('Name', { exact: true }), /looks like a built-in role/);
  assert.equal(
    await page.locator('[role="alert"][data-code="role.name_confusable"]').count(),
    0,
    "the look-alike name is the name field's problem, not an alert",
  );
  await page.getByLabel('Name', { exact: true }).fill('Shift\u200blead');
  await page.getByRole('button', { name: 'Create role' }).click();
  await fieldErrorShown(page.getByLabel('Name', { exact: true }), /Use visible characters only/);

  await page.goto('/roles');
  const column = page.getByRole('columnheader', { name: /Shift lead/ });
  await column.waitFor();
  const resetRow = page.getByRole('table', { name: /Permissions of each role/ }).getByRole('row', { name: /^Reset device token/ });
  await resetRow.getByText('Shift lead: granted').waitFor({ state: 'attached' });
  await page
    .getByRole('row', { name: /^Delete devices/ })
    .getByText('Shift lead: not granted')
    .waitFor({ state: 'attached' });
  await shot(page, 'roles-matrix-custom');

  // Delete asks first, then the role is gone from the matrix.
  await column.getByRole('link', { name: 'Shift lead' }).click();
  await page.getByRole('button', { name: 'Delete role' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the role “Shift lead”?' });
  await dialog.waitFor();
  await shot(page, 'role-delete-confirm');
  await dialog.getByRole('button', { name: 'Delete role' }).click();
  await page.waitForURL(/\/roles$/);
  await page.getByText('This organization has no custom roles yet.').waitFor();
  noPageErrors(page);
});

test('roles: a registered service appears in the matrix as its manifest says (German too); a deprecated permission is greyed and cannot be granted', async () => {
  const core = e2e.svc.gatehouse.core;
  const tsd = JSON.parse(readFileSync(new URL('../../examples/manifests/tsd.json', import.meta.url), 'utf8'));
  const { client } = await core.services.register(tsd);
  const weather = {
    service: `weather-${randomUUID().slice(0, 6)}`,
    name: { en: 'Weather Service', de: 'Wetterdienst' },
    permissions: [
      {
        action: 'access',
        label: { en: 'Open the forecast', de: 'Vorhersage öffnen' },
        description: { en: 'Shows the forecast' },
        roles: ['admin', 'viewer'],
      },
    ],
  };
  await core.services.register(weather);
  const admin = await account('Regina', 'Register');
  const page = await signedIn(admin);
  await page.goto('/roles');
  const matrix = page.getByRole('table', { name: /Permissions of each role/ });
  await matrix.getByRole('rowheader', { name: 'Weather Service', exact: true }).waitFor();
  const forecast = matrix.getByRole('row', { name: /^Open the forecast/ });
  assert.match(
    await forecast.innerText(),
    /✓\s+Admin: granted\s+—\s+Editor: not granted\s+✓\s+Viewer: granted/,
    'the roles the manifest names',
  );
  const edit = matrix.getByRole('row', { name: /^Edit dashboards/ });
  assert.match(
    await edit.innerText(),
    /Admin: granted\s+✓\s+Editor: granted\s+—\s+Viewer: not granted/,
    "tsd's new permission, under its service",
  );
  assert.equal(
    await page.locator('tbody[data-service="tsd"] tr[data-permission="tsd:dashboards.edit"]').count(),
    1,
    'grouped under the Time Series Data Service',
  );
  await shot(page, 'roles-matrix-registered-service');

  // The service deprecates "Edit dashboards": greyed and not grantable to a new role.
  const put = await page.request.put(`/api/v1/services/tsd/manifest`, {
    data: { ...tsd, permissions: tsd.permissions.filter((p: { action: string }) => p.action !== 'dashboards.edit') },
    headers: { authorization: `Bearer ${client!.key}` },
  });
  assert.equal(put.status(), 200, await put.text());
  await page.goto('/roles/new');
  const box = page.getByRole('checkbox', { name: 'Edit dashboards (Time Series Data Service)' });
  await box.waitFor();
  assert.equal(await box.isDisabled(), true, 'a deprecated permission cannot be granted anew');
  await page
    .locator('tr.deprecated[data-permission="tsd:dashboards.edit"]')
    .getByText(/Deprecated by its service/)
    .waitFor();
  await page.getByRole('checkbox', { name: 'All of Time Series Data Service' }).check();
  assert.equal(await box.isChecked(), false, '"all of" leaves the deprecated permission out');
  assert.equal(
    await page.getByRole('checkbox', { name: 'Show dashboards (Time Series Data Service)' }).isChecked(),
    true,
    'and takes the others',
  );
  await shot(page, 'role-new-deprecated');

  // In German, as the manifests give it.
  const de = await page.request.patch('/api/v1/me', { data: { locale: 'de' }, headers: { origin: e2e.base } });
  assert.equal(de.status(), 200, await de.text());
  await page.addInitScript(`localStorage.setItem('gatehouse.lang', 'de')`);
  await page.goto('/roles');
  const matrixDe = page.getByRole('table', { name: /Berechtigungen jeder Rolle/ });
  await matrixDe.getByRole('rowheader', { name: 'Zeitreihendaten-Service', exact: true }).waitFor();
  await matrixDe.getByRole('rowheader', { name: 'Wetterdienst', exact: true }).waitFor();
  await matrixDe.getByRole('row', { name: /^Vorhersage öffnen/ }).waitFor();
  await matrixDe
    .getByRole('row', { name: /^Dashboards bearbeiten/ })
    .getByText(/Von ihrem Service abgekündigt/)
    .waitFor();
  await shot(page, 'roles-matrix-registered-service-de');

  // Re-added: grantable again.
  const back = await page.request.put(`/api/v1/services/tsd/manifest`, { data: tsd, headers: { authorization: `Bearer ${client!.key}` } });
  assert.equal(back.status(), 200, await back.text());
  await page.goto('/roles/new');
  const again = page.getByRole('checkbox', { name: 'Dashboards bearbeiten (Zeitreihendaten-Service)' });
  await again.waitFor();
  assert.equal(await again.isDisabled(), false, 're-added: grantable again');
  noPageErrors(page);
});

test('devices: add by UUID shows the token once; a duplicate UUID keeps the input; search and tag filter; edit, reset the token, delete', async () => {
  const admin = await account('Dora', 'Devices');
  const page = await signedIn(admin);
  const uuid = randomUUID();
  await page.goto('/devices');
  await page.getByText('No devices yet. Add the first one with its UUID.').waitFor();
  await shot(page, 'devices-empty');

  await page.getByRole('button', { name: 'Add device' }).click();
  const add = page.getByRole('dialog', { name: 'Add a device' });
  await add.getByText(/printed on the outside of the device’s housing/).waitFor();
  await add.getByLabel('Device UUID').fill(uuid.toUpperCase());
  await add.getByLabel('Name').fill('Press 7 controller');
  await add.getByLabel('Location').fill('Hall 3');
  await add.getByLabel('Tags').fill('Packaging, hall-3');
  await shot(page, 'device-add');
  await add.getByRole('button', { name: 'Add device' }).click();

  const tokenDialog = page.getByRole('dialog', { name: 'Device token' });
  await tokenDialog.getByText('It is shown only this once').waitFor();
  const token = await tokenDialog.getByLabel('Device token of Press 7 controller').inputValue();
  assert.ok(token.length >= 20, token);
  await tokenDialog.getByRole('button', { name: 'Copy' }).waitFor();
  await shot(page, 'device-token-once');
  await tokenDialog.getByRole('button', { name: 'I have copied the token' }).click();
  await tokenDialog.waitFor({ state: 'hidden' });
  const row = page.getByRole('row', { name: /Press 7 controller/ });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(uuid));
  // The token is nowhere on the page any more.
  assert.equal(await page.getByText(token).count(), 0);

  // The same UUID again: refused in words, and what was typed stays.
  await page.getByRole('button', { name: 'Add device' }).click();
  await add.getByLabel('Device UUID').fill(uuid);
  await add.getByLabel('Name').fill('Second try');
  await add.getByLabel('Tags').fill('spare');
  await add.getByRole('button', { name: 'Add device' }).click();
  await fieldErrorShown(add.getByLabel('Device UUID'), /A device with this UUID is already registered/);
  assert.equal(await add.getByLabel('Device UUID').inputValue(), uuid);
  assert.equal(await add.getByLabel('Name').inputValue(), 'Second try');
  assert.equal(await add.getByLabel('Tags').inputValue(), 'spare');
  await shot(page, 'device-add-duplicate');
  await add.getByRole('button', { name: 'Cancel' }).click();

  // A second device, then search and the tag filter.
  await page.getByRole('button', { name: 'Add device' }).click();
  await add.getByLabel('Device UUID').fill(randomUUID());
  await add.getByLabel('Name').fill('Boiler gateway');
  await add.getByLabel('Tags').fill('energy');
  await add.getByRole('button', { name: 'Add device' }).click();
  await tokenDialog.getByRole('button', { name: 'I have copied the token' }).click();
  await page.getByRole('row', { name: /Boiler gateway/ }).waitFor();
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('boiler');
  await page.getByRole('row', { name: /Press 7 controller/ }).waitFor({ state: 'detached' });
  await page.getByRole('row', { name: /Boiler gateway/ }).waitFor();
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('');
  await row.getByRole('button', { name: 'Show only devices tagged “packaging”' }).click();
  await page.getByRole('button', { name: 'Remove the filter “packaging”' }).waitFor();
  await page.getByRole('row', { name: /Boiler gateway/ }).waitFor({ state: 'detached' });
  await row.waitFor();
  await shot(page, 'devices-tag-filter');
  await page.getByRole('button', { name: 'Remove the filter “packaging”' }).click();
  await page.getByRole('row', { name: /Boiler gateway/ }).waitFor();
  await shot(page, 'devices-list');

  // Edit the metadata.
  await row.getByRole('link', { name: 'Press 7 controller' }).click();
  await page.getByRole('heading', { level: 1, name: 'Press 7 controller' }).waitFor();
  await page.getByLabel('Name').fill('Press 7 PLC');
  await page.getByLabel('Description').fill('AXC F 2152 next to the press');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Press 7 PLC' }).waitFor();
  await page.getByText('Saved.').waitFor();
  await shot(page, 'device-page');

  // Reset the token: asked first, the new one shown once.
  await page.getByRole('button', { name: 'Reset device token' }).click();
  const confirmReset = page.getByRole('dialog', { name: 'Reset the token of “Press 7 PLC”?' });
  await confirmReset.getByText(/current token stops working at once/).waitFor();
  await shot(page, 'device-reset-confirm');
  await confirmReset.getByRole('button', { name: 'Reset device token' }).click();
  await tokenDialog.getByText('The old token no longer works.').waitFor();
  const newToken = await tokenDialog.getByLabel('Device token of Press 7 PLC').inputValue();
  assert.notEqual(newToken, token);
  await shot(page, 'device-reset-token');
  await tokenDialog.getByRole('button', { name: 'I have copied the token' }).click();

  // Delete, after confirming.
  await page.getByRole('button', { name: 'Delete device' }).click();
  const confirmDelete = page.getByRole('dialog', { name: 'Delete “Press 7 PLC”?' });
  await confirmDelete.getByRole('button', { name: 'Delete device' }).click();
  await page.waitForURL(/\/devices$/);
  await page.getByRole('row', { name: /Boiler gateway/ }).waitFor();
  assert.equal(await page.getByRole('row', { name: /Press 7/ }).count(), 0);

  // The same page in German.
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Geräte' }).waitFor();
  await page.getByRole('button', { name: 'Gerät hinzufügen' }).click();
  await page
    .getByRole('dialog', { name: 'Gerät hinzufügen' })
    .getByText(/außen auf das Gehäuse des Geräts gedruckt/)
    .waitFor();
  await shot(page, 'device-add-de');
  await page.getByRole('dialog', { name: 'Gerät hinzufügen' }).getByRole('button', { name: 'Abbrechen' }).click();
  noPageErrors(page);
});

test('organization settings: rename shows in the header; billing is saved and shown after a reload; the audit log shows both', async () => {
  const admin = await account('Otto', 'Owner');
  const page = await signedIn(admin);
  await page.goto('/settings');
  await page.getByRole('heading', { level: 1, name: 'Organization settings' }).waitFor();
  const name = page.getByLabel('Organization name');
  assert.equal(await name.inputValue(), "Otto's organization");
  await name.fill('Otto Werke Nord');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByText('The organization was renamed.').waitFor();
  await page.locator('header').getByText('Otto Werke Nord').waitFor();

  await page.getByLabel('Company name').fill('Otto Werke GmbH');
  await page.getByLabel('Street and number').fill('Flachsmarktstraße 8');
  await page.getByLabel('Postal code').fill('32825');
  await page.getByLabel('City').fill('Blomberg');
  await page.getByLabel('Country').selectOption({ label: 'Germany' });
  await page.getByLabel('VAT ID (optional)').fill('DE/123');
  await page.getByLabel('Billing e-mail').fill('invoices@example.com');
  await page.getByRole('button', { name: 'Save billing information' }).click();
  // The service refuses the VAT id; every field keeps what was typed.
  await errorShown(page, 'request.invalid');
  assert.equal(await page.getByLabel('VAT ID (optional)').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Company name').inputValue(), 'Otto Werke GmbH');
  assert.equal(await page.getByLabel('Country').inputValue(), 'DE');
  await shot(page, 'settings-billing-invalid');
  await page.getByLabel('VAT ID (optional)').fill('de 123 456 789');
  await page.getByRole('button', { name: 'Save billing information' }).click();
  await page.getByText('Billing information saved.').waitFor();

  await page.reload();
  await page.getByLabel('Company name').waitFor();
  assert.equal(await page.getByLabel('Company name').inputValue(), 'Otto Werke GmbH');
  assert.equal(await page.getByLabel('City').inputValue(), 'Blomberg');
  assert.equal(await page.getByLabel('Country').inputValue(), 'DE');
  assert.equal(await page.getByLabel('VAT ID (optional)').inputValue(), 'DE123456789');
  assert.equal(await page.getByLabel('Billing e-mail').inputValue(), 'invoices@example.com');
  await shot(page, 'settings');

  await page.goto('/audit');
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const renamed = page.getByRole('row', { name: /Organization renamed/ });
  await renamed.waitFor();
  assert.match(await renamed.innerText(), /Otto Owner \(you\)/);
  assert.match(await renamed.innerText(), /Otto's organization\s*→\s*Otto Werke Nord/);
  await page.getByRole('row', { name: /Billing information changed/ }).waitFor();
  await shot(page, 'audit');
  // Filter by action.
  await page.getByLabel('Action').selectOption({ label: 'Billing information changed' });
  await renamed.waitFor({ state: 'detached' });
  await page.getByRole('row', { name: /Billing information changed/ }).waitFor();
  await page.getByLabel('Action').selectOption({ label: 'Device deleted' });
  await page.getByText('No entry matches these filters.').waitFor();
  noPageErrors(page);
});

test('organization settings: delete needs the name typed; afterwards the user is in the organization now active', async () => {
  const admin = await account('Dieter', 'Delete');
  const opts = { origin: e2e.base };
  const login = await e2e.svc.request('POST', '/auth/login', { email: admin.email, password: admin.password }, opts);
  const second = await e2e.svc.request('POST', '/orgs', { name: 'Dieter Spare Org' }, { token: login.body.token, origin: e2e.base });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  const page = await signedIn(admin, second.body.id);
  await page.goto('/settings');
  await page.getByLabel('Organization name').waitFor();
  await page.getByRole('button', { name: 'Delete organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Dieter Spare Org” for good?' });
  const confirm = dialog.getByRole('button', { name: 'Delete organization' });
  assert.equal(await confirm.isDisabled(), true);
  await dialog.getByLabel('Type the organization’s name to confirm').fill('Dieter Spare');
  assert.equal(await confirm.isDisabled(), true);
  await dialog.getByLabel('Type the organization’s name to confirm').fill('Dieter Spare Org');
  await shot(page, 'settings-delete-confirm');
  await confirm.click();
  await page.waitForURL(/\/users$/);
  await page.locator('header').getByText("Dieter's organization").waitFor();
  noPageErrors(page);
});
