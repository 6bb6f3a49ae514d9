// Mails in the recipient's language: each account has a locale (`en` | `de`), chosen at sign-up
// (the body's `locale`, else `Accept-Language`), changed with `PATCH /me`, returned by `GET /me`;
// every mail to the account is written in it. Delivered over real SMTP and read as it arrived.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signUpAndLogin, startTestService, STRONG_PASSWORD, uniqueEmail, type SignedUpUser, type TestService } from '../support/service.js';
import { tokenFrom, type CaughtMail } from '../support/smtp.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

const domain = () => `${randomUUID().slice(0, 8)}.example`;

/** Signs up (with these extra body fields and headers), verifies by the mailed link, signs in. */
async function signUpAs(
  email: string,
  extra: { locale?: string } = {},
  headers: Record<string, string> = {},
): Promise<SignedUpUser & { verifyMail: CaughtMail }> {
  const signup = await svc.request(
    'POST',
    '/auth/signup',
    { email, password: STRONG_PASSWORD, firstName: 'Greta', lastName: 'Groß', ...extra },
    { headers },
  );
  assert.equal(signup.status, 202, `sign-up of ${email}: ${JSON.stringify(signup.body)}`);
  const verifyMail = await svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='));
  assert.equal(
    (await svc.request('POST', '/auth/verify-email', { token: tokenFrom(verifyMail, 'verify-email'), password: STRONG_PASSWORD })).status,
    200,
    'the mailed link verifies',
  );
  const login = await svc.request('POST', '/auth/login', { email, password: STRONG_PASSWORD });
  assert.equal(login.status, 200, 'signs in');
  return {
    email,
    password: STRONG_PASSWORD,
    firstName: 'Greta',
    lastName: 'Groß',
    userId: login.body.user.id,
    token: login.body.token,
    activeOrganizationId: login.body.activeOrganizationId,
    verifyMail,
  };
}

const localeOf = async (u: SignedUpUser) => (await svc.request('GET', '/me', undefined, { token: u.token })).body.user.locale;

/** A German mail: German subject and words, the HTML marked `lang="de"`, no English frame left. */
function assertGerman(mail: CaughtMail, subject: string | RegExp, what: string) {
  if (typeof subject === 'string') assert.equal(mail.subject, subject, `${what}: German subject`);
  else assert.match(mail.subject, subject, `${what}: German subject`);
  assert.match(mail.html, /<html lang="de">/, `${what}: the HTML says it is German`);
  assert.doesNotMatch(mail.text, /\b(Hello|Please|If you|The link)\b/, `${what}: no English sentence in the text`);
  assert.doesNotMatch(mail.html, /Or open this address/, `${what}: not the English frame`);
}

describe('the language of an account', () => {
  test('chosen at sign-up: a German newcomer gets the confirmation mail in German, and GET /me says de', async () => {
    const u = await signUpAs(uniqueEmail('greta'), { locale: 'de' });
    assertGerman(u.verifyMail, 'Bestätigen Sie Ihre E-Mail-Adresse', 'verification');
    assert.match(
      u.verifyMail.text,
      /^Hallo Greta,\n\nbitte bestätigen Sie Ihre E-Mail-Adresse/,
      'a German letter: greeting, then a lower-case first sentence',
    );
    assert.match(u.verifyMail.html, />E-Mail-Adresse bestätigen</, 'the button says what it does, in German');
    assert.equal(await localeOf(u), 'de', 'GET /me returns the locale chosen at sign-up');
  });

  test('without `locale`, the best of Accept-Language decides; without either, English', async () => {
    const austrian = await signUpAs(uniqueEmail('at'), {}, { 'accept-language': 'fr-CH, de-AT;q=0.8, en;q=0.5' });
    assert.equal(await localeOf(austrian), 'de', 'de-AT is the best of our languages in that header');
    assertGerman(austrian.verifyMail, 'Bestätigen Sie Ihre E-Mail-Adresse', 'verification chosen by Accept-Language');
    const english = await signUpAs(uniqueEmail('en'), {}, { 'accept-language': 'de;q=0.3, en-GB' });
    assert.equal(await localeOf(english), 'en', 'English is weighted higher there');
    const plain = await signUpAs(uniqueEmail('plain'));
    assert.equal(await localeOf(plain), 'en', 'no language given: English');
    assert.equal(plain.verifyMail.subject, 'Confirm your e-mail address', 'an English account gets English mail');
    assert.match(plain.verifyMail.html, /<html lang="en">/, 'marked English');
  });

  test('a language we do not speak is a 400 naming the field, at sign-up and in the profile', async () => {
    const email = uniqueEmail('fr');
    const res = await svc.request('POST', '/auth/signup', {
      email,
      password: STRONG_PASSWORD,
      firstName: 'Flo',
      lastName: 'Fr',
      locale: 'fr',
    });
    assert.equal(res.status, 400, 'fr is refused');
    assert.equal(res.body.code, 'request.invalid', 'as an invalid request');
    assert.ok(
      res.body.errors.some((e: { field: string }) => e.field === '/locale'),
      `the field is named: ${JSON.stringify(res.body.errors)}`,
    );
    const u = await signUpAndLogin(svc);
    const patch = await svc.request('PATCH', '/me', { locale: 'DE' }, { token: u.token });
    assert.equal(patch.status, 400, 'the locale is `de`, not `DE`');
    assert.equal(await localeOf(u), 'en', 'unchanged by the refused request');
  });

  test('changed in the profile: PATCH /me { locale } switches every later mail', async () => {
    const u = await signUpAndLogin(svc);
    const patched = await svc.request('PATCH', '/me', { locale: 'de' }, { token: u.token });
    assert.equal(patched.status, 200, 'PATCH /me takes a locale');
    assert.equal(patched.body.user.locale, 'de', 'and answers with it');
    assert.equal(patched.body.user.firstName, 'Test', 'the name is untouched');
    assert.equal(await localeOf(u), 'de', 'GET /me returns it');

    assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email })).status, 202);
    const reset = await svc.smtp.waitFor(u.email, (m) => m.text.includes('/reset-password?token='));
    assertGerman(reset, 'Setzen Sie Ihr Passwort zurück', 'password reset');
    assert.match(reset.text, /Neues Passwort festlegen: http/, 'the German action with its link');
    assert.equal(
      (
        await svc.request('POST', '/auth/password-reset/confirm', {
          token: tokenFrom(reset, 'reset-password'),
          password: 'Neues-Passwort-77-Zug',
        })
      ).status,
      204,
    );
    assertGerman(
      await svc.smtp.waitFor(u.email, (m) => m.subject.includes('Passwort wurde')),
      'Ihr Passwort wurde geändert',
      'password changed',
    );

    const login = await svc.request('POST', '/auth/login', { email: u.email, password: 'Neues-Passwort-77-Zug' });
    assert.equal(
      (await svc.request('PATCH', '/me', { locale: 'en' }, { token: login.body.token })).body.user.locale,
      'en',
      'back to English',
    );
    assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email })).status, 202);
    const again = await svc.smtp.waitFor(u.email, (m) => m.text.includes('/reset-password?token=') && m.text.includes('Hello'));
    assert.equal(again.subject, 'Reset your password', 'English again after switching back');
  });
});

