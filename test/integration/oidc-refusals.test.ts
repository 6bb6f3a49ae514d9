// What the provider refuses, and the client credentials grant: wrong redirect URI, wrong secret,
// a replayed code (and the tokens issued from it revoked), PKCE mismatch, a public client without
// PKCE, a revoked client; and a service client's token that carries no user.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { signUpAndLogin, type SignedUpUser } from '../support/service.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';

let svc: ListeningService;
const REDIRECT = 'http://127.0.0.1:9/cb';
const execute = [client.allowInsecureRequests];

before(async () => {
  svc = await startListeningService();
});
after(async () => {
  await svc?.close();
});

async function confidential() {
  const c = await svc.gatehouse.oidc.clients.create({
    name: 'Reports',
    kind: 'confidential',
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [],
  });
  return { ...c, config: await client.discovery(new URL(svc.base), c.id, undefined, client.ClientSecretBasic(c.secret!), { execute }) };
}

async function oauthError(promise: Promise<unknown>): Promise<{ error: string; status: number | undefined }> {
  try {
    await promise;
  } catch (e) {
    const { error, status, cause } = e as { error?: string; status?: number; cause?: unknown };
    if (typeof error === 'string') return { error, status };
    // A 401 with Basic authentication comes as a WWW-Authenticate challenge carrying the error.
    const challenge = Array.isArray(cause) ? (cause[0] as { parameters?: { error?: string } }).parameters?.error : undefined;
    if (typeof challenge === 'string') return { error: challenge, status };
    throw e;
  }
  assert.fail('expected an OAuth error response');
}

/** Signs `user` in and returns where Gatehouse sent the browser back to (the redirect URI with code or error). */
async function authorize(browser: Browser, url: URL, user: SignedUpUser) {
  let hop = await browser.follow(url);
  if (hop.url.pathname === '/login') {
    await browser.signIn(user.email, user.password);
    hop = await browser.follow(hop.url.searchParams.get('next')!);
  }
  return hop;
}

async function pkce() {
  const verifier = client.randomPKCECodeVerifier();
  return { verifier, challenge: await client.calculatePKCECodeChallenge(verifier) };
}

