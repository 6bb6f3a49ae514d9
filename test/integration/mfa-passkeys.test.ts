// Passkeys over HTTP, with a software authenticator written for these tests (no maintained one
// exists for Node; the browser tests drive Chromium's virtual authenticator through the UI):
// registering, naming, removing, signing in without a password, and as the second factor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC_URL, signUpAndLogin, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { softwareAuthenticator } from '../support/software-authenticator.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

const ORIGIN = new URL(PUBLIC_URL).origin;

async function registerPasskey(u: SignedUpUser, name = 'Laptop', authenticator = softwareAuthenticator({ origin: ORIGIN })) {
  const options = await svc.request('POST', '/me/passkeys/options', undefined, { token: u.token });
  assert.equal(options.status, 200, JSON.stringify(options.body));
  const res = await svc.request('POST', '/me/passkeys', { response: authenticator.create(options.body), name }, { token: u.token });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { authenticator, passkey: res.body.passkey, recoveryCodes: res.body.recoveryCodes as string[] | null };
}

async function assertion(authenticator: ReturnType<typeof softwareAuthenticator>, body?: unknown) {
  const options = await svc.request('POST', '/auth/passkey/options', body);
  assert.equal(options.status, 200, JSON.stringify(options.body));
  return { options: options.body, response: authenticator.get(options.body) };
}

const amrOf = async (token: string) => {
  const [row] = await svc.gatehouse.db.query<{ amr: string[] }>(
    'SELECT amr FROM sessions WHERE id = (SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1)',
  );
  assert.ok(token, 'a session token');
  return row!.amr;
};

describe('registering passkeys', () => {
  test('creation options ask for a discoverable credential with user verification, for the relying party of PUBLIC_URL', async () => {
    const u = await signUpAndLogin(svc);
    const options = await svc.request('POST', '/me/passkeys/options', undefined, { token: u.token });
    assert.equal(options.body.rp.id, 'gatehouse.test', 'the RP id is the host of PUBLIC_URL');
    assert.equal(options.body.authenticatorSelection.residentKey, 'required');
    assert.equal(options.body.authenticatorSelection.userVerification, 'required');
    assert.equal(options.body.user.name, u.email);
    assert.ok(options.body.challenge.length >= 43, 'a 256-bit challenge');
  });

  test('the first passkey brings recovery codes; more are named, listed, renamed; the session counts as two-factor', async () => {
    const u = await signUpAndLogin(svc);
    const first = await registerPasskey(u, 'Laptop');
    assert.equal(first.recoveryCodes?.length, 10, 'the first factor brings 10 recovery codes');
    assert.equal(first.passkey.name, 'Laptop');
    assert.equal(first.passkey.deviceType, 'singleDevice');
    const second = await registerPasskey(u, 'Phone', softwareAuthenticator({ origin: ORIGIN, synced: true }));
    assert.equal(second.recoveryCodes, null, 'a further factor leaves the codes as they are');
    assert.equal(second.passkey.deviceType, 'multiDevice', 'a synced passkey');

    const list = await svc.request('GET', '/me/passkeys', undefined, { token: u.token });
    assert.deepEqual(
      list.body.items.map((p: { name: string }) => p.name),
      ['Laptop', 'Phone'],
      'both listed',
    );
    const renamed = await svc.request('PATCH', `/me/passkeys/${first.passkey.id}`, { name: '  Work laptop ' }, { token: u.token });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Work laptop', 'trimmed');
    const me = await svc.request('GET', '/me', undefined, { token: u.token });
    assert.deepEqual(me.body.mfa, { totp: false, passkeys: 2, recoveryCodesLeft: 10 });
    const [session] = await svc.gatehouse.db.query<{ amr: string[] }>('SELECT amr FROM sessions WHERE user_id = $1', [u.userId]);
    assert.deepEqual(session!.amr, ['pwd', 'hwk', 'swk'], 'the session proved both passkeys');
    await svc.smtp.waitFor(u.email, (m) => m.text.includes('A passkey ("Phone") was added'));
  });

  test('a response is refused for a used or foreign challenge, a wrong origin, or without user verification', async () => {
    const u = await signUpAndLogin(svc);
    const other = await signUpAndLogin(svc);
    const authenticator = softwareAuthenticator({ origin: ORIGIN });
    const options = (await svc.request('POST', '/me/passkeys/options', undefined, { token: u.token })).body;

    const foreign = await svc.request(
      'POST',
      '/me/passkeys',
      { response: authenticator.create(options), name: 'X' },
      { token: other.token },
    );
    assert.equal(foreign.status, 400, 'another user cannot use my options');
    assert.equal(foreign.body.code, 'passkey.invalid');

    const options2 = (await svc.request('POST', '/me/passkeys/options', undefined, { token: u.token })).body;
    const phished = await svc.request(
      'POST',
      '/me/passkeys',
      { response: authenticator.create(options2, { origin: 'https://evil.example' }), name: 'X' },
      { token: u.token },
    );
    assert.equal(phished.body.code, 'passkey.invalid', 'another origin is refused');
    const used = await svc.request('POST', '/me/passkeys', { response: authenticator.create(options2), name: 'X' }, { token: u.token });
    assert.equal(used.body.code, 'passkey.invalid', 'a challenge works once, even after a failure');

    const options3 = (await svc.request('POST', '/me/passkeys/options', undefined, { token: u.token })).body;
    const noUv = softwareAuthenticator({ origin: ORIGIN, userVerification: false });
    const refused = await svc.request('POST', '/me/passkeys', { response: noUv.create(options3), name: 'X' }, { token: u.token });
    assert.equal(refused.body.code, 'passkey.invalid', 'user verification is required');

    const garbage = await svc.request('POST', '/me/passkeys', { response: { id: 'x', response: {} }, name: 'X' }, { token: u.token });
    assert.equal(garbage.status, 400, 'garbage is a 400, not a 500');
    assert.equal((await svc.request('GET', '/me/passkeys', undefined, { token: u.token })).body.items.length, 0, 'nothing registered');
  });
});

