// The smaller rough edges of issue 14 ("What a newcomer met in the UI"): the navigation shows only
// what the member can open, a read-only name is text, roles are listed with description and member
// count (built-in descriptions in German too), the password rules read as a list, errors sit next
// to the field that caused them (in German too) with focus there, and a slow answer for an old
// search never overwrites a newer one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Route } from 'playwright-core';
import { uniqueEmail } from '../support/service.js';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, fieldErrorShown, join, noPageErrors, person, shot } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

test('a Viewer: no Users or Audit log in the navigation, the organization name as text; roles listed with description and member count, in English and German', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Vera', 'Admin');
  const viewer = await person(e2e, 'Valentin', 'Viewer');
  const second = await person(e2e, 'Wanda', 'Worker');
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
  await join(e2e, admin, viewer, 'viewer');
  await join(e2e, admin, second, role.body.id);
  const page = await browserOf(e2e, viewer);

  await page.goto('/devices');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Devices' }).waitFor();
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Roles', 'Devices'], 'only the sections a Viewer can open');
  assert.equal(
    await page.getByRole('link', { name: 'Gatehouse' }).getAttribute('href'),
    '/devices',
    "the brand leads to the Viewer's first page",
  );

  await page.goto('/settings');
  await page.getByRole('heading', { level: 2, name: 'Name' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Organization name' }).count(), 0, 'no field that looks editable but is not');
  assert.equal(await page.locator('.org-name-text').innerText(), "Vera's organization");

  await page.goto('/roles');
  const list = page.getByRole('table', { name: 'Roles of this organization' });
  const maintenance = list.getByRole('row', { name: /Maintenance/ });
  assert.match(await maintenance.innerText(), /Maintenance\s+custom · 2 permissions\s+Keeps the machines running\.\s+1 member/);
  assert.match(await list.getByRole('row', { name: /^Viewer/ }).innerText(), /Looks but does not change.*\s+1 member/);
  assert.match(await list.getByRole('row', { name: /^Editor/ }).innerText(), /0 members/);
  await shot(e2e, page, 'roles-list-viewer', true);
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  const de = page.getByRole('table', { name: 'Rollen dieser Organisation' });
  assert.match(
    await de.getByRole('row', { name: /^Viewer/ }).innerText(),
    /Sieht, ändert aber nichts: sieht Geräte, Dashboards und Berichte\.\s+1 Mitglied/,
  );
  assert.match(await de.getByRole('row', { name: /^Admin/ }).innerText(), /Voller Zugriff auf die Organisation/);
  assert.match(await de.getByRole('row', { name: /Maintenance/ }).innerText(), /eigene · 2 Berechtigungen/);
  noPageErrors(page);
});

test('the password rules read as a list of rules, in English and German', async () => {
  const page = await e2e.newPage();
  await page.goto('/signup');
  const rules = page.locator('.field-hint').filter({ has: page.locator('ul.rules') });
  await rules.waitFor();
  assert.match(await rules.innerText(), /^Rules for your password:/);
  const items = await rules.locator('li').allInnerTexts();
  const words = items.map((t) => t.replace(/\s*—.*$/s, '').trim());
  assert.deepEqual(words, [
    'At least 10 characters',
    'A lower-case letter',
    'An upper-case letter',
    'A digit',
    'A special character, such as ! ? - or a space',
    'Not a commonly used password (checked when you submit)',
    'Does not contain your e-mail address',
  ]);
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await rules.getByText('Regeln für Ihr Passwort:').waitFor();
  await rules.getByText('Kein häufig verwendetes Passwort (wird beim Absenden geprüft)').waitFor();
  await rules.getByText('Enthält nicht Ihre E-Mail-Adresse').waitFor();
  await shot(e2e, page, 'password-rules-de');
});

test("errors sit next to the field that caused them, in the page's language, and take the focus", async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Frieda', 'Fields');
  const address = uniqueEmail('pending', 'elsewhere.example');
  assert.equal((await call('POST', `/orgs/${admin.orgId}/invitations`, { email: address, roleId: 'viewer' }, admin.token)).status, 201);
  const page = await browserOf(e2e, admin, { lang: 'de' });

  // A VAT id the service refuses: the German words under that field, focus on it.
  await page.goto('/settings');
  await page.getByLabel('Firmenname').fill('Fields GmbH');
  await page.getByLabel('Straße und Hausnummer').fill('Am Feld 1');
  await page.getByLabel('Postleitzahl').fill('32825');
  await page.getByLabel('Ort').fill('Blomberg');
  await page.getByLabel('Land').selectOption('DE');
  await page.getByLabel('USt-IdNr. (optional)').fill('D');
  await page.getByLabel('E-Mail für Rechnungen').fill('rechnung@example.com');
  await page.getByRole('button', { name: 'Rechnungsdaten speichern' }).click();
  await fieldErrorShown(page.getByLabel('USt-IdNr. (optional)'), /Eine USt-IdNr\. hat mindestens 2 Zeichen/);
  await shot(e2e, page, 'field-error-de');

  // An address that is invited already: the e-mail field's problem, not a general alert.
  await page.getByRole('link', { name: 'Benutzer', exact: true }).click();
  await page.getByRole('button', { name: 'Mitglied einladen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mitglied einladen' });
  await dialog.getByLabel('E-Mail-Adresse').fill(address);
  await dialog.getByRole('button', { name: 'Einladung senden' }).click();
  await fieldErrorShown(dialog.getByLabel('E-Mail-Adresse'), /Für diese Adresse gibt es schon eine offene Einladung/);
  noPageErrors(page);
});

test('a slow answer for an old search never overwrites the answer for the newer one', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Stella', 'Search');
  for (const name of ['Alpha press', 'Beta boiler']) {
    assert.equal((await call('POST', `/orgs/${admin.orgId}/devices`, { uuid: randomUUID(), name }, admin.token)).status, 201);
  }
  const page = await browserOf(e2e, admin);
  // The answer to the search for "alpha" is held back until the answer to "beta" has been shown.
  let releaseOld: () => void = () => {};
  const oldHeld = new Promise<void>((resolve) => {
    releaseOld = resolve;
  });
  let oldRequested = false;
  let oldDone: () => void = () => {};
  const oldFinished = new Promise<void>((resolve) => {
    oldDone = resolve;
  });
  await page.route(/\/api\/v1\/orgs\/[^/]+\/devices\?.*q=alpha/, async (route: Route) => {
    oldRequested = true;
    await oldHeld;
    await route.continue().catch(() => undefined); // (the app may have cancelled it meanwhile)
    oldDone();
  });
  await page.goto('/devices');
  await page.getByRole('row', { name: /Beta boiler/ }).waitFor();
  const search = page.getByRole('searchbox', { name: 'Search devices' });
  await search.fill('alpha');
  await page.waitForRequest(/q=alpha/);
  await search.fill('beta');
  await page.getByRole('row', { name: /Alpha press/ }).waitFor({ state: 'detached' });
  await page.getByRole('table').and(page.locator(':not([aria-busy])')).waitFor();
  assert.ok(oldRequested, 'the old search was asked for');
  releaseOld();
  await oldFinished;
  // Whatever the old answer does now, the list keeps showing the newer search's result.
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await page.locator('tbody tr td:first-child').allInnerTexts(), ['Beta boiler'], 'the list shows the answer to "beta"');
  noPageErrors(page);
});
