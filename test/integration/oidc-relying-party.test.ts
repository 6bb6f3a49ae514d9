// A real relying party (openid-client v6, not written here) against Gatehouse listening on a real
// port: discovery, authorization code + PKCE with a scripted browser-less sign-in through the
// Gatehouse session, ID token verified against the JWKS, userinfo, refresh with rotation, switching
// organization, a role change and a removal seen at the next refresh and at introspection at once,
// and RP-initiated logout ending the one session.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { addMember, signUpAndLogin, type SignedUpUser } from '../support/service.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';

let svc: ListeningService;
let rp: { id: string; secret: string; config: client.Configuration };
const REDIRECT = 'http://127.0.0.1:9/callback';
const POST_LOGOUT = 'http://127.0.0.1:9/signed-out';

before(async () => {
  svc = await startListeningService();
  const created = await svc.gatehouse.oidc.clients.create({
    name: 'Dashboards',
    kind: 'confidential',
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [POST_LOGOUT],
  });
  rp = {
    id: created.id,
    secret: created.secret!,
    config: await client.discovery(new URL(svc.base), created.id, undefined, client.ClientSecretBasic(created.secret!), {
      // http:// in tests; and verify ID token signatures against the JWKS (not only the TLS channel).
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    }),
  };
});
after(async () => {
  await svc?.close();
});

interface Started {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

async function authorizationRequest(params: Record<string, string> = {}): Promise<Started> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(rp.config, {
    redirect_uri: REDIRECT,
    scope: 'openid email profile organization',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  return { url, verifier, state, nonce };
}

/** The browser's part: authorization request, sign-in if Gatehouse asks for it, back to the relying party. */
async function signInThroughGatehouse(browser: Browser, user: SignedUpUser | undefined, params: Record<string, string> = {}) {
  const started = await authorizationRequest(params);
  let hop = await browser.follow(started.url);
  if (hop.url.pathname === '/login') {
    assert.ok(user, `sign-in was asked for: ${hop.trail.join(' -> ')}`);
    const next = hop.url.searchParams.get('next')!;
    assert.match(next, /^\/oidc\/interaction\/[A-Za-z0-9_-]+$/, 'the UI is sent back to the interaction');
    await browser.signIn(user.email, user.password);
    hop = await browser.follow(next);
  }
  assert.equal(hop.url.origin + hop.url.pathname, REDIRECT, `ends at the redirect URI: ${hop.trail.join(' -> ')}`);
  return { ...started, callback: hop.url, trail: hop.trail };
}

async function codeFlow(browser: Browser, user: SignedUpUser | undefined, params: Record<string, string> = {}) {
  const { callback, verifier, state, nonce, trail } = await signInThroughGatehouse(browser, user, params);
  const tokens = await client.authorizationCodeGrant(rp.config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  return { tokens, trail };
}

async function introspect(token: string) {
  return client.tokenIntrospection(rp.config, token);
}

async function oauthError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const error = (e as { error?: string }).error;
    if (typeof error === 'string') return error;
    throw e;
  }
  assert.fail('expected an OAuth error response');
}

describe('a relying party signs users in through Gatehouse', () => {
  test('discovery names the endpoints under PUBLIC_URL, S256 PKCE and the organization scope', async () => {
    const meta = rp.config.serverMetadata();
    assert.equal(meta.issuer, svc.base);
    assert.equal(meta.authorization_endpoint, `${svc.base}/oidc/auth`);
    assert.equal(meta.token_endpoint, `${svc.base}/oidc/token`);
    assert.equal(meta.jwks_uri, `${svc.base}/oidc/jwks`);
    assert.equal(meta.end_session_endpoint, `${svc.base}/oidc/session/end`);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.ok(meta.scopes_supported?.includes('organization'), `the organization scope is advertised: ${meta.scopes_supported}`);
    for (const claim of ['org_id', 'org_name', 'org_role', 'permissions']) assert.ok(meta.claims_supported?.includes(claim), claim);
  });

  test('code + PKCE: sign-in, verified ID token with the active organization, userinfo, rotating refresh', async () => {
    const ada = await signUpAndLogin(svc, { firstName: 'Ada', lastName: 'Lovelace' });
    const browser = new Browser(svc.base);
    const { tokens, trail } = await codeFlow(browser, ada);
    assert.ok(
      trail.some((u) => u.includes('/oidc/interaction/')),
      'went through the Gatehouse sign-in step',
    );

    const claims = tokens.claims()!;
    assert.equal(claims.iss, svc.base);
    assert.equal(claims.aud, rp.id);
    assert.equal(claims.sub, ada.userId);
    assert.equal(claims.email, ada.email);
    assert.equal(claims.name, 'Ada Lovelace');
    assert.equal(claims.org_id, ada.activeOrganizationId);
    assert.equal(claims.org_name, "Ada's organization");
    assert.equal(claims.org_role, 'Admin');
    assert.ok(
      Array.isArray(claims.permissions) && (claims.permissions as string[]).includes('user-management:users.invite'),
      `an Admin's permissions include users.invite: ${claims.permissions}`,
    );
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.ok(tokens.refresh_token, 'a refresh token is issued');

    const info = await client.fetchUserInfo(rp.config, tokens.access_token, ada.userId);
    assert.equal(info.email, ada.email);
    assert.equal(info.org_id, ada.activeOrganizationId);
    assert.equal(info.org_role, 'Admin');

    const active = await introspect(tokens.access_token);
    assert.equal(active.active, true);
    assert.equal(active.sub, ada.userId);
    assert.equal(active.org_id, ada.activeOrganizationId);
    assert.equal(active.org_role, 'Admin');

    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token!);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'the refresh token rotates');
    assert.equal(refreshed.claims()!.org_role, 'Admin');
    const again = await client.refreshTokenGrant(rp.config, refreshed.refresh_token!);
    assert.ok(again.access_token, 'the rotated refresh token is accepted once more');
    // The rotated-out token is refused; its reuse is taken as theft and ends the whole grant.
    assert.equal(await oauthError(client.refreshTokenGrant(rp.config, refreshed.refresh_token!)), 'invalid_grant');
    assert.equal(await oauthError(client.refreshTokenGrant(rp.config, again.refresh_token!)), 'invalid_grant');
    assert.equal((await introspect(again.access_token)).active, false);
  });

