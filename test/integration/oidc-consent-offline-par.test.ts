// The three paths that were routed but untested: `prompt=consent` (consent is implicit for the
// platform's first-party Smart Services, so the prompt passes through the interaction without a
// page), `offline_access` (only with prompt=consent, as OpenID Connect Core 11 asks: refresh tokens
// that outlive the Gatehouse session, and die on a password change or reset — see
// oidc-credential-events.test.ts), and pushed authorization requests (RFC 9126).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { signUpAndLogin } from '../support/service.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';
import {
  authorizationRequest,
  codeFlow,
  oauthError,
  REDIRECT,
  registerRelyingParty,
  throughGatehouse,
  type RelyingParty,
} from '../support/relying-party.js';

let svc: ListeningService;
let rp: RelyingParty;

before(async () => {
  svc = await startListeningService();
  rp = await registerRelyingParty(svc);
});
after(async () => {
  await svc?.close();
});

function gatehouseCookie(browser: Browser) {
  const cookie = browser.cookies.get('gatehouse_session');
  assert.ok(cookie, 'the browser holds a Gatehouse session');
  return `gatehouse_session=${cookie.value}`;
}

describe('prompt=consent', () => {
  test('a signed-in user passes the consent prompt through the interaction, without a page', async () => {
    const user = await signUpAndLogin(svc);
    const browser = new Browser(svc.base);
    await codeFlow(rp, browser, user);
    const { tokens, trail } = await codeFlow(rp, browser, undefined, { prompt: 'consent' });
    assert.ok(
      trail.some((u) => u.includes('/oidc/interaction/')),
      `the consent prompt went through the interaction: ${trail.join(' -> ')}`,
    );
    assert.ok(!trail.some((u) => new URL(u).pathname === '/login'), 'no sign-in page: the session is there');
    assert.equal(tokens.claims()!.sub, user.userId, 'tokens for the user');
  });

  test('without a session: sign-in, then consent, in one trip', async () => {
    const user = await signUpAndLogin(svc);
    const { tokens, trail } = await codeFlow(rp, new Browser(svc.base), user, { prompt: 'consent' });
    assert.ok(trail.length > 1, 'went through Gatehouse');
    assert.equal(tokens.claims()!.sub, user.userId, 'tokens for the user');
  });

  test('prompt=consent with prompt=none is refused (a consent prompt needs the user)', async () => {
    const user = await signUpAndLogin(svc);
    const browser = new Browser(svc.base);
    await codeFlow(rp, browser, user);
    const started = await authorizationRequest(rp, { prompt: 'none consent' });
    const hop = await browser.follow(started.url);
    assert.equal(hop.url.origin + hop.url.pathname, REDIRECT, `answered at the redirect URI: ${hop.trail.join(' -> ')}`);
    assert.equal(hop.url.searchParams.get('error'), 'invalid_request', 'none may not be combined with another prompt');
  });
});

describe('offline_access', () => {
  test('with prompt=consent: an offline refresh token that outlives signing out of Gatehouse', async () => {
    const user = await signUpAndLogin(svc);
    const browser = new Browser(svc.base);
    const { tokens } = await codeFlow(rp, browser, user, { scope: 'openid offline_access', prompt: 'consent' });
    const introspected = await client.tokenIntrospection(rp.config, tokens.refresh_token!);
    assert.deepEqual(
      String(introspected.scope).split(' ').sort(),
      ['offline_access', 'openid'],
      'the refresh token carries offline_access',
    );

    const out = await svc.request('POST', '/auth/logout', undefined, { cookie: gatehouseCookie(browser) });
    assert.equal(out.status, 204, 'signed out of Gatehouse');
    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token!);
    assert.ok(refreshed.access_token, 'the offline refresh token still works');
    assert.equal(
      (await client.fetchUserInfo(rp.config, refreshed.access_token, user.userId)).sub,
      user.userId,
      'and its new access token reads userinfo',
    );
  });

  test('without prompt=consent the provider drops offline_access: the refresh token ends with the session', async () => {
    const user = await signUpAndLogin(svc);
    const browser = new Browser(svc.base);
    const { tokens } = await codeFlow(rp, browser, user, { scope: 'openid offline_access' });
    assert.ok(tokens.refresh_token, 'a refresh token (session-bound) is issued');
    const introspected = await client.tokenIntrospection(rp.config, tokens.refresh_token);
    assert.equal(introspected.scope, 'openid', 'offline_access was not granted');

    const out = await svc.request('POST', '/auth/logout', undefined, { cookie: gatehouseCookie(browser) });
    assert.equal(out.status, 204, 'signed out of Gatehouse');
    assert.equal(
      await oauthError(client.refreshTokenGrant(rp.config, tokens.refresh_token)),
      'invalid_grant',
      'the session-bound refresh token ended with the session',
    );
  });
});

