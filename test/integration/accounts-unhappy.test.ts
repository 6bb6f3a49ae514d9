// The unhappy paths of accounts and sessions: password policy on every entry point, bad links,
// hostile or broken bodies, the shape of every error, session expiry, and the rule that no answer
// tells whether an e-mail address has an account.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { startTestService, signUpAndLogin, uniqueEmail, STRONG_PASSWORD, type Response, type TestService } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

let svc: TestService; // the service with default settings, see below

// ---------------------------------------------------------------------------------------------
// Helpers

const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'code', 'requestId', 'errors']);
// What must never reach a client: stack frames, file paths, SQL, driver messages.
const LEAK =
  /\bat [^\s]+ \(|\bat file:|node_modules|\/src\/|\.ts:\d+|\bSELECT\b|\bINSERT\b|\bUPDATE\b|\bDELETE\b|\bWHERE\b|syntax error|violates|stack/i;

/** Asserts an RFC 9457 problem answer with the given status and code, and nothing internal in it. */
function assertProblem(res: Response, status: number, code: string) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${res.raw.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json\b/);
  const body = res.body as Record<string, unknown>;
  assert.equal(body.code, code, res.raw.body);
  assert.equal(body.status, status);
  assert.equal(typeof body.type, 'string');
  assert.ok((body.type as string).length > 0, 'expected (body.type as string).length > 0');
  assert.equal(typeof body.title, 'string');
  assert.ok((body.title as string).length > 0, 'expected (body.title as string).length > 0');
  assert.equal(typeof body.requestId, 'string');
  assert.equal(body.requestId, res.headers['x-request-id']);
  for (const key of Object.keys(body)) assert.ok(PROBLEM_KEYS.has(key), `unexpected problem member "${key}"`);
  assert.doesNotMatch(res.raw.body, LEAK);
}

const randomToken = () => randomBytes(32).toString('base64url');
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');

async function usersWithEmail(email: string): Promise<number> {
  const rows = await svc.gatehouse.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email = $1', [email.toLowerCase()]);
  return rows[0]!.n;
}

async function userRow(email: string) {
  const [row] = await svc.gatehouse.db.query<{
    id: string;
    email: string;
    password_hash: string;
    email_verified_at: Date | null;
    first_name: string;
    last_name: string;
  }>('SELECT id, email, password_hash, email_verified_at, first_name, last_name FROM users WHERE email = $1', [email.toLowerCase()]);
  return row;
}

async function outboxCount(recipient: string, kind?: string): Promise<number> {
  const rows = await svc.gatehouse.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND ($2::text IS NULL OR kind = $2)',
    [recipient.toLowerCase(), kind ?? null],
  );
  return rows[0]!.n;
}

/** Signs up through the API and returns the token of the verification mail, without verifying. */
async function signUpUnverified(email = uniqueEmail(), password = STRONG_PASSWORD) {
  const res = await svc.request('POST', '/auth/signup', { email, password, firstName: 'Una', lastName: 'Verified' });
  assert.equal(res.status, 202);
  const token = tokenFrom(await svc.smtp.waitFor(email, (m) => m.subject === 'Confirm your e-mail address'), 'verify-email');
  return { email, password, token };
}

async function requestResetToken(email: string, seen: string[] = []): Promise<string> {
  assert.equal((await svc.request('POST', '/auth/password-reset', { email })).status, 202);
  const mail = await svc.smtp.waitFor(email, (m) => m.subject === 'Reset your password' && !seen.some((t) => m.text.includes(t)));
  return tokenFrom(mail, 'reset-password');
}

/** Status, body without its requestId, and header names: what an observer could compare. */
function observable(res: Response) {
  const body = typeof res.body === 'object' && res.body !== null ? { ...res.body, requestId: undefined } : res.body;
  return { status: res.status, body, headers: Object.keys(res.headers).sort() };
}

// ---------------------------------------------------------------------------------------------