  test('switching organization issues tokens for the new one; a role change shows at the next refresh; a removal ends access at once', async () => {
    const owner = await signUpAndLogin(svc, { firstName: 'Olga' });
    const bob = await signUpAndLogin(svc, { firstName: 'Bob' });
    const plant = owner.activeOrganizationId;
    await addMember(svc, plant, bob.userId, 'viewer');
    const browser = new Browser(svc.base);

    const home = await codeFlow(browser, bob);
    assert.equal(home.tokens.claims()!.org_id, bob.activeOrganizationId, 'default: the active organization');
    assert.equal(home.tokens.claims()!.org_role, 'Admin');

    // Another organization: a new authorization request; the session is there, so no sign-in (prompt=none).
    const switched = await codeFlow(browser, undefined, { organization: plant, prompt: 'none' });
    const claims = switched.tokens.claims()!;
    assert.equal(claims.sub, bob.userId);
    assert.equal(claims.org_id, plant);
    assert.equal(claims.org_name, "Olga's organization");
    assert.equal(claims.org_role, 'Viewer');
    assert.ok(
      !(claims.permissions as string[]).includes('device-management:devices.add'),
      `a Viewer may not add devices: ${claims.permissions}`,
    );
    assert.ok(
      (claims.permissions as string[]).includes('device-management:devices.view'),
      `a Viewer may view devices: ${claims.permissions}`,
    );
    assert.equal((await client.fetchUserInfo(rp.config, switched.tokens.access_token, bob.userId)).org_id, plant);
    // One organization per client and browser session: the switch replaces the client's session-bound tokens.
    assert.deepEqual(await introspect(home.tokens.access_token), { active: false });
    assert.equal(await oauthError(client.refreshTokenGrant(rp.config, home.tokens.refresh_token!)), 'invalid_grant');

    const promoted = await svc.request('PATCH', `/orgs/${plant}/members/${bob.userId}`, { roleId: 'editor' }, { token: owner.token });
    assert.equal(promoted.status, 200, JSON.stringify(promoted.body));
    assert.equal((await introspect(switched.tokens.access_token)).org_role, 'Editor', 'introspection reads the role now');
    const refreshed = await client.refreshTokenGrant(rp.config, switched.tokens.refresh_token!);
    assert.equal(refreshed.claims()!.org_role, 'Editor');
    assert.ok(
      (refreshed.claims()!.permissions as string[]).includes('device-management:devices.add'),
      `after the refresh an Editor may add devices: ${refreshed.claims()!.permissions}`,
    );
    assert.equal((await client.fetchUserInfo(rp.config, refreshed.access_token, bob.userId)).org_role, 'Editor');

    const removed = await svc.request('DELETE', `/orgs/${plant}/members/${bob.userId}`, undefined, { token: owner.token });
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
    const introspected = await introspect(refreshed.access_token);
    assert.deepEqual(introspected, { active: false });
    assert.equal((await introspect(refreshed.refresh_token!)).active, false);
    assert.equal(await oauthError(client.refreshTokenGrant(rp.config, refreshed.refresh_token!)), 'invalid_grant');
    await assert.rejects(client.fetchUserInfo(rp.config, refreshed.access_token, bob.userId));
    // Bob still signs in to his own organization (prompt=none: his session is intact).
    const back = await codeFlow(browser, undefined, { organization: bob.activeOrganizationId, prompt: 'none' });
    assert.equal(back.tokens.claims()!.org_id, bob.activeOrganizationId);
    assert.equal((await introspect(back.tokens.access_token)).org_role, 'Admin');

    // Asking again for the organization he left: access_denied, as for one that does not exist.
    for (const organization of [plant, 'org_00000000000000000000000000']) {
      const started = await authorizationRequest({ organization, prompt: 'none' });
      const hop = await browser.follow(started.url);
      assert.equal(hop.url.origin + hop.url.pathname, REDIRECT);
      assert.equal(hop.url.searchParams.get('error'), 'access_denied', organization);
      assert.equal(hop.url.searchParams.get('code'), null);
    }
  });

