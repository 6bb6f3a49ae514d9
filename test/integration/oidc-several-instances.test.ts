// Two Gatehouse instances on one database behind a round-robin proxy (PUBLIC_URL is the proxy, as
// behind a load balancer): every hop of the OpenID Connect flow may land on either instance, and the
// flow works because all provider state (interactions, sessions, codes, grants, refresh tokens,
// keys) is in PostgreSQL. On PostgreSQL the instances have their own pools (the CI's PostgreSQL
// leg); on PGlite they share the one embedded database in this process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { createLogger } from '../../src/logger.js';
import { createGatehouse, type Gatehouse } from '../../src/server.js';
import { freePort } from '../support/process.js';
import { addMember, signUpAndLogin, startTestService, type TestService } from '../support/service.js';
import { Browser } from '../support/oidc.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const onPostgres = process.env.TEST_DATABASE_URL !== undefined;

let svc: TestService;
let second: Gatehouse;
let proxy: Server;
let base: string;
/** Per instance, the paths it answered. */
const served: [string[], string[]] = [[], []];
/** Each instance's own origin (not through the proxy). */
const instances: string[] = [];

before(async () => {
  const proxyPort = await freePort();
  base = `http://127.0.0.1:${proxyPort}`;
  svc = await startTestService({ PUBLIC_URL: base });
  second = await createGatehouse(svc.gatehouse.config, { ...(onPostgres ? {} : { db: svc.gatehouse.db }), logger: createLogger('silent') });
  const upstreams: number[] = [];
  for (const instance of [svc.gatehouse, second]) {
    await instance.app.listen({ port: 0, host: '127.0.0.1' });
    upstreams.push((instance.app.server.address() as AddressInfo).port);
  }
  instances.push(...upstreams.map((port) => `http://127.0.0.1:${port}`));
  let next = 0;
  proxy = createServer((req, res) => {
    const i = next++ % 2;
    served[i]!.push(`${req.method} ${req.url!.split('?')[0]}`);
    const upstream = request(
      { host: '127.0.0.1', port: upstreams[i], method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
});

after(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await second?.close();
  await svc?.close();
});

test('code + PKCE, userinfo, rotating refresh, reuse detection and a role change, each hop on either instance', async () => {
  const created = await svc.gatehouse.oidc.clients.create({
    name: 'Dashboards',
    kind: 'confidential',
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [],
  });
  const config = await client.discovery(new URL(base), created.id, undefined, client.ClientSecretBasic(created.secret!), {
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
  });
  const owner = await signUpAndLogin(svc);
  const ada = await signUpAndLogin(svc, { firstName: 'Ada', lastName: 'Lovelace' });
  const orgId = owner.activeOrganizationId;
  await addMember(svc, orgId, ada.userId, 'viewer');

  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid profile organization',
    organization: orgId,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const browser = new Browser(base);
  let hop = await browser.follow(url);
  assert.equal(hop.url.pathname, '/login', hop.trail.join(' -> '));
  await browser.signIn(ada.email, ada.password);
  hop = await browser.follow(hop.url.searchParams.get('next')!);
  assert.equal(hop.url.origin + hop.url.pathname, REDIRECT, hop.trail.join(' -> '));

  const tokens = await client.authorizationCodeGrant(config, hop.url, { pkceCodeVerifier: verifier, expectedState: state });
  assert.equal(tokens.claims()!.org_role, 'Viewer');
  assert.equal((await client.fetchUserInfo(config, tokens.access_token, ada.userId)).name, 'Ada Lovelace');

  // Rotation across instances: each refresh token works once, wherever it is presented.
  let current: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers = tokens;
  for (let i = 0; i < 3; i++) {
    const refreshed = await client.refreshTokenGrant(config, current.refresh_token!);
    assert.notEqual(refreshed.refresh_token, current.refresh_token);
    current = refreshed;
  }
  await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (e: { error?: string }) => e.error === 'invalid_grant');
  // Reuse revoked the grant on both instances: the newest token is dead too.
  await assert.rejects(client.refreshTokenGrant(config, current.refresh_token!), (e: { error?: string }) => e.error === 'invalid_grant');
  assert.equal((await client.tokenIntrospection(config, current.access_token)).active, false);

  // A second sign-in reuses the Gatehouse session (no login page), whichever instance answers;
  // a role changed through one instance is in the token the other issues.
  const changed = await svc.request('PATCH', `/orgs/${orgId}/members/${ada.userId}`, { roleId: 'editor' }, { token: owner.token });
  assert.equal(changed.status, 200, changed.raw.body);
  const verifier2 = client.randomPKCECodeVerifier();
  const again = await browser.follow(
    client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid organization',
      organization: orgId,
      code_challenge: await client.calculatePKCECodeChallenge(verifier2),
      code_challenge_method: 'S256',
      state,
    }),
  );
  assert.equal(again.url.origin + again.url.pathname, REDIRECT, again.trail.join(' -> '));
  const editor = await client.authorizationCodeGrant(config, again.url, { pkceCodeVerifier: verifier2, expectedState: state });
  assert.equal(editor.claims()!.org_role, 'Editor');
  assert.equal((await client.tokenIntrospection(config, editor.access_token)).org_role, 'Editor');

  // Both instances took part in the provider's own endpoints, not just in the API.
  for (const paths of served) assert.ok(paths.filter((p) => p.includes('/oidc/')).length >= 3, JSON.stringify(paths));
});

