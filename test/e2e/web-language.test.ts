// The account's language (issue 14, "What a newcomer met in the UI", German): a sign-up in the
// German UI makes a German account whose first mail is German; a user who switches to German in
// Profile gets German mail from then on, and the Roles matrix shows the permission catalog in
// German (labels and descriptions as GET /permissions serves them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { STRONG_PASSWORD, uniqueEmail } from '../support/service.js';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, noPageErrors, person, shot } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

const myLocale = async (token: string) => (await api(e2e)('GET', '/me', undefined, token)).body.user.locale as string;

test('signing up in the German UI makes a German account: the confirmation mail is German', async () => {
  const context = await e2e.newContext();
  await context.addInitScript(`localStorage.setItem('gatehouse.lang', 'de')`);
  const page = await context.newPage();
  const email = uniqueEmail('greta', 'werk-sued.example');
  await page.goto('/signup');
  await page.getByRole('heading', { name: 'Konto erstellen' }).waitFor();
  await page.getByLabel('Vorname').fill('Greta');
  await page.getByLabel('Nachname').fill('Groß');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Konto erstellen' }).click();
  await page.getByRole('heading', { name: 'Bitte prüfen Sie Ihr Postfach' }).waitFor();

  const mail = await e2e.svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='));
  assert.equal(mail.subject, 'Bestätigen Sie Ihre E-Mail-Adresse', 'the first mail is in the language of the page she signed up on');
  assert.match(mail.text, /^Hallo Greta,/, 'a German greeting');
  const login = await api(e2e)('POST', '/auth/login', { email, password: STRONG_PASSWORD });
  assert.equal(login.status, 403, 'not verified yet: the account exists');
  noPageErrors(page);
  await context.close();
});

test('a user switches to German in Profile: saved to the account, the UI follows, and the Roles matrix shows German permissions', async () => {
  const paula = await person(e2e, 'Paula', 'Profil');
  assert.equal(await myLocale(paula.token), 'en', 'signed up through the API without a language: English');
  const page = await browserOf(e2e, paula, { lang: 'en' });

  await page.goto('/roles');
  const remove = page.locator('tr[data-permission="user-management:users.remove"] th');
  await remove.getByText('Remove User').waitFor();

  await page.goto('/profile');
  await page.getByRole('heading', { level: 2, name: 'Language' }).waitFor();
  const select = page.getByRole('combobox', { name: 'Language of pages and e-mails' });
  assert.equal(await select.inputValue(), 'en', "the account's language is preselected");
  await select.selectOption({ label: 'Deutsch' });
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.getByText('Gespeichert: Gatehouse schreibt Ihnen jetzt auf Deutsch.').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'de', 'the page says it is German');
  assert.equal(await myLocale(paula.token), 'de', 'GET /me returns the saved language');
  await shot(e2e, page, 'profile-language-de');

  // The Roles matrix: every permission in German, label and description. (Through the navigation:
  // a new page load would run the fixture's script that sets this browser's language to English.)
  await page.getByRole('link', { name: 'Rollen', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Rollen' }).waitFor();
  await remove.getByText('Benutzer entfernen').waitFor();
  assert.match(await remove.innerText(), /Kann Benutzer aus der aktiven Organisation entfernen/, 'the German description under the label');
  const labels = await page.locator('tr[data-permission] th').allInnerTexts();
  assert.equal(labels.length, 60, 'the whole catalog is listed');
  assert.deepEqual(
    labels.filter((l) => /\b(The user can|Access Smart Service)\b/.test(l)),
    [],
    'no English label or description left',
  );
  await page.locator('tr[data-permission="device-management:access"] th').getByText('Smart Service aufrufen').waitFor();
  await shot(e2e, page, 'roles-matrix-de');

  // And the account's mail follows: a password reset is German.
  assert.equal((await api(e2e)('POST', '/auth/password-reset', { email: paula.email })).status, 202);
  const reset = await e2e.svc.smtp.waitFor(paula.email, (m) => m.text.includes('/reset-password?token='));
  assert.equal(reset.subject, 'Setzen Sie Ihr Passwort zurück', 'mail in the language chosen in Profile');
  noPageErrors(page);
});

test("a German account on a fresh browser gets the German UI at sign-in; the header's EN/DE switch saves the account's language", async () => {
  const gerd = await person(e2e, 'Gerd', 'Deutsch');
  const saved = await api(e2e)('PATCH', '/me', { locale: 'de' }, gerd.token);
  assert.equal(saved.status, 200, `language saved: ${JSON.stringify(saved.body)}`);

  // A fresh browser (English, with no language chosen in it yet) signs in through the sign-in page.
  const page = await e2e.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/login');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail address').fill(gerd.email);
  await page.getByLabel('Password', { exact: true }).fill(gerd.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Benutzer' }).waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'de', "the UI speaks the account's language");
  // And still after a reload (nothing chosen in this browser: the account's language again).
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Benutzer' }).waitFor();

  await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'EN' }).click();
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  for (let i = 0; i < 50 && (await myLocale(gerd.token)) !== 'en'; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await myLocale(gerd.token), 'en', 'GET /me says the language chosen in the header');
  assert.deepEqual(problems, [], 'the app threw no uncaught error');
});