describe('signing in with a passkey', () => {
  test('without a password: a session, as a login answers, signed in with a hardware or software key', async () => {
    const u = await signUpAndLogin(svc);
    const { authenticator } = await registerPasskey(u);
    const { response } = await assertion(authenticator);
    const res = await svc.request('POST', '/auth/passkey', { response });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.user.id, u.userId);
    assert.match(String(res.headers['set-cookie']), /gatehouse_session=/);
    assert.deepEqual(await amrOf(res.body.token), ['hwk']);
    const replay = await svc.request('POST', '/auth/passkey', { response });
    assert.equal(replay.status, 401, 'a challenge signs in once');
    assert.equal(replay.body.code, 'auth.passkey_invalid');

    const synced = await registerPasskey(u, 'Phone', softwareAuthenticator({ origin: ORIGIN, synced: true }));
    const viaSynced = await svc.request('POST', '/auth/passkey', { response: (await assertion(synced.authenticator)).response });
    assert.deepEqual(await amrOf(viaSynced.body.token), ['swk'], 'a synced passkey is a software key');
  });

  test('a forged, replayed-counter or foreign-origin assertion is refused', async () => {
    const u = await signUpAndLogin(svc);
    const { authenticator } = await registerPasskey(u);
    const stranger = softwareAuthenticator({ origin: ORIGIN });
    stranger.create({ challenge: 'x', rp: { id: 'gatehouse.test' }, user: { id: 'nobody' } });
    const forged = await svc.request('POST', '/auth/passkey', { response: (await assertion(stranger)).response });
    assert.equal(forged.body.code, 'auth.passkey_invalid', 'an unknown credential');

    const options = (await svc.request('POST', '/auth/passkey/options')).body;
    const wrongOrigin = await svc.request('POST', '/auth/passkey', {
      response: authenticator.get(options, undefined, { origin: 'https://evil.example' }),
    });
    assert.equal(wrongOrigin.body.code, 'auth.passkey_invalid', 'another origin');

    assert.equal((await svc.request('POST', '/auth/passkey', { response: (await assertion(authenticator)).response })).status, 200);
    const options2 = (await svc.request('POST', '/auth/passkey/options')).body;
    const cloned = await svc.request('POST', '/auth/passkey', { response: authenticator.get(options2, undefined, { counter: 1 }) });
    assert.equal(cloned.body.code, 'auth.passkey_invalid', 'a counter that did not grow (a cloned key)');
  });

  test("as the second factor after the password, only the person's own passkeys", async () => {
    const u = await signUpAndLogin(svc);
    const { authenticator } = await registerPasskey(u);
    const other = await signUpAndLogin(svc);
    const otherKey = await registerPasskey(other);

    const login = await svc.request('POST', '/auth/login', { email: u.email, password: u.password });
    assert.equal(login.body.mfaRequired, true);
    assert.deepEqual(login.body.methods, ['passkey', 'recovery_code']);
    const { options, response } = await assertion(authenticator, { mfaToken: login.body.mfaToken });
    assert.equal(options.allowCredentials.length, 1, "the options name the person's passkeys");

    const foreign = await svc.request('POST', '/auth/login/mfa', {
      mfaToken: login.body.mfaToken,
      passkeyResponse: (await assertion(otherKey.authenticator, { mfaToken: login.body.mfaToken })).response,
    });
    assert.equal(foreign.status, 401, "someone else's passkey is no second factor");
    assert.equal(foreign.body.code, 'auth.invalid_second_factor');

    const ok = await svc.request('POST', '/auth/login/mfa', { mfaToken: login.body.mfaToken, passkeyResponse: response });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(await amrOf(ok.body.token), ['pwd', 'hwk']);
  });
});