test('a password change through one instance ends the tokens on both, at once', async () => {
  const created = await svc.gatehouse.oidc.clients.create({
    name: 'Reports',
    kind: 'confidential',
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [],
  });
  const config = await client.discovery(new URL(base), created.id, undefined, client.ClientSecretBasic(created.secret!), {
    execute: [client.allowInsecureRequests],
  });
  const bea = await signUpAndLogin(svc, { firstName: 'Bea' });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const browser = new Browser(base);
  let hop = await browser.follow(
    client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid offline_access',
      prompt: 'consent',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    }),
  );
  await browser.signIn(bea.email, bea.password);
  hop = await browser.follow(hop.url.searchParams.get('next')!);
  const tokens = await client.authorizationCodeGrant(config, hop.url, { pkceCodeVerifier: verifier, expectedState: state });
  assert.ok(tokens.refresh_token, 'an offline refresh token');

  const basic = `Basic ${Buffer.from(`${created.id}:${created.secret}`).toString('base64')}`;
  const onEach = (path: string, init: RequestInit) =>
    Promise.all(
      instances.map(async (origin) => {
        const res = await fetch(`${origin}${path}`, init);
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      }),
    );
  const userinfo = () => onEach('/oidc/me', { headers: { authorization: `Bearer ${tokens.access_token}` } });
  const introspect = (token: string) =>
    onEach('/oidc/token/introspection', {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
  assert.deepEqual(
    (await userinfo()).map((r) => r.status),
    [200, 200],
    'userinfo answers on both instances before',
  );

  // The change goes through instance A (the test service); nothing is told to instance B.
  const changed = await svc.request(
    'PUT',
    '/me/password',
    { currentPassword: bea.password, newPassword: 'Another-Horse-77-Staple' },
    { token: bea.token },
  );
  assert.equal(changed.status, 204, changed.raw.body);
  assert.deepEqual(
    (await userinfo()).map((r) => r.status),
    [401, 401],
    'userinfo refuses the access token on both instances',
  );
  for (const token of [tokens.access_token, tokens.refresh_token!]) {
    assert.deepEqual(
      (await introspect(token)).map((r) => r.body),
      [{ active: false }, { active: false }],
      'introspection on both instances: inactive',
    );
  }
  const refreshed = await onEach('/oidc/token', {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }).toString(),
  });
  assert.deepEqual(
    refreshed.map((r) => r.body.error),
    ['invalid_grant', 'invalid_grant'],
    'the refresh token is refused by both instances',
  );
});
