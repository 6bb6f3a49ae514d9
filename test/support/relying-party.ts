// A relying party for the OpenID Connect tests: a client registered in Gatehouse and openid-client
// (v6, not written here) configured against it, with the steps a Smart Service takes: an
// authorization request (code + PKCE), the browser's trip through Gatehouse's sign-in, the code
// exchange; and the checks a test makes on the tokens it got (alive, or refused everywhere).
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import type { SignedUpUser } from './service.js';
import type { Browser, ListeningService } from './oidc.js';

export const REDIRECT = 'http://127.0.0.1:9/callback';
const POST_LOGOUT = 'http://127.0.0.1:9/signed-out';

export type Tokens = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

export interface RelyingParty {
  id: string;
  secret: string | undefined;
  name: string;
  config: client.Configuration;
}

/** Registers a client (confidential by default) and discovers Gatehouse with it. */
export async function registerRelyingParty(
  svc: ListeningService,
  options: { name?: string; kind?: 'confidential' | 'public' } = {},
): Promise<RelyingParty> {
  const name = options.name ?? 'Dashboards';
  const created = await svc.gatehouse.oidc.clients.create({
    name,
    kind: options.kind ?? 'confidential',
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [POST_LOGOUT],
  });
  const auth = created.secret ? client.ClientSecretBasic(created.secret) : client.None();
  const config = await client.discovery(new URL(svc.base), created.id, undefined, auth, {
    // http:// in tests; and ID token signatures verified against the JWKS.
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
  });
  return { id: created.id, secret: created.secret ?? undefined, name, config };
}

export interface AuthorizationRequest {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationRequest(
  rp: RelyingParty,
  params: Record<string, string> = {},
  options: { pushed?: boolean } = {},
): Promise<AuthorizationRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const all = {
    redirect_uri: REDIRECT,
    scope: 'openid email profile organization',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  };
  const url = options.pushed ? await client.buildAuthorizationUrlWithPAR(rp.config, all) : client.buildAuthorizationUrl(rp.config, all);
  return { url, verifier, state, nonce };
}

/** The browser's part: the authorization request, Gatehouse's sign-in if it asks, back to the redirect URI. */
export async function throughGatehouse(browser: Browser, started: AuthorizationRequest, user?: SignedUpUser) {
  let hop = await browser.follow(started.url);
  if (hop.url.pathname === '/login') {
    assert.ok(user, `sign-in was asked for, with nobody to sign in: ${hop.trail.join(' -> ')}`);
    await browser.signIn(user.email, user.password);
    hop = await browser.follow(hop.url.searchParams.get('next')!);
  }
  assert.equal(hop.url.origin + hop.url.pathname, REDIRECT, `ends at the redirect URI: ${hop.trail.join(' -> ')}`);
  return hop;
}

/** Authorization code flow with PKCE, start to tokens. */
export async function codeFlow(
  rp: RelyingParty,
  browser: Browser,
  user?: SignedUpUser,
  params: Record<string, string> = {},
  options: { pushed?: boolean } = {},
) {
  const started = await authorizationRequest(rp, params, options);
  const hop = await throughGatehouse(browser, started, user);
  const tokens = await client.authorizationCodeGrant(rp.config, hop.url, {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
  return { tokens, trail: hop.trail };
}

/** The OAuth error code of a refused call (`invalid_grant`, `invalid_token`…); fails if the call succeeded. */
export async function oauthError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const { error, cause } = e as { error?: string; cause?: unknown };
    if (typeof error === 'string') return error;
    // A 401 from a protected resource (userinfo) comes as a WWW-Authenticate challenge carrying the error.
    const challenge = Array.isArray(cause) ? (cause[0] as { parameters?: { error?: string } }).parameters?.error : undefined;
    if (typeof challenge === 'string') return challenge;
    throw e;
  }
  assert.fail('expected an OAuth error response, the call succeeded');
}

/** The tokens work: userinfo answers, introspection says active (access and refresh token). */
export async function assertTokensWork(rp: RelyingParty, tokens: Tokens, sub: string, what: string) {
  assert.equal(
    (await client.fetchUserInfo(rp.config, tokens.access_token, sub)).sub,
    sub,
    `${what}: userinfo answers with the access token`,
  );
  assert.equal((await client.tokenIntrospection(rp.config, tokens.access_token)).active, true, `${what}: the access token is active`);
  assert.ok(tokens.refresh_token, `${what}: a refresh token was issued`);
  assert.equal((await client.tokenIntrospection(rp.config, tokens.refresh_token)).active, true, `${what}: the refresh token is active`);
}

/**
 * The tokens are refused everywhere: introspection says inactive, userinfo answers invalid_token,
 * and the refresh token gets invalid_grant. (The refresh is tried last: a refused refresh proves
 * the most, and it must not be what made the others fail.)
 */
export async function assertTokensRefused(rp: RelyingParty, tokens: Tokens, sub: string, what: string) {
  assert.deepEqual(
    await client.tokenIntrospection(rp.config, tokens.access_token),
    { active: false },
    `${what}: introspection of the access token says inactive`,
  );
  assert.deepEqual(
    await client.tokenIntrospection(rp.config, tokens.refresh_token!),
    { active: false },
    `${what}: introspection of the refresh token says inactive`,
  );
  assert.equal(
    await oauthError(client.fetchUserInfo(rp.config, tokens.access_token, sub)),
    'invalid_token',
    `${what}: userinfo refuses the access token`,
  );
  assert.equal(
    await oauthError(client.refreshTokenGrant(rp.config, tokens.refresh_token!)),
    'invalid_grant',
    `${what}: the refresh token is refused`,
  );
}