describe('OpenID Connect refusals', () => {
  test('a redirect URI that is not registered is refused at Gatehouse, never redirected to', async () => {
    const rp = await confidential();
    const { challenge } = await pkce();
    const url = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: 'http://127.0.0.1:9/elsewhere',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    const html = await res.text();
    assert.match(html, /redirect_uri did not match any of the client&#39;s registered redirect_uris|invalid_redirect_uri/);
    assert.doesNotMatch(html, /at .*\.js:\d+/, 'no stack trace');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test("the sign-in page learns the client's registered name only with the interaction's cookie", async () => {
    const rp = await confidential();
    const { challenge } = await pkce();
    const browser = new Browser(svc.base);
    const hop = await browser.follow(
      client.buildAuthorizationUrl(rp.config, {
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    assert.equal(hop.url.pathname, '/login', hop.trail.join(' -> '));
    const interaction = hop.url.searchParams.get('next')!;
    const named = await browser.request(`${interaction}/client`);
    assert.equal(named.status, 200, 'the browser of the sign-in is answered');
    assert.deepEqual(await named.json(), { name: 'Reports' }, 'with the registered name');
    // Another browser (no cookie), and an interaction that does not exist: the same refusal.
    for (const [what, path] of [
      ['without the cookie', interaction],
      ['an unknown interaction', '/oidc/interaction/nope'],
    ] as const) {
      const res = await fetch(`${svc.base}${path}/client`);
      assert.equal(res.status, 400, `${what}: refused`);
      assert.equal(((await res.json()) as { code: string }).code, 'oidc.interaction_expired', `${what}: as an expired interaction`);
    }
  });

  test('a wrong client secret is invalid_client; the secret is compared with its stored hash', async () => {
    const rp = await confidential();
    const wrong = await client.discovery(new URL(svc.base), rp.id, undefined, client.ClientSecretBasic(`${rp.secret!.slice(0, -2)}xx`), {
      execute,
    });
    const refused = await oauthError(client.refreshTokenGrant(wrong, 'whatever-refresh-token'));
    assert.deepEqual(refused, { error: 'invalid_client', status: 401 });
    // The stored value is the SHA-256 of the secret, not the secret; and presenting that hash as the secret fails too.
    const [row] = await svc.gatehouse.db.query<{ secret_hash: string }>('SELECT secret_hash FROM oidc_clients WHERE id = $1', [rp.id]);
    assert.match(row!.secret_hash, /^[0-9a-f]{64}$/);
    assert.notEqual(row!.secret_hash, rp.secret);
    const hashAsSecret = await client.discovery(new URL(svc.base), rp.id, undefined, client.ClientSecretPost(row!.secret_hash), {
      execute,
    });
    assert.equal((await oauthError(client.clientCredentialsGrant(hashAsSecret))).error, 'invalid_client');
  });

  test('a replayed code is refused and the tokens issued from it are revoked; a wrong PKCE verifier is refused', async () => {
    const user = await signUpAndLogin(svc);
    const rp = await confidential();
    const browser = new Browser(svc.base);
    const { verifier, challenge } = await pkce();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: REDIRECT,
      scope: 'openid organization',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    });
    const callback = (await authorize(browser, url, user)).url;
    assert.ok(callback.searchParams.get('code'), `a code, not an error: ${callback.href}`);

    const tokens = await client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    assert.equal((await client.tokenIntrospection(rp.config, tokens.access_token)).active, true);
    assert.equal(
      (await oauthError(client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: verifier, expectedState: state }))).error,
      'invalid_grant',
    );
    assert.deepEqual(await client.tokenIntrospection(rp.config, tokens.access_token), { active: false });
    assert.equal((await oauthError(client.refreshTokenGrant(rp.config, tokens.refresh_token!))).error, 'invalid_grant');

    // PKCE: the code is bound to the challenge; another verifier does not redeem it.
    const second = await pkce();
    const state2 = client.randomState();
    const url2 = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: second.challenge,
      code_challenge_method: 'S256',
      state: state2,
    });
    const callback2 = (await authorize(browser, url2, user)).url;
    assert.equal(
      (
        await oauthError(
          client.authorizationCodeGrant(rp.config, callback2, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: state2 }),
        )
      ).error,
      'invalid_grant',
    );
  });

  test('PKCE is required: a public client, or a confidential one, without code_challenge is refused', async () => {
    const user = await signUpAndLogin(svc);
    const pub = await svc.gatehouse.oidc.clients.create({
      name: 'Mobile',
      kind: 'public',
      redirectUris: [REDIRECT],
      postLogoutRedirectUris: [],
    });
    assert.equal(pub.secret, null);
    const pubConfig = await client.discovery(new URL(svc.base), pub.id, undefined, client.None(), { execute });
    const rp = await confidential();
    const browser = new Browser(svc.base);
    for (const config of [pubConfig, rp.config]) {
      const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: 'x' });
      const back = await authorize(browser, url, user);
      assert.equal(back.url.origin + back.url.pathname, REDIRECT);
      assert.equal(back.url.searchParams.get('error'), 'invalid_request');
      assert.match(back.url.searchParams.get('error_description')!, /PKCE/);
      assert.equal(back.url.searchParams.get('code'), null);
    }
    // With PKCE the public client signs in, without any secret.
    const { verifier, challenge } = await pkce();
    const url = client.buildAuthorizationUrl(pubConfig, {
      redirect_uri: REDIRECT,
      scope: 'openid organization',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'y',
    });
    const tokens = await client.authorizationCodeGrant(pubConfig, (await authorize(browser, url, user)).url, {
      pkceCodeVerifier: verifier,
      expectedState: 'y',
    });
    assert.equal(tokens.claims()!.sub, user.userId);
    assert.equal(tokens.claims()!.org_id, user.activeOrganizationId);
  });

  test('a non-member asking for an organization gets access_denied, whether or not it exists', async () => {
    const user = await signUpAndLogin(svc);
    const other = await signUpAndLogin(svc);
    const rp = await confidential();
    const browser = new Browser(svc.base);
    const answers: string[] = [];
    for (const organization of [other.activeOrganizationId, 'org_00000000000000000000000000']) {
      const { challenge } = await pkce();
      const url = client.buildAuthorizationUrl(rp.config, {
        redirect_uri: REDIRECT,
        scope: 'openid organization',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        organization,
        state: 's',
      });
      const back = await authorize(browser, url, user);
      assert.equal(back.url.origin + back.url.pathname, REDIRECT);
      assert.equal(back.url.searchParams.get('code'), null);
      answers.push(`${back.url.searchParams.get('error')}: ${back.url.searchParams.get('error_description')}`);
    }
    assert.equal(answers[0], answers[1], 'the two answers are the same');
    assert.match(answers[0]!, /^access_denied/);
    // A malformed id is a malformed request.
    const { challenge } = await pkce();
    const bad = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: REDIRECT,
      scope: 'openid organization',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      organization: "x'; drop",
      state: 's',
    });
    assert.equal((await authorize(browser, bad, user)).url.searchParams.get('error'), 'invalid_request');
  });

  test('client credentials: a service client gets a token that carries no user; it cannot sign users in', async () => {
    const svcClient = await svc.gatehouse.oidc.clients.create({
      name: 'Billing job',
      kind: 'service',
      redirectUris: [],
      postLogoutRedirectUris: [],
    });
    assert.match(svcClient.secret!, /^gcs_[A-Za-z0-9_-]{43}$/, '256 bits');
    const config = await client.discovery(new URL(svc.base), svcClient.id, undefined, client.ClientSecretPost(svcClient.secret!), {
      execute,
    });
    const token = await client.clientCredentialsGrant(config);
    assert.equal(token.token_type.toLowerCase(), 'bearer');
    assert.equal(token.refresh_token, undefined);
    assert.equal(token.id_token, undefined);
    const info = await client.tokenIntrospection(config, token.access_token);
    assert.equal(info.active, true);
    assert.equal(info.client_id, svcClient.id);
    assert.equal(info.sub, undefined);
    assert.equal(info.org_id, undefined);
    // No authorization code flow for it.
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: (await pkce()).challenge,
      code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual', headers: { accept: 'application/json' } });
    assert.equal(res.status, 400);
    await res.body?.cancel();
    // An authorization-code client may not use client credentials.
    const rp = await confidential();
    const refused = await client.clientCredentialsGrant(rp.config).then(
      () => assert.fail('granted'),
      (e: { error?: string; error_description?: string }) => e,
    );
    // (oidc-provider's answer for a grant type the client is not registered for.)
    assert.equal(refused.error, 'invalid_request');
    assert.equal(refused.error_description, 'requested grant type is not allowed for this client');
  });

  test('a revoked client is refused at once, and its tokens are gone', async () => {
    const svcClient = await svc.gatehouse.oidc.clients.create({
      name: 'Old job',
      kind: 'service',
      redirectUris: [],
      postLogoutRedirectUris: [],
    });
    const config = await client.discovery(new URL(svc.base), svcClient.id, undefined, client.ClientSecretBasic(svcClient.secret!), {
      execute,
    });
    const token = await client.clientCredentialsGrant(config);
    assert.equal((await client.tokenIntrospection(config, token.access_token)).active, true, 'its token is active before');
    assert.equal(await svc.gatehouse.oidc.clients.revoke(svcClient.id), true);
    assert.equal((await oauthError(client.clientCredentialsGrant(config))).error, 'invalid_client');
    // (No other client may introspect it: a client is answered about its own tokens only.)
    const left = await svc.gatehouse.db.query(`SELECT kind FROM oidc_payloads WHERE payload ->> 'clientId' = $1`, [svcClient.id]);
    assert.deepEqual(left, [], 'nothing issued to the revoked client is left');
  });

  test('OAuth endpoints take form bodies from any origin; our JSON rules and CSRF check stay on /api/v1', async () => {
    const res = await fetch(`${svc.base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://app.example' },
      body: 'grant_type=authorization_code&code=nope&client_id=app_00000000000000000000000000',
    });
    assert.equal(res.status, 401);
    assert.deepEqual(Object.keys((await res.json()) as object).sort(), ['error', 'error_description']);
    assert.match(res.headers.get('x-request-id')!, /^req_/);
    const api = await fetch(`${svc.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a',
    });
    assert.equal(api.status, 415);
    await api.body?.cancel();
    const unknown = await fetch(`${svc.base}/oidc/registration`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { code: string }).code, 'request.not_found');
    const expired = await fetch(`${svc.base}/oidc/interaction/abc123`);
    assert.equal(expired.status, 400);
    assert.equal(((await expired.json()) as { code: string }).code, 'oidc.interaction_expired');
  });
});