describe('removing passkeys', () => {
  test('needs the password and a current factor (the passkey itself will do); the last one takes the recovery codes', async () => {
    const u = await signUpAndLogin(svc);
    const { authenticator, passkey } = await registerPasskey(u);
    const other = await signUpAndLogin(svc);
    const foreign = await svc.request('DELETE', `/me/passkeys/${passkey.id}`, { password: other.password }, { token: other.token });
    assert.equal(foreign.status, 404, "someone else's passkey is not found");
    assert.equal(foreign.body.code, 'passkey.not_found');

    const bare = await svc.request('DELETE', `/me/passkeys/${passkey.id}`, { password: u.password }, { token: u.token });
    assert.equal(bare.body.code, 'auth.reauthentication_required');
    const ok = await svc.request(
      'DELETE',
      `/me/passkeys/${passkey.id}`,
      { password: u.password, passkeyResponse: (await assertion(authenticator)).response },
      { token: u.token },
    );
    assert.equal(ok.status, 204, JSON.stringify(ok.body));
    const me = await svc.request('GET', '/me', undefined, { token: u.token });
    assert.deepEqual(me.body.mfa, { totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    await svc.smtp.waitFor(u.email, (m) => m.text.includes('was removed'));
    const gone = await svc.request('POST', '/auth/passkey', { response: (await assertion(authenticator)).response });
    assert.equal(gone.status, 401, 'a removed passkey signs nobody in');
  });
});

describe('deleting the account with only a passkey as its factor', () => {
  test('needs the password and an assertion of one of the passkeys', async () => {
    const u = await signUpAndLogin(svc);
    const { authenticator } = await registerPasskey(u);
    const bare = await svc.request('DELETE', '/me', { password: u.password }, { token: u.token });
    assert.equal(bare.status, 403, 'the password alone does not delete an account with a passkey');
    assert.equal(bare.body.code, 'auth.reauthentication_required');
    const ok = await svc.request(
      'DELETE',
      '/me',
      { password: u.password, passkeyResponse: (await assertion(authenticator)).response },
      { token: u.token },
    );
    assert.equal(ok.status, 204, JSON.stringify(ok.body));
    assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 401, 'the session went with the account');
  });
});

describe('anonymous passkey options', () => {
  test('are limited per client address: each stores a challenge', async () => {
    const strict = await startTestService({ LOGIN_IP_MAX_ATTEMPTS: '3' });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await strict.request('POST', '/auth/passkey/options', {}, { ip: '10.44.0.1' })).status);
      assert.deepEqual(answers, [200, 200, 200, 429], 'three an hour from one network, then 429');
      const other = await strict.request('POST', '/auth/passkey/options', {}, { ip: '10.45.0.1' });
      assert.equal(other.status, 200, 'another network is not affected');
    } finally {
      await strict.close();
    }
  });
});