  test('the provider session follows the Gatehouse session: signed out of Gatehouse means sign in again', async () => {
    const cy = await signUpAndLogin(svc, { firstName: 'Cy' });
    const browser = new Browser(svc.base);
    await codeFlow(browser, cy);
    // Still signed in: no sign-in step.
    const silent = await codeFlow(browser, undefined, { prompt: 'none' });
    assert.ok(!silent.trail.some((u) => u.includes('/login')), `prompt=none passes no sign-in page: ${silent.trail.join(' → ')}`);

    const cookie = [...browser.cookies.entries()].find(([name]) => name === 'gatehouse_session')!;
    const out = await svc.request('POST', '/auth/logout', undefined, { cookie: `gatehouse_session=${cookie[1].value}` });
    assert.equal(out.status, 204);
    const started = await authorizationRequest({ prompt: 'none' });
    const hop = await browser.follow(started.url);
    assert.equal(hop.url.searchParams.get('error'), 'login_required', hop.trail.join(' -> '));
    // Without prompt=none the browser is sent to sign in again.
    const interactive = await browser.follow((await authorizationRequest()).url);
    assert.equal(interactive.url.pathname, '/login');

    // prompt=login asks for a fresh sign-in even with a valid session.
    await browser.signIn(cy.email, cy.password);
    await browser.follow(interactive.url.searchParams.get('next')!);
    const forced = await browser.follow((await authorizationRequest({ prompt: 'login' })).url);
    assert.equal(forced.url.pathname, '/login', forced.trail.join(' -> '));
    assert.equal(
      forced.url.searchParams.get('prompt'),
      'login',
      'the sign-in page is told to ask for the password although a session exists',
    );
    await browser.signIn(cy.email, cy.password);
    const back = await browser.follow(forced.url.searchParams.get('next')!);
    assert.ok(back.url.searchParams.get('code'), back.trail.join(' -> '));

    // max_age: a sign-in older than that is not enough. The service's clock moves on (no waiting).
    assert.ok(
      (await browser.follow((await authorizationRequest({ max_age: '60' })).url)).url.searchParams.get('code'),
      'a recent sign-in is',
    );
    svc.clock.advance(61_000);
    const aged = await browser.follow((await authorizationRequest({ max_age: '60' })).url);
    assert.equal(aged.url.pathname, '/login', aged.trail.join(' -> '));
    assert.equal(aged.url.searchParams.get('prompt'), 'login', 'the sign-in page is told to ask again');
    await browser.signIn(cy.email, cy.password);
    const fresh = await browser.follow(aged.url.searchParams.get('next')!);
    assert.ok(fresh.url.searchParams.get('code'), fresh.trail.join(' -> '));
  });

  test('RP-initiated logout ends the OIDC session and the Gatehouse session', async () => {
    const dee = await signUpAndLogin(svc, { firstName: 'Dee' });
    const browser = new Browser(svc.base);
    const { tokens } = await codeFlow(browser, dee);
    const gatehouseCookie = browser.cookies.get('gatehouse_session')!.value;

    const endSession = client.buildEndSessionUrl(rp.config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT,
      state: 'bye',
    });
    const page = await browser.request(endSession);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Sign out of Gatehouse/);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(xsrf, html);
    const done = await browser.follow('/oidc/session/end/confirm', {
      method: 'POST',
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: svc.base },
    });
    assert.equal(done.url.origin + done.url.pathname, POST_LOGOUT);
    assert.equal(done.url.searchParams.get('state'), 'bye');

    assert.equal(browser.cookies.has('gatehouse_session'), false, 'the Gatehouse cookie is cleared');
    const me = await svc.request('GET', '/me', undefined, { cookie: `gatehouse_session=${gatehouseCookie}` });
    assert.equal(me.status, 401, 'the Gatehouse session is gone');
    assert.equal(
      await oauthError(client.refreshTokenGrant(rp.config, tokens.refresh_token!)),
      'invalid_grant',
      'tokens of the session are revoked',
    );
    const next = await browser.follow((await authorizationRequest()).url);
    assert.equal(next.url.pathname, '/login', 'the next authorization asks for sign-in');
  });
});