describe('pushed authorization requests (RFC 9126)', () => {
  test('the request is pushed with client authentication; the browser carries only its request_uri', async () => {
    const owner = await signUpAndLogin(svc);
    const started = await authorizationRequest(rp, { organization: owner.activeOrganizationId }, { pushed: true });
    assert.deepEqual(
      [...started.url.searchParams.keys()].sort(),
      ['client_id', 'request_uri'],
      `only client_id and request_uri travel through the browser: ${started.url.href}`,
    );
    assert.match(started.url.searchParams.get('request_uri')!, /^urn:ietf:params:oauth:request_uri:/, 'a request_uri of the provider');

    const browser = new Browser(svc.base);
    const hop = await throughGatehouse(browser, started, owner);
    const tokens = await client.authorizationCodeGrant(rp.config, hop.url, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    assert.equal(tokens.claims()!.sub, owner.userId, 'tokens for the user');
    assert.equal(tokens.claims()!.org_id, owner.activeOrganizationId, 'the pushed organization parameter was honoured');
  });

  test('a request_uri is used once', async () => {
    const user = await signUpAndLogin(svc);
    const browser = new Browser(svc.base);
    const started = await authorizationRequest(rp, {}, { pushed: true });
    await throughGatehouse(browser, started, user);
    const again = await browser.follow(started.url);
    // (The client has one registered redirect URI, so the provider may tell it there.)
    assert.equal(again.url.origin + again.url.pathname, REDIRECT, `answered at the redirect URI: ${again.trail.join(' -> ')}`);
    assert.equal(again.url.searchParams.get('error'), 'invalid_request_uri', 'the second use is refused');
    assert.equal(again.url.searchParams.get('code'), null, 'and issues no code');
  });

  test("pushing needs the client's credentials and a registered redirect URI", async () => {
    const push = (body: Record<string, string>, auth: string) =>
      fetch(new URL('/oidc/request', svc.base), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(auth).toString('base64')}` },
        body: new URLSearchParams(body).toString(),
      });
    const params = {
      client_id: rp.id,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT,
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    };
    const wrongSecret = await push(params, `${rp.id}:not-the-secret`);
    assert.equal(wrongSecret.status, 401, 'a wrong secret is refused');
    assert.equal(((await wrongSecret.json()) as { error: string }).error, 'invalid_client', 'as invalid_client');
    const elsewhere = await push({ ...params, redirect_uri: 'http://127.0.0.1:9/elsewhere' }, `${rp.id}:${rp.secret}`);
    assert.equal(elsewhere.status, 400, 'an unregistered redirect URI is refused at push time');
    const refused = (await elsewhere.json()) as { error: string; error_description: string };
    assert.equal(refused.error, 'invalid_request', 'as invalid_request');
    assert.match(refused.error_description, /redirect_uri/, `naming the redirect URI: ${refused.error_description}`);
    const ok = await push(params, `${rp.id}:${rp.secret}`);
    assert.equal(ok.status, 201, 'a good push is accepted');
    const body = (await ok.json()) as { request_uri: string; expires_in: number };
    assert.ok(body.request_uri && body.expires_in > 0, 'with a request_uri and its lifetime');
  });
});
