// Second factors over HTTP: enrolling an authenticator app (TOTP), signing in with it or with a
// recovery code, replay and guessing refused, and turning factors off only with the password and
// a current factor. Codes come from the service's clock, moved to the start of a 30-second step.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signUpAndLogin, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { alignToStep, codeNow, STEP_MS } from '../support/totp.js';

let svc: TestService;
before(async () => {
  svc = await startTestService({ LOGIN_MAX_ATTEMPTS: '10' });
});
after(async () => {
  await svc?.close();
});

/** A signed-up user with the authenticator app enabled: its secret and recovery codes. */
async function withTotp(u?: SignedUpUser) {
  const user = u ?? (await signUpAndLogin(svc));
  alignToStep(svc);
  const start = await svc.request('POST', '/me/mfa/totp', undefined, { token: user.token });
  assert.equal(start.status, 200, JSON.stringify(start.body));
  const confirm = await svc.request('POST', '/me/mfa/totp/confirm', { code: codeNow(svc, start.body.secret) }, { token: user.token });
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  // The code just used is spent: the next test code comes from the next step.
  svc.clock.advance(STEP_MS);
  return { user, secret: start.body.secret as string, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

async function passwordStep(u: SignedUpUser, ip?: string) {
  const res = await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, ip ? { ip } : {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res;
}

describe('enrolling an authenticator app', () => {
  test('the secret comes as text, URI and QR code; a first code enables it and returns 10 recovery codes once', async () => {
    const u = await signUpAndLogin(svc);
    const me0 = await svc.request('GET', '/me', undefined, { token: u.token });
    assert.deepEqual(me0.body.mfa, { totp: false, passkeys: 0, recoveryCodesLeft: 0 }, 'no factor at sign-up');

    alignToStep(svc);
    const start = await svc.request('POST', '/me/mfa/totp', undefined, { token: u.token });
    assert.equal(start.status, 200);
    assert.match(start.body.secret, /^[A-Z2-7]{32}$/, 'a 160-bit base32 secret');
    assert.match(start.body.otpauthUri, /^otpauth:\/\/totp\/Gatehouse:.+\?.*secret=/, 'an otpauth URI');
    assert.match(start.body.otpauthUri, /period=30/, 'of 30-second steps');
    assert.match(start.body.qrSvg, /^<svg[\s\S]*<\/svg>\s*$/, 'an SVG QR code');

    const stored = await svc.gatehouse.db.query<{ secret_sealed: string }>('SELECT secret_sealed FROM user_totp WHERE user_id = $1', [
      u.userId,
    ]);
    assert.equal(stored.length, 1, 'a pending enrolment is stored');
    assert.ok(!stored[0]!.secret_sealed.includes(start.body.secret), 'the database does not hold the secret in the clear');

    const wrong = await svc.request(
      'POST',
      '/me/mfa/totp/confirm',
      { code: '000000' === codeNow(svc, start.body.secret) ? '111111' : '000000' },
      { token: u.token },
    );
    assert.equal(wrong.status, 400, 'a wrong first code is refused');
    assert.equal(wrong.body.code, 'mfa.code_invalid');
    assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).body.mfa.totp, false, 'not enabled by a wrong code');

    const ok = await svc.request('POST', '/me/mfa/totp/confirm', { code: codeNow(svc, start.body.secret) }, { token: u.token });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.recoveryCodes.length, 10, 'ten recovery codes');
    assert.equal(new Set(ok.body.recoveryCodes).size, 10, 'all different');
    for (const c of ok.body.recoveryCodes) assert.match(c, /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/, 'xxxx-xxxx-xxxx-xxxx');
    const hashes = await svc.gatehouse.db.query<{ code_hash: string }>('SELECT code_hash FROM user_recovery_codes WHERE user_id = $1', [
      u.userId,
    ]);
    assert.equal(hashes.length, 10, 'ten stored');
    assert.ok(
      hashes.every((h) => !ok.body.recoveryCodes.some((c: string) => h.code_hash.includes(c.replace(/-/g, '')))),
      'stored hashed, not in the clear',
    );

    const me = await svc.request('GET', '/me', undefined, { token: u.token });
    assert.deepEqual(me.body.mfa, { totp: true, passkeys: 0, recoveryCodesLeft: 10 }, 'GET /me says which factors are set');
    const again = await svc.request('POST', '/me/mfa/totp', undefined, { token: u.token });
    assert.equal(again.status, 409, 'no second app over an enabled one');
    assert.equal(again.body.code, 'mfa.totp_already_enabled');

    const mail = await svc.smtp.waitFor(u.email, (m) => m.subject === 'The second factors of your account changed');
    assert.match(mail.text, /authenticator app was set up/, 'the person is mailed');
    const audit = await svc.request('GET', `/orgs/${u.activeOrganizationId}/audit-events?action=member.mfa_changed`, undefined, {
      token: u.token,
    });
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    assert.equal(audit.body.items[0]?.details?.change, 'totp_enabled', 'the change is audited in the organization');
  });

  test('recovery codes are never replayed for an Idempotency-Key', async () => {
    const u = await signUpAndLogin(svc);
    alignToStep(svc);
    const start = await svc.request('POST', '/me/mfa/totp', undefined, { token: u.token });
    const body = { code: codeNow(svc, start.body.secret) };
    const headers = { 'idempotency-key': 'confirm-once' };
    const first = await svc.request('POST', '/me/mfa/totp/confirm', body, { token: u.token, headers });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const replay = await svc.request('POST', '/me/mfa/totp/confirm', body, { token: u.token, headers });
    assert.equal(replay.status, 409, 'the retry does not get the codes again');
    assert.equal(replay.body.code, 'idempotency.secret_not_replayed');
    assert.deepEqual(replay.body.secretFields, ['recoveryCodes']);
    assert.equal(replay.body.location, '/api/v1/me', 'where to read how many are left');
    svc.clock.advance(STEP_MS);
  });

  test('confirming without an enrolment started is 409', async () => {
    const u = await signUpAndLogin(svc);
    const res = await svc.request('POST', '/me/mfa/totp/confirm', { code: '123456' }, { token: u.token });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'mfa.totp_not_started');
  });
});