describe('with the default settings', () => {
  before(async () => {
    svc = await startTestService();
  });
  after(async () => {
    await svc?.close();
  });

  describe('password policy on every entry point', () => {
    // A local part of letters only, so the cases below fail exactly the rules they name.
    const local = `jdoe${letters(12)}`;
    const email = `${local}@example.com`;
    const cases: { name: string; password: string; rules: string[] }[] = [
      { name: 'too short', password: 'Ab1!efg', rules: ['min_length'] },
      { name: 'no upper-case letter', password: 'lower-case-only-42', rules: ['uppercase'] },
      { name: 'no lower-case letter', password: 'UPPER-CASE-ONLY-42', rules: ['lowercase'] },
      { name: 'no digit', password: 'No-Digits-In-Here!', rules: ['digit'] },
      { name: 'no special character', password: 'NoSpecial1234abc', rules: ['special'] },
      { name: 'blocklisted Password1!', password: 'Password1!', rules: ['blocklisted'] },
      { name: '257 characters', password: `Aa1!${'b'.repeat(253)}`, rules: ['max_length'] },
      { name: 'contains the e-mail address', password: `Zz9!${local.toUpperCase()}`, rules: ['contains_email'] },
      { name: 'several rules at once', password: 'abc', rules: ['min_length', 'uppercase', 'digit', 'special'] },
      { name: 'several rules including the e-mail', password: local, rules: ['uppercase', 'digit', 'special', 'contains_email'] },
    ];

    function assertTooWeak(res: Response, field: string, rules: string[]) {
      assertProblem(res, 400, 'password.too_weak');
      const errors = res.body.errors as { field: string; rule: string; message: string }[];
      assert.ok(Array.isArray(errors), 'errors[] missing');
      assert.deepEqual(errors.map((e) => e.rule).sort(), [...rules].sort());
      for (const e of errors) {
        assert.equal(e.field, field);
        assert.equal(typeof e.message, 'string');
        assert.ok(e.message.length > 0, 'expected e.message.length > 0');
      }
    }

    test('sign-up refuses each rule, lists every failed rule, and creates nothing', async () => {
      for (const c of cases) {
        const res = await svc.request('POST', '/auth/signup', { email, password: c.password, firstName: 'Jane', lastName: 'Doe' });
        assertTooWeak(res, '/password', c.rules);
      }
      assert.equal(await usersWithEmail(email), 0);
      assert.equal(await outboxCount(email), 0);
      // The same address with a good password is accepted: the refusals were about the password.
      assert.equal(
        (await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'Jane', lastName: 'Doe' })).status,
        202,
      );
      assert.equal(await usersWithEmail(email), 1);
    });

    test('PUT /me/password refuses each rule on /newPassword; the password and the session stay', async () => {
      const ownLocal = `jdoe${letters(12)}`;
      const u = await signUpAndLogin(svc, { email: `${ownLocal}@example.com` });
      const before = await userRow(u.email);
      for (const c of cases) {
        const password = c.password.replace(local, ownLocal).replace(local.toUpperCase(), ownLocal.toUpperCase());
        const res = await svc.request('PUT', '/me/password', { currentPassword: u.password, newPassword: password }, { token: u.token });
        assertTooWeak(res, '/newPassword', c.rules);
      }
      assert.equal((await userRow(u.email))!.password_hash, before!.password_hash);
      assert.equal(await outboxCount(u.email, 'password_changed'), 0);
      assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 200);
      assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 200);
    });

    test('password-reset/confirm refuses each rule without burning the link', async () => {
      const ownLocal = `jdoe${letters(12)}`;
      const u = await signUpAndLogin(svc, { email: `${ownLocal}@example.com` });
      const before = await userRow(u.email);
      const token = await requestResetToken(u.email);
      for (const c of cases) {
        const password = c.password.replace(local, ownLocal).replace(local.toUpperCase(), ownLocal.toUpperCase());
        const res = await svc.request('POST', '/auth/password-reset/confirm', { token, password });
        assertTooWeak(res, '/password', c.rules);
        assert.equal((await userRow(u.email))!.password_hash, before!.password_hash, `password changed by "${c.name}"`);
      }
      // Nothing happened: the session lives, the old password works, no notice was mailed.
      assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 200);
      assert.equal(await outboxCount(u.email, 'password_changed'), 0);
      // The link still works for a good password.
      const ok = await svc.request('POST', '/auth/password-reset/confirm', { token, password: 'Fine-New-Secret-2024' });
      assert.equal(ok.status, 204);
      assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: 'Fine-New-Secret-2024' })).status, 200);
    });
  });

  describe('mailed links', () => {
    test('a wrong token is token.invalid on every link endpoint, a malformed one request.invalid', async () => {
      const { email } = await signUpUnverified();
      const wrong = randomToken();
      assertProblem(await svc.request('POST', '/auth/verify-email', { token: wrong, password: STRONG_PASSWORD }), 400, 'token.invalid');
      assertProblem(
        await svc.request('POST', '/auth/password-reset/confirm', { token: wrong, password: 'Fine-New-Secret-2024' }),
        400,
        'token.invalid',
      );
      assertProblem(await svc.request('POST', '/auth/confirm-email-change', { token: wrong }), 400, 'token.invalid');
      const malformed = await svc.request('POST', '/auth/verify-email', { token: 'not a token!', password: STRONG_PASSWORD });
      assertProblem(malformed, 400, 'request.invalid');
      assert.ok(
        malformed.body.errors.some((e: { field: string }) => e.field === '/token'),
        "expected malformed.body.errors.some((e: { field: string }) => e.field === '/token')",
      );
      assert.equal((await userRow(email))!.email_verified_at, null);
    });

    test('a verification link expires after 24 hours', async () => {
      const { email, password, token } = await signUpUnverified();
      svc.clock.advance(24 * HOUR + MINUTE);
      assertProblem(await svc.request('POST', '/auth/verify-email', { token, password: STRONG_PASSWORD }), 400, 'token.invalid');
      assert.equal((await userRow(email))!.email_verified_at, null);
      assertProblem(await svc.request('POST', '/auth/login', { email, password }), 403, 'auth.email_not_verified');
    });

    test('a verification link works until just before 24 hours', async () => {
      const { email, token } = await signUpUnverified();
      svc.clock.advance(24 * HOUR - MINUTE);
      assert.equal((await svc.request('POST', '/auth/verify-email', { token, password: STRONG_PASSWORD })).status, 200);
      assert.notEqual((await userRow(email))!.email_verified_at, null);
    });

    test('a reset link expires after 1 hour; password and sessions are unchanged', async () => {
      const u = await signUpAndLogin(svc);
      const before = await userRow(u.email);
      const token = await requestResetToken(u.email);
      svc.clock.advance(HOUR + MINUTE);
      assertProblem(
        await svc.request('POST', '/auth/password-reset/confirm', { token, password: 'Fine-New-Secret-2024' }),
        400,
        'token.invalid',
      );
      assert.equal((await userRow(u.email))!.password_hash, before!.password_hash);
      assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 200);
      assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 200);
      assert.equal(await outboxCount(u.email, 'password_changed'), 0);
    });

    test('a used link cannot be used again', async () => {
      const { email, token } = await signUpUnverified();
      assert.equal((await svc.request('POST', '/auth/verify-email', { token, password: STRONG_PASSWORD })).status, 200);
      const verifiedAt = (await userRow(email))!.email_verified_at;
      assertProblem(await svc.request('POST', '/auth/verify-email', { token, password: STRONG_PASSWORD }), 400, 'token.invalid');
      assert.deepEqual((await userRow(email))!.email_verified_at, verifiedAt);

      const reset = await requestResetToken(email);
      assert.equal(
        (await svc.request('POST', '/auth/password-reset/confirm', { token: reset, password: 'First-New-Secret-11' })).status,
        204,
      );
      const afterFirst = (await userRow(email))!.password_hash;
      assertProblem(
        await svc.request('POST', '/auth/password-reset/confirm', { token: reset, password: 'Second-New-Secret-22' }),
        400,
        'token.invalid',
      );
      assert.equal((await userRow(email))!.password_hash, afterFirst);
      assert.equal((await svc.request('POST', '/auth/login', { email, password: 'First-New-Secret-11' })).status, 200);
      assert.equal((await svc.request('POST', '/auth/login', { email, password: 'Second-New-Secret-22' })).status, 401);
    });

    test('a newer reset link kills the older one', async () => {
      const u = await signUpAndLogin(svc);
      const first = await requestResetToken(u.email);
      const second = await requestResetToken(u.email, [first]);
      assert.notEqual(first, second);
      assertProblem(
        await svc.request('POST', '/auth/password-reset/confirm', { token: first, password: 'First-New-Secret-11' }),
        400,
        'token.invalid',
      );
      assert.equal(
        (await svc.request('POST', '/auth/password-reset/confirm', { token: second, password: 'Second-New-Secret-22' })).status,
        204,
      );
    });

    test('a link is good only for its own purpose, and misuse does not burn it', async () => {
      const { email, password, token: verifyToken } = await signUpUnverified();
      const before = await userRow(email);
      assertProblem(
        await svc.request('POST', '/auth/password-reset/confirm', { token: verifyToken, password: 'Hijack-Secret-4242' }),
        400,
        'token.invalid',
      );
      assertProblem(await svc.request('POST', '/auth/confirm-email-change', { token: verifyToken }), 400, 'token.invalid');
      const mid = await userRow(email);
      assert.deepEqual(mid, before);
      assert.equal(mid!.email_verified_at, null);
      assertProblem(await svc.request('POST', '/auth/login', { email, password: 'Hijack-Secret-4242' }), 401, 'auth.invalid_credentials');

      // A reset link is no verification link and no e-mail-change link either.
      const resetToken = await requestResetToken(email);
      assertProblem(
        await svc.request('POST', '/auth/verify-email', { token: resetToken, password: STRONG_PASSWORD }),
        400,
        'token.invalid',
      );
      assertProblem(await svc.request('POST', '/auth/confirm-email-change', { token: resetToken }), 400, 'token.invalid');
      assert.deepEqual(await userRow(email), before);

      // Both links still do their own job.
      assert.equal((await svc.request('POST', '/auth/verify-email', { token: verifyToken, password })).status, 200);
      assert.equal(
        (await svc.request('POST', '/auth/password-reset/confirm', { token: resetToken, password: 'Own-Purpose-Secret-7' })).status,
        204,
      );
      assert.equal((await svc.request('POST', '/auth/login', { email, password })).status, 401);
      assert.equal((await svc.request('POST', '/auth/login', { email, password: 'Own-Purpose-Secret-7' })).status, 200);
    });

    test('an e-mail-change link is no verification or reset link', async () => {
      const u = await signUpAndLogin(svc);
      const newEmail = uniqueEmail('moving');
      assert.equal((await svc.request('POST', '/me/email-change', { newEmail, password: u.password }, { token: u.token })).status, 202);
      const token = tokenFrom(await svc.smtp.waitFor(newEmail), 'confirm-email-change');
      const before = await userRow(u.email);
      assertProblem(await svc.request('POST', '/auth/verify-email', { token, password: STRONG_PASSWORD }), 400, 'token.invalid');
      assertProblem(
        await svc.request('POST', '/auth/password-reset/confirm', { token, password: 'Hijack-Secret-4242' }),
        400,
        'token.invalid',
      );
      assert.deepEqual(await userRow(u.email), before);
      assert.equal((await svc.request('POST', '/auth/confirm-email-change', { token })).status, 200);
      assert.equal((await userRow(newEmail))!.id, before!.id);
    });
  });

  describe('hostile and broken requests', () => {
    const signupBody = (email: string) => ({ email, password: STRONG_PASSWORD, firstName: 'Mallory', lastName: 'Smuggler' });

    for (const [field, value] of [
      ['role', 'admin'],
      ['emailVerified', true],
      ['id', 'usr_0000000000000000'],
      ['constructor', 'x'],
    ] as const) {
      test(`sign-up with an unknown field "${field}" is refused naming it, and stores nothing`, async () => {
        const email = uniqueEmail('smuggler');
        const res = await svc.request('POST', '/auth/signup', { ...signupBody(email), [field]: value });
        assertProblem(res, 400, 'request.invalid');
        assert.ok(
          res.body.errors.some((e: { field: string }) => e.field === `/${field}`),
          JSON.stringify(res.body.errors),
        );
        assert.equal(await usersWithEmail(email), 0);
        assert.equal(await outboxCount(email), 0);
      });
    }

    for (const smuggled of ['{"role":"admin"}', '"x"', 'null']) {
      test(`sign-up with a "__proto__" member (${smuggled}) is refused naming it, and stores nothing`, async () => {
        const email = uniqueEmail('proto');
        const rawBody = `${JSON.stringify(signupBody(email)).slice(0, -1)},"__proto__":${smuggled}}`;
        const res = await svc.request('POST', '/auth/signup', undefined, { rawBody });
        assertProblem(res, 400, 'request.invalid');
        assert.ok(
          res.body.errors.some((e: { field: string }) => e.field === '/__proto__'),
          JSON.stringify(res.body.errors),
        );
        assert.equal(await usersWithEmail(email), 0);
      });
    }

    test('a "constructor.prototype" member is refused naming it', async () => {
      const email = uniqueEmail('ctor');
      const rawBody = `${JSON.stringify(signupBody(email)).slice(0, -1)},"constructor":{"prototype":{"role":"admin"}}}`;
      const res = await svc.request('POST', '/auth/signup', undefined, { rawBody });
      assertProblem(res, 400, 'request.invalid');
      assert.ok(
        res.body.errors.some((e: { field: string }) => e.field === '/constructor'),
        JSON.stringify(res.body.errors),
      );
      assert.equal(await usersWithEmail(email), 0);
    });

    // The parser skips its walk for a body whose text names neither member: a name spelled with
    // \u escapes must still be found.
    for (const [name, field] of [
      ['\\u005f_proto__', '/__proto__'],
      ['constru\\u0063tor', '/constructor'],
    ] as const) {
      test(`a member named ${name} (escaped) is refused as ${field}`, async () => {
        const email = uniqueEmail('escaped');
        const rawBody = `${JSON.stringify(signupBody(email)).slice(0, -1)},"${name}":{"prototype":{"role":"admin"}}}`;
        const res = await svc.request('POST', '/auth/signup', undefined, { rawBody });
        assertProblem(res, 400, 'request.invalid');
        assert.ok(
          res.body.errors.some((e: { field: string }) => e.field === field),
          `expected an error naming ${field}: ${JSON.stringify(res.body.errors)}`,
        );
        assert.equal(await usersWithEmail(email), 0);
      });
    }

    test('PATCH /me with unknown fields changes nothing', async () => {
      const u = await signUpAndLogin(svc);
      const before = await userRow(u.email);
      for (const [field, value] of [
        ['email', uniqueEmail()],
        ['emailVerified', false],
        ['id', 'usr_x'],
        ['role', 'admin'],
      ] as const) {
        const res = await svc.request('PATCH', '/me', { firstName: 'Changed', [field]: value }, { token: u.token });
        assertProblem(res, 400, 'request.invalid');
        assert.ok(
          res.body.errors.some((e: { field: string }) => e.field === `/${field}`),
          `the refusal names the field /${field}: ${JSON.stringify(res.body.errors)}`,
        );
      }
      const proto = await svc.request('PATCH', '/me', undefined, {
        token: u.token,
        rawBody: '{"firstName":"Changed","__proto__":{"lastName":"Evil"}}',
      });
      assertProblem(proto, 400, 'request.invalid');
      assert.ok(
        proto.body.errors.some((e: { field: string }) => e.field === '/__proto__'),
        "expected proto.body.errors.some((e: { field: string }) => e.field === '/__proto__')",
      );
      assert.deepEqual(await userRow(u.email), before);
      assert.equal(({} as Record<string, unknown>).lastName, undefined, 'Object.prototype was polluted');
    });

    test('a NUL or other control character in an address is request.invalid on every endpoint, never a 500', async () => {
      const u = await signUpAndLogin(svc);
      for (const bad of [
        `nul\u0000${randomUUID().slice(0, 8)}@example.com`,
        `ctl\u0001${randomUUID().slice(0, 8)}@example.com`,
        `del\u007f${randomUUID().slice(0, 8)}@example.com`,
      ]) {
        const calls: [string, string, unknown, string][] = [
          ['POST', '/auth/signup', { email: bad, password: STRONG_PASSWORD, firstName: 'Nul', lastName: 'Byte' }, '/email'],
          ['POST', '/auth/login', { email: bad, password: STRONG_PASSWORD }, '/email'],
          ['POST', '/auth/password-reset', { email: bad }, '/email'],
          ['POST', '/auth/resend-verification', { email: bad }, '/email'],
        ];
        for (const [method, path, body, field] of calls) {
          const res = await svc.request(method, path, body);
          assertProblem(res, 400, 'request.invalid');
          assert.ok(
            res.body.errors.some((e: { field: string }) => e.field === field),
            `${path}: ${res.raw.body}`,
          );
        }
        const change = await svc.request('POST', '/me/email-change', { newEmail: bad, password: u.password }, { token: u.token });
        assertProblem(change, 400, 'request.invalid');
        assert.ok(
          change.body.errors.some((e: { field: string }) => e.field === '/newEmail'),
          "expected change.body.errors.some((e: { field: string }) => e.field === '/newEmail')",
        );
      }
      // The refused e-mail change did not sign the user out.
      assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 200);
    });

    test('a NUL or other control character in a name is request.invalid, never a 500', async () => {
      const email = uniqueEmail('ctlname');
      for (const [firstName, lastName, field] of [
        ['Nu\u0000l', 'Byte', '/firstName'],
        ['Line', 'Br\neak', '/lastName'],
        ['\u0007Bell', 'Ok', '/firstName'],
      ] as const) {
        const res = await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName, lastName });
        assertProblem(res, 400, 'request.invalid');
        assert.ok(
          res.body.errors.some((e: { field: string }) => e.field === field),
          res.raw.body,
        );
      }
      assert.equal(await usersWithEmail(email), 0);
      const u = await signUpAndLogin(svc);
      const before = await userRow(u.email);
      const patch = await svc.request('PATCH', '/me', { firstName: 'Fine', lastName: 'Nu\u0000l' }, { token: u.token });
      assertProblem(patch, 400, 'request.invalid');
      assert.ok(
        patch.body.errors.some((e: { field: string }) => e.field === '/lastName'),
        "expected patch.body.errors.some((e: { field: string }) => e.field === '/lastName')",
      );
      assert.deepEqual(await userRow(u.email), before);
      // Letters from any script, apostrophes and hyphens stay welcome.
      const ok = await svc.request('PATCH', '/me', { firstName: 'Zoë-Anne', lastName: "O'Brien 李" }, { token: u.token });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.user.lastName, "O'Brien 李");
    });

    test('malformed and empty JSON are request.malformed_json', async () => {
      const email = uniqueEmail('broken');
      assertProblem(
        await svc.request('POST', '/auth/signup', undefined, { rawBody: `{"email":"${email}","password":` }),
        400,
        'request.malformed_json',
      );
      assertProblem(await svc.request('POST', '/auth/login', undefined, { rawBody: "{'email':'x'}" }), 400, 'request.malformed_json');
      assertProblem(await svc.request('POST', '/auth/login', undefined, { rawBody: '' }), 400, 'request.malformed_json');
      // A charset parameter is fine: the same body is parsed and reaches the credentials check.
      const withCharset = await svc.request('POST', '/auth/login', undefined, {
        rawBody: JSON.stringify({ email: uniqueEmail('charset'), password: 'Wrong-Password-123' }),
        contentType: 'application/json; charset=utf-8',
      });
      assertProblem(withCharset, 401, 'auth.invalid_credentials');
      assert.equal(await usersWithEmail(email), 0);
    });

    test('a JSON document of the wrong shape is request.invalid', async () => {
      assertProblem(await svc.request('POST', '/auth/login', undefined, { rawBody: '[]' }), 400, 'request.invalid');
      const missing = await svc.request('POST', '/auth/login', { email: uniqueEmail() });
      assertProblem(missing, 400, 'request.invalid');
      assert.ok(
        missing.body.errors.some((e: { field: string }) => e.field === '/password'),
        "expected missing.body.errors.some((e: { field: string }) => e.field === '/password')",
      );
      const wrongType = await svc.request('POST', '/auth/login', { email: uniqueEmail(), password: 12345678901 });
      assertProblem(wrongType, 400, 'request.invalid');
    });

    test('a text/plain body is 415 and stores nothing', async () => {
      const email = uniqueEmail('plain');
      const res = await svc.request('POST', '/auth/signup', undefined, {
        rawBody: JSON.stringify(signupBody(email)),
        contentType: 'text/plain',
      });
      assertProblem(res, 415, 'request.unsupported_media_type');
      const form = await svc.request('POST', '/auth/signup', undefined, {
        rawBody: `email=${encodeURIComponent(email)}`,
        contentType: 'application/x-www-form-urlencoded',
      });
      assertProblem(form, 415, 'request.unsupported_media_type');
      assert.equal(await usersWithEmail(email), 0);
    });

    test('a body over the limit (64 KiB) is 413 request.too_large and stores nothing', async () => {
      const email = uniqueEmail('large');
      const res = await svc.request('POST', '/auth/signup', { ...signupBody(email), lastName: 'x'.repeat(70 * 1024) });
      assertProblem(res, 413, 'request.too_large');
      assert.equal(await usersWithEmail(email), 0);
      // Just under the limit is parsed (and then refused by the schema, not by the size).
      const near = await svc.request('POST', '/auth/signup', { ...signupBody(email), lastName: 'x'.repeat(60 * 1024) });
      assertProblem(near, 400, 'request.invalid');
    });

    test('an unknown route is 404 request.not_found', async () => {
      assertProblem(await svc.request('GET', '/no-such-route'), 404, 'request.not_found');
      assertProblem(await svc.request('POST', '/auth/no-such-thing', { a: 1 }), 404, 'request.not_found');
      assertProblem(await svc.request('GET', '/api/v2/me'), 404, 'request.not_found');
    });

    test('a missing, malformed or unknown credential is 401', async () => {
      assertProblem(await svc.request('GET', '/me'), 401, 'auth.unauthenticated');
      for (const authorization of [
        'Bearer',
        'Bearer ',
        'Bearer short',
        'Bearer <script>alert(1)</script>xxxxxxxx',
        'Basic dXNlcjpwYXNz',
        'garbage',
        `Bearer ${randomToken()}`,
        `Bearer ${randomToken()} extra`,
      ]) {
        assertProblem(await svc.request('GET', '/me', undefined, { headers: { authorization } }), 401, 'auth.unauthenticated');
      }
      assertProblem(
        await svc.request('GET', '/me', undefined, { cookie: `gatehouse_session=${randomToken()}` }),
        401,
        'auth.unauthenticated',
      );
      assertProblem(
        await svc.request('PUT', '/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'Brand-New-Secret-99' }),
        401,
        'auth.unauthenticated',
      );
      // A session token of a real user with one character changed is just as unknown.
      const u = await signUpAndLogin(svc);
      const flipped = `${u.token.slice(0, -1)}${u.token.endsWith('A') ? 'B' : 'A'}`;
      assertProblem(await svc.request('GET', '/me', undefined, { token: flipped }), 401, 'auth.unauthenticated');
    });
  });

  describe('session expiry', () => {
    test('an idle session dies after SESSION_IDLE_TTL (8h); activity keeps it alive', async () => {
      const u = await signUpAndLogin(svc);
      svc.clock.advance(8 * HOUR - 10 * MINUTE);
      assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 200);
      svc.clock.advance(8 * HOUR - 10 * MINUTE);
      assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 200);
      svc.clock.advance(8 * HOUR + MINUTE);
      assertProblem(await svc.request('GET', '/me', undefined, { token: u.token }), 401, 'auth.unauthenticated');
      const rows = await svc.gatehouse.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [u.userId]);
      assert.equal(rows.length, 0);
      // Going back in time is impossible, but signing in again works.
      assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 200);
    });
  });

  describe('no answer tells whether an address has an account', () => {
    test('login: wrong password and unknown address answer alike', async () => {
      const u = await signUpAndLogin(svc);
      const known = await svc.request('POST', '/auth/login', { email: u.email, password: 'Wrong-Password-123' });
      const unknown = await svc.request('POST', '/auth/login', { email: uniqueEmail('nobody'), password: 'Wrong-Password-123' });
      assertProblem(known, 401, 'auth.invalid_credentials');
      assert.deepEqual(observable(known), observable(unknown));
      assert.equal(known.raw.body.length, unknown.raw.body.length);
      assert.equal(known.headers['set-cookie'], undefined);
    });

    test('sign-up: a taken address answers like a free one; its owner gets a notice, nothing changes', async () => {
      const owner = await signUpAndLogin(svc, { firstName: 'Olga' });
      const before = await userRow(owner.email);
      const freeEmail = uniqueEmail('free');
      const free = await svc.request('POST', '/auth/signup', {
        email: freeEmail,
        password: 'Other-Secret-Pass-9',
        firstName: 'Fred',
        lastName: 'Free',
      });
      const taken = await svc.request('POST', '/auth/signup', {
        email: owner.email.toUpperCase(),
        password: 'Other-Secret-Pass-9',
        firstName: 'Tom',
        lastName: 'Taker',
      });
      assert.equal(free.status, 202);
      assert.deepEqual(observable(taken), observable(free));
      assert.deepEqual(taken.body, { status: 'verification_sent' });

      const notice = await svc.smtp.waitFor(owner.email, (m) => m.subject === 'You already have an account');
      assert.match(notice.text, /Olga/);
      assert.doesNotMatch(notice.text, /token=/);
      await svc.smtp.waitFor(freeEmail, (m) => m.subject === 'Confirm your e-mail address');
      assert.deepEqual(await userRow(owner.email), before);
      assert.equal(await usersWithEmail(owner.email), 1);
      assert.equal(await outboxCount(owner.email, 'verify_email'), 1, 'only the original verification mail');
      assert.equal((await svc.request('POST', '/auth/login', { email: owner.email, password: 'Other-Secret-Pass-9' })).status, 401);
      assert.equal((await svc.request('POST', '/auth/login', { email: owner.email, password: owner.password })).status, 200);
    });

    test('password-reset: known and unknown addresses answer alike; only the owner gets mail', async () => {
      const u = await signUpAndLogin(svc);
      const nobody = uniqueEmail('nobody');
      const known = await svc.request('POST', '/auth/password-reset', { email: u.email });
      const unknown = await svc.request('POST', '/auth/password-reset', { email: nobody });
      assert.equal(known.status, 202);
      assert.deepEqual(observable(known), observable(unknown));
      await svc.smtp.waitFor(u.email, (m) => m.subject === 'Reset your password');
      await svc.flushMail();
      assert.equal(svc.smtp.to(nobody).length, 0);
      assert.equal(await outboxCount(nobody), 0);
    });

    test('resend-verification: unverified, verified and unknown addresses answer alike', async () => {
      const unverified = await signUpUnverified();
      const verified = await signUpAndLogin(svc);
      const nobody = uniqueEmail('nobody');
      const a = await svc.request('POST', '/auth/resend-verification', { email: unverified.email });
      const b = await svc.request('POST', '/auth/resend-verification', { email: verified.email });
      const c = await svc.request('POST', '/auth/resend-verification', { email: nobody });
      assert.equal(a.status, 202);
      assert.deepEqual(observable(b), observable(a));
      assert.deepEqual(observable(c), observable(a));
      await svc.flushMail();
      assert.equal(await outboxCount(unverified.email, 'verify_email'), 2);
      assert.equal(await outboxCount(verified.email, 'verify_email'), 1);
      assert.equal(await outboxCount(nobody), 0);
      assert.equal(svc.smtp.to(nobody).length, 0);
    });

    test('an invalid address is refused the same way whether or not it could exist', async () => {
      for (const path of ['/auth/password-reset', '/auth/resend-verification']) {
        const res = await svc.request('POST', path, { email: `not-an-address-${randomUUID()}` });
        assertProblem(res, 400, 'request.invalid');
        assert.ok(
          res.body.errors.some((e: { field: string }) => e.field === '/email'),
          "expected res.body.errors.some((e: { field: string }) => e.field === '/email')",
        );
      }
    });
  });
});