describe('who reads which mail', () => {
  test("the notice about an existing account is in its owner's language, not the one the sign-up asked for", async () => {
    const owner = await signUpAs(uniqueEmail('owner'), { locale: 'de' });
    const res = await svc.request('POST', '/auth/signup', {
      email: owner.email,
      password: STRONG_PASSWORD,
      firstName: 'Eve',
      lastName: 'Else',
      locale: 'en',
    });
    assert.equal(res.status, 202);
    const notice = await svc.smtp.waitFor(owner.email, (m) => m.subject === 'Sie haben bereits ein Konto');
    assertGerman(notice, 'Sie haben bereits ein Konto', 'existing account');
    assert.equal(await localeOf(owner), 'de', "the attempt did not change the owner's language");
  });

  test('e-mail change: the confirmation and the notice in the user\'s language; "address taken" in its owner\'s', async () => {
    const d = domain();
    const u = await signUpAs(uniqueEmail('mover', d), { locale: 'de' });
    const newEmail = uniqueEmail('moved', d);
    assert.equal((await svc.request('POST', '/me/email-change', { newEmail, password: u.password }, { token: u.token })).status, 202);
    const confirm = await svc.smtp.waitFor(newEmail);
    assertGerman(confirm, 'Bestätigen Sie Ihre neue E-Mail-Adresse', 'confirm the new address');
    assert.equal(
      (await svc.request('POST', '/auth/confirm-email-change', { token: tokenFrom(confirm, 'confirm-email-change') })).status,
      200,
    );
    const notice = await svc.smtp.waitFor(u.email, (m) => m.subject.includes('E-Mail-Adresse wurde'));
    assertGerman(notice, 'Ihre E-Mail-Adresse wurde geändert', 'address changed');
    assert.ok(notice.text.includes(newEmail), 'names the new address');

    // An English user tries to move to the German user's (new) address: its owner is told, in German.
    const other = await signUpAndLogin(svc, { email: uniqueEmail('other', d) });
    assert.equal(
      (await svc.request('POST', '/me/email-change', { newEmail, password: other.password }, { token: other.token })).status,
      202,
    );
    assertGerman(
      await svc.smtp.waitFor(newEmail, (m) => m.subject.startsWith('Jemand')),
      'Jemand wollte Ihre E-Mail-Adresse verwenden',
      'address taken',
    );
  });

  test("an invitation to someone without an account is in the inviter's language; to an account holder, in theirs", async () => {
    const d = domain();
    const admin = await signUpAs(uniqueEmail('admin', d), { locale: 'de' });
    const newcomer = uniqueEmail('neu', d);
    const created = await svc.request(
      'POST',
      `/orgs/${admin.activeOrganizationId}/invitations`,
      { email: newcomer, roleId: 'editor', message: 'Willkommen im Team!' },
      { token: admin.token },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.delivery, 'email', 'same domain: mailed');
    const mail = await svc.smtp.waitFor(newcomer, (m) => m.text.includes('/invitation?token='));
    assertGerman(mail, /^Greta Groß lädt Sie zu Greta's organization ein$/, 'invitation to a newcomer');
    assert.match(
      mail.text,
      /der Organisation „Greta's organization“ in Gatehouse als Editor beizutreten/,
      'organization and role in the German sentence',
    );
    assert.match(mail.text, /Nachricht von Greta Groß: „Willkommen im Team!“/, "the inviter's message, quoted the German way");
    assert.match(
      mail.text,
      /Die Einladung gilt bis zum \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\./,
      'the expiry as a German date',
    );

    const englishColleague = await signUpAndLogin(svc, { email: uniqueEmail('colleague', d) });
    assert.equal(
      (
        await svc.request(
          'POST',
          `/orgs/${admin.activeOrganizationId}/invitations`,
          { email: englishColleague.email, roleId: 'viewer' },
          { token: admin.token },
        )
      ).status,
      201,
    );
    const english = await svc.smtp.waitFor(englishColleague.email, (m) => m.text.includes('/invitation?token='));
    assert.equal(
      english.subject,
      "Greta Groß invited you to Greta's organization",
      'an English account holder reads English, whoever invites',
    );
    assert.match(english.text, /The invitation expires on \d{1,2} [A-Z][a-z]+ \d{4}\./, 'with an English date');
  });
});
