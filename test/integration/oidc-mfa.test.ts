// Second factors and single sign-on: the ID token and introspection say how the user signed in
// (`amr`), and an organization that requires a second factor gets no tokens for a sign-in without
// one — not at authorization, and not at the next refresh once the policy is on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { addMember, signUpAndLogin, type SignedUpUser } from '../support/service.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';
import { authorizationRequest, codeFlow, oauthError, registerRelyingParty, type RelyingParty } from '../support/relying-party.js';
import { alignToStep, codeNow, STEP_MS } from '../support/totp.js';

let svc: ListeningService;
let rp: RelyingParty;
before(async () => {
  svc = await startListeningService();
  rp = await registerRelyingParty(svc);
});
after(async () => {
  await svc?.close();
});

async function enrolTotp(u: SignedUpUser) {
  alignToStep(svc);
  const start = await svc.request('POST', '/me/mfa/totp', undefined, { token: u.token });
  const confirm = await svc.request('POST', '/me/mfa/totp/confirm', { code: codeNow(svc, start.body.secret) }, { token: u.token });
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  svc.clock.advance(STEP_MS);
  return start.body.secret as string;
}

/** The web UI's sign-in with a second factor, in the scripted browser. */
async function signInWithCode(browser: Browser, u: SignedUpUser, secret: string) {
  const json = { 'content-type': 'application/json', origin: svc.base };
  const first = await browser.request('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email: u.email, password: u.password }),
    headers: json,
  });
  const { mfaToken } = (await first.json()) as { mfaToken: string };
  const done = await browser.request('/api/v1/auth/login/mfa', {
    method: 'POST',
    body: JSON.stringify({ mfaToken, code: codeNow(svc, secret) }),
    headers: json,
  });
  assert.equal(done.status, 200, await done.text());
  svc.clock.advance(STEP_MS);
}

describe('amr in tokens', () => {
  test('a password sign-in is pwd; with an authenticator code pwd and otp, in the ID token and at introspection', async () => {
    const u = await signUpAndLogin(svc);
    const plain = new Browser(svc.base);
    const { tokens } = await codeFlow(rp, plain, u);
    assert.deepEqual(tokens.claims()?.amr, ['pwd'], 'a password alone');

    const secret = await enrolTotp(u);
    const browser = new Browser(svc.base);
    await signInWithCode(browser, u, secret);
    const second = await codeFlow(rp, browser);
    assert.deepEqual(second.tokens.claims()?.amr, ['pwd', 'otp'], 'the ID token names both methods');
    const introspected = await client.tokenIntrospection(rp.config, second.tokens.access_token);
    assert.equal(introspected.active, true);
    assert.deepEqual(introspected.amr, ['pwd', 'otp'], 'introspection of the access token too');
    const refreshed = await client.tokenIntrospection(rp.config, second.tokens.refresh_token!);
    assert.deepEqual(refreshed.amr, ['pwd', 'otp'], 'and of the refresh token');
  });
});

describe('an organization that requires a second factor', () => {
  test('gets no tokens for a sign-in without one, and the refresh of earlier ones is refused', async () => {
    const admin = await signUpAndLogin(svc);
    const orgId = admin.activeOrganizationId;
    await enrolTotp(admin);
    const member = await signUpAndLogin(svc);
    await addMember(svc, orgId, member.userId, 'viewer');

    const browser = new Browser(svc.base);
    const before = await codeFlow(rp, browser, member, { organization: orgId });
    assert.equal(before.tokens.claims()?.org_id, orgId, 'tokens for the organization while it does not require a factor');

    assert.equal((await svc.request('PATCH', `/orgs/${orgId}`, { requireMfa: true }, { token: admin.token })).status, 200);
    assert.equal(
      await oauthError(client.refreshTokenGrant(rp.config, before.tokens.refresh_token!)),
      'invalid_grant',
      'the refresh of a password-only sign-in is refused once the policy is on',
    );
    assert.equal((await client.tokenIntrospection(rp.config, before.tokens.access_token)).active, false, 'its access token is inactive');

    const started = await authorizationRequest(rp, { organization: orgId });
    const hop = await browser.follow(started.url);
    assert.equal(hop.url.searchParams.get('error'), 'access_denied', `no code for a password-only session: ${hop.trail.join(' -> ')}`);

    // With a factor, given at sign-in, the tokens come.
    const secret = await enrolTotp(member);
    const fresh = new Browser(svc.base);
    await signInWithCode(fresh, member, secret);
    const after = await codeFlow(rp, fresh, undefined, { organization: orgId });
    assert.equal(after.tokens.claims()?.org_id, orgId, 'a two-factor sign-in gets the tokens');
    assert.deepEqual(after.tokens.claims()?.amr, ['pwd', 'otp']);
    const refreshed = await client.refreshTokenGrant(rp.config, after.tokens.refresh_token!);
    assert.ok(refreshed.access_token, 'and refreshes them');
  });
});