// Services with other settings run after the default one has closed: on a shared PostgreSQL
// database two live services share one outbox, and one's mail worker could deliver (to its own
// SMTP catcher) a mail the other's test is waiting for.
describe('session expiry with SESSION_IDLE_TTL=1h and SESSION_MAX_AGE=2h', () => {
  let short: TestService;
  before(async () => {
    short = await startTestService({ SESSION_IDLE_TTL: '1h', SESSION_MAX_AGE: '2h' });
  });
  after(async () => {
    await short?.close();
  });

  test('a session kept busy every 50 minutes still dies at its absolute age', async () => {
    const u = await signUpAndLogin(short);
    const loginAt = short.clock.now().getTime();
    const login = await short.request('POST', '/auth/login', { email: u.email, password: u.password });
    assert.equal(login.status, 200);
    // The answer announces the idle limit, the nearer of the two.
    const expiresIn = Date.parse(login.body.expiresAt) - loginAt;
    assert.ok(expiresIn > 55 * MINUTE && expiresIn <= 61 * MINUTE, `expiresAt ${login.body.expiresAt}`);
    const token = login.body.token as string;
    short.clock.advance(50 * MINUTE);
    assert.equal((await short.request('GET', '/me', undefined, { token })).status, 200);
    short.clock.advance(50 * MINUTE);
    assert.equal((await short.request('GET', '/me', undefined, { token })).status, 200);
    short.clock.advance(50 * MINUTE);
    assertProblem(await short.request('GET', '/me', undefined, { token }), 401, 'auth.unauthenticated');
    // The sign-up's own session, never touched since, is past both limits as well.
    assertProblem(await short.request('GET', '/me', undefined, { token: u.token }), 401, 'auth.unauthenticated');
    const rows = await short.gatehouse.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [u.userId]);
    assert.equal(rows.length, 0, 'dead sessions are removed when presented');
  });

  test('a session left alone for more than 1h dies', async () => {
    const u = await signUpAndLogin(short);
    short.clock.advance(61 * MINUTE);
    assertProblem(await short.request('GET', '/me', undefined, { token: u.token }), 401, 'auth.unauthenticated');
  });
});

describe('session expiry with a short SESSION_IDLE_TTL=30s', () => {
  let brief: TestService;
  before(async () => {
    brief = await startTestService({ SESSION_IDLE_TTL: '30s', SESSION_MAX_AGE: '1h' });
  });
  after(async () => {
    await brief?.close();
  });

  test('a request every 20 seconds keeps the session alive; 30 idle seconds end it', async () => {
    const u = await signUpAndLogin(brief);
    for (let i = 1; i <= 9; i++) {
      brief.clock.advance(20_000);
      const res = await brief.request('GET', '/me', undefined, { token: u.token });
      assert.equal(res.status, 200, `request ${i}, ${i * 20}s after sign-in`);
    }
    brief.clock.advance(30_000);
    assertProblem(await brief.request('GET', '/me', undefined, { token: u.token }), 401, 'auth.unauthenticated');
  });
});