describe('signing in with a second factor', () => {
  test('the right password answers mfaRequired and no session; a code finishes the sign-in', async () => {
    const { user, secret } = await withTotp();
    const first = await passwordStep(user);
    assert.equal(first.body.mfaRequired, true);
    assert.deepEqual(first.body.methods, ['totp', 'recovery_code']);
    assert.equal(first.body.token, undefined, 'no session token yet');
    assert.equal(first.headers['set-cookie'], undefined, 'no session cookie yet');
    assert.equal((await svc.request('GET', '/me', undefined, { token: first.body.mfaToken })).status, 401, 'the mfaToken is no session');

    const done = await svc.request('POST', '/auth/login/mfa', { mfaToken: first.body.mfaToken, code: codeNow(svc, secret) });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.match(String(done.headers['set-cookie']), /gatehouse_session=/, 'the cookie is set');
    assert.equal((await svc.request('GET', '/me', undefined, { token: done.body.token })).body.user.id, user.userId);
    const [session] = await svc.gatehouse.db.query<{ amr: string[] }>(
      'SELECT amr FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [user.userId],
    );
    assert.deepEqual(session!.amr, ['pwd', 'otp'], 'the session was signed in with a password and a one-time code');

    const reused = await svc.request('POST', '/auth/login/mfa', { mfaToken: first.body.mfaToken, code: codeNow(svc, secret) });
    assert.equal(reused.status, 401, 'an mfaToken signs in once');
    assert.equal(reused.body.code, 'auth.mfa_token_invalid');
  });

  test('a code is accepted once: replay in the same window is refused, even from parallel requests', async () => {
    const { user, secret } = await withTotp();
    const code = codeNow(svc, secret);
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push((await passwordStep(user)).body.mfaToken as string);
    const answers = await Promise.all(tokens.map((mfaToken) => svc.request('POST', '/auth/login/mfa', { mfaToken, code })));
    assert.equal(answers.filter((a) => a.status === 200).length, 1, `exactly one sign-in with the code: ${answers.map((a) => a.status)}`);
    assert.ok(
      answers.filter((a) => a.status !== 200).every((a) => a.body.code === 'auth.invalid_second_factor'),
      'the others are wrong second factors',
    );
    // The previous step's code is older than the one accepted: refused too.
    const older = await svc.request('POST', '/auth/login/mfa', {
      mfaToken: (await passwordStep(user)).body.mfaToken,
      code: codeNow(svc, secret, -1),
    });
    assert.equal(older.status, 401, 'an older code after a newer one is refused');
    const next = await svc.request('POST', '/auth/login/mfa', {
      mfaToken: (await passwordStep(user)).body.mfaToken,
      code: codeNow(svc, secret, 1),
    });
    assert.equal(next.status, 200, "the next step's code (clock drift, one step) is accepted");
  });

  test('a recovery code signs in once', async () => {
    const { user, recoveryCodes } = await withTotp();
    const code = recoveryCodes[3]!;
    const ok = await svc.request('POST', '/auth/login/mfa', {
      mfaToken: (await passwordStep(user)).body.mfaToken,
      recoveryCode: code.toUpperCase(),
    });
    assert.equal(ok.status, 200, `case does not matter: ${JSON.stringify(ok.body)}`);
    const again = await svc.request('POST', '/auth/login/mfa', { mfaToken: (await passwordStep(user)).body.mfaToken, recoveryCode: code });
    assert.equal(again.status, 401, 'a recovery code works once');
    assert.equal(again.body.code, 'auth.invalid_second_factor');
    const me = await svc.request('GET', '/me', undefined, { token: ok.body.token });
    assert.equal(me.body.mfa.recoveryCodesLeft, 9, 'one code used up');
  });

  test('an mfaToken takes 5 tries and lives 5 minutes; exactly one proof is given', async () => {
    const { user, secret } = await withTotp();
    const { mfaToken } = (await passwordStep(user)).body;
    const both = await svc.request('POST', '/auth/login/mfa', { mfaToken, code: '123456', recoveryCode: 'aaaa-bbbb-cccc-dddd' });
    assert.equal(both.status, 400, 'two proofs at once are refused');
    const none = await svc.request('POST', '/auth/login/mfa', { mfaToken });
    assert.equal(none.status, 400, 'no proof is refused');
    const wrongCode = codeNow(svc, secret) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await svc.request('POST', '/auth/login/mfa', { mfaToken, code: wrongCode });
      assert.equal(r.body.code, 'auth.invalid_second_factor', `try ${i + 1} is checked`);
    }
    const sixth = await svc.request('POST', '/auth/login/mfa', { mfaToken, code: codeNow(svc, secret) });
    assert.equal(sixth.status, 401, 'even the right code after 5 tries');
    assert.equal(sixth.body.code, 'auth.mfa_token_invalid');

    const late = (await passwordStep(user, '10.9.0.1')).body.mfaToken;
    svc.clock.advance(5 * 60_000 + 1000);
    const expired = await svc.request('POST', '/auth/login/mfa', { mfaToken: late, code: codeNow(svc, secret) }, { ip: '10.9.0.1' });
    assert.equal(expired.body.code, 'auth.mfa_token_invalid', 'expired after 5 minutes');
  });

  test('100 parallel wrong codes: none succeeds, and no more are checked than the throttle allows', async () => {
    const { user, secret } = await withTotp();
    const ip = '10.77.0.1';
    const right = codeNow(svc, secret);
    // Whoever knows the password gets at most LOGIN_MAX_ATTEMPTS (10) tries per network and window,
    // password steps and codes together: a right password does not reset the count while a factor is pending.
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await svc.request('POST', '/auth/login', { email: user.email, password: user.password }, { ip });
      if (r.status === 200) tokens.push(r.body.mfaToken);
      else assert.equal(r.body.code, 'auth.throttled', 'password steps beyond the limit are throttled');
    }
    assert.ok(tokens.length <= 10, `at most 10 password steps pass: ${tokens.length}`);
    const guesses = Array.from({ length: 100 }, (_, i) => String((Number(right) + 1 + i * 7919) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(
      guesses.map((code, i) => svc.request('POST', '/auth/login/mfa', { mfaToken: tokens[i % tokens.length], code }, { ip })),
    );
    assert.equal(answers.filter((a) => a.status === 200).length, 0, 'no guess succeeds');
    const checked = answers.filter((a) => a.body.code === 'auth.invalid_second_factor').length;
    assert.equal(checked, 0, `the password steps used up the network's budget: nothing was checked (${checked})`);
    assert.ok(
      answers.every((a) => ['auth.throttled', 'auth.mfa_token_invalid', 'auth.invalid_second_factor'].includes(a.body.code)),
      'every answer is a refusal',
    );
  });

  test('parallel wrong codes from a fresh network: at most the throttle budget is checked', async () => {
    const { user, secret } = await withTotp();
    const ip = '10.78.0.1';
    const { mfaToken } = (await passwordStep(user, ip)).body;
    const right = codeNow(svc, secret);
    const guesses = Array.from({ length: 100 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((code) => svc.request('POST', '/auth/login/mfa', { mfaToken, code }, { ip })));
    assert.equal(answers.filter((a) => a.status === 200).length, 0, 'no guess succeeds');
    const checked = answers.filter((a) => a.body.code === 'auth.invalid_second_factor').length;
    assert.ok(checked <= 5, `one mfaToken: at most 5 codes checked (${checked})`);
  });

  test('a password change ends the sign-ins waiting for their second factor', async () => {
    const { user, secret } = await withTotp();
    const { mfaToken } = (await passwordStep(user, '10.6.0.1')).body;
    const changed = await svc.request(
      'PUT',
      '/me/password',
      { currentPassword: user.password, newPassword: 'Another-Battery-77-Staple' },
      { token: user.token },
    );
    assert.equal(changed.status, 204, JSON.stringify(changed.body));
    const late = await svc.request('POST', '/auth/login/mfa', { mfaToken, code: codeNow(svc, secret) }, { ip: '10.6.0.1' });
    assert.equal(late.status, 401, "the old password's pending sign-in is over");
    assert.equal(late.body.code, 'auth.mfa_token_invalid');
  });

  test('before the password is right, accounts with and without a factor answer alike', async () => {
    const { user } = await withTotp();
    const plain = await signUpAndLogin(svc);
    const a = await svc.request('POST', '/auth/login', { email: user.email, password: 'Wrong-Password-123' }, { ip: '10.5.0.1' });
    const b = await svc.request('POST', '/auth/login', { email: plain.email, password: 'Wrong-Password-123' }, { ip: '10.5.0.2' });
    assert.equal(a.status, b.status, 'same status');
    assert.deepEqual(
      { ...a.body, instance: undefined, requestId: undefined },
      { ...b.body, instance: undefined, requestId: undefined },
      'same problem',
    );
  });
});

describe('turning factors off and new recovery codes', () => {
  test('need the password and a current factor', async () => {
    const { user, secret, recoveryCodes } = await withTotp();
    const bare = await svc.request('DELETE', '/me/mfa/totp', {}, { token: user.token });
    assert.equal(bare.status, 403, 'nothing given');
    assert.equal(bare.body.code, 'auth.reauthentication_required');
    const onlyPassword = await svc.request('DELETE', '/me/mfa/totp', { password: user.password }, { token: user.token });
    assert.equal(onlyPassword.body.code, 'auth.reauthentication_required', 'the password alone is not enough');
    const wrongPassword = await svc.request(
      'DELETE',
      '/me/mfa/totp',
      { password: 'Not-The-Password-1', code: codeNow(svc, secret) },
      { token: user.token },
    );
    assert.equal(wrongPassword.body.code, 'auth.wrong_password');
    const wrongCode = codeNow(svc, secret) === '000000' ? '111111' : '000000';
    const wrongFactor = await svc.request('DELETE', '/me/mfa/totp', { password: user.password, code: wrongCode }, { token: user.token });
    assert.equal(wrongFactor.status, 403);
    assert.equal(wrongFactor.body.code, 'auth.wrong_second_factor');

    const fresh = await svc.request(
      'POST',
      '/me/mfa/recovery-codes',
      { password: user.password, recoveryCode: recoveryCodes[0] },
      { token: user.token },
    );
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    assert.equal(fresh.body.recoveryCodes.length, 10);
    const old = await svc.request('POST', '/auth/login/mfa', {
      mfaToken: (await passwordStep(user)).body.mfaToken,
      recoveryCode: recoveryCodes[1],
    });
    assert.equal(old.status, 401, 'earlier recovery codes stop working');

    const off = await svc.request('DELETE', '/me/mfa/totp', { password: user.password, code: codeNow(svc, secret) }, { token: user.token });
    assert.equal(off.status, 204, JSON.stringify(off.body));
    const me = await svc.request('GET', '/me', undefined, { token: user.token });
    assert.deepEqual(me.body.mfa, { totp: false, passkeys: 0, recoveryCodesLeft: 0 }, 'the last factor takes the recovery codes with it');
    const login = await passwordStep(user);
    assert.ok(login.body.token, 'the password alone signs in again');
    const offAgain = await svc.request('DELETE', '/me/mfa/totp', { password: user.password, code: '123456' }, { token: user.token });
    assert.equal(offAgain.body.code, 'mfa.no_factor');
    const noCodes = await svc.request('POST', '/me/mfa/recovery-codes', { password: user.password, code: '123456' }, { token: user.token });
    assert.equal(noCodes.body.code, 'mfa.no_factor', 'no recovery codes without a factor');
  });
});

describe('deleting the account with a second factor', () => {
  test('needs the password and a current factor; a wrong one leaves the account as it was', async () => {
    const { user, secret, recoveryCodes } = await withTotp();
    const onlyPassword = await svc.request('DELETE', '/me', { password: user.password }, { token: user.token });
    assert.equal(onlyPassword.status, 403, 'the password alone does not delete an account with a factor');
    assert.equal(onlyPassword.body.code, 'auth.reauthentication_required');
    const wrongPassword = await svc.request(
      'DELETE',
      '/me',
      { password: 'Not-The-Password-1', code: codeNow(svc, secret) },
      { token: user.token },
    );
    assert.equal(wrongPassword.body.code, 'auth.wrong_password', 'the password is checked first');
    const wrongCode = codeNow(svc, secret) === '000000' ? '111111' : '000000';
    const wrongFactor = await svc.request('DELETE', '/me', { password: user.password, code: wrongCode }, { token: user.token });
    assert.equal(wrongFactor.status, 403);
    assert.equal(wrongFactor.body.code, 'auth.wrong_second_factor');
    const badShape = await svc.request('DELETE', '/me', { password: user.password, code: 'abc' }, { token: user.token });
    assert.equal(badShape.status, 400, 'a code that is not 6 digits is refused by the schema');
    assert.equal((await svc.request('GET', '/me', undefined, { token: user.token })).status, 200, 'the account is still there');

    const deleted = await svc.request('DELETE', '/me', { password: user.password, recoveryCode: recoveryCodes[0] }, { token: user.token });
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    assert.equal((await svc.request('POST', '/auth/login', { email: user.email, password: user.password })).status, 401, 'gone');
  });

  test('the code of the authenticator app will do', async () => {
    const { user, secret } = await withTotp();
    const deleted = await svc.request('DELETE', '/me', { password: user.password, code: codeNow(svc, secret) }, { token: user.token });
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
  });

  test('without a factor the password is enough (a code given too is not looked at)', async () => {
    const user = await signUpAndLogin(svc);
    const deleted = await svc.request('DELETE', '/me', { password: user.password, code: '123456' }, { token: user.token });
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
  });
});
