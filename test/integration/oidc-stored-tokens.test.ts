// The provider's bearer values — authorization codes, access and refresh tokens, client-credentials
// tokens, pushed requests' request_uri — are stored only as their SHA-256, like every other Gatehouse
// token: a dump of `oidc_payloads` holds nothing a client could present. Everything still works
// through the hashed rows (exchange, refresh with rotation, reuse refused, introspection, userinfo).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import { hashSecret } from '../../src/core/clock-random.js';
import { signUpAndLogin, type SignedUpUser } from '../support/service.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';
import {
  assertTokensWork,
  authorizationRequest,
  oauthError,
  registerRelyingParty,
  throughGatehouse,
  type RelyingParty,
} from '../support/relying-party.js';

let svc: ListeningService;
let rp: RelyingParty;
let user: SignedUpUser;

before(async () => {
  svc = await startListeningService();
  rp = await registerRelyingParty(svc);
  user = await signUpAndLogin(svc);
});
after(async () => {
  await svc?.close();
});

/** Every stored row, id and payload, as one text to search. */
async function dump(): Promise<string> {
  const rows = await svc.gatehouse.db.query<{ kind: string; id: string; payload: string }>(
    `SELECT kind, id, payload::text AS payload FROM oidc_payloads`,
  );
  return rows.map((r) => `${r.kind} ${r.id} ${r.payload}`).join('\n');
}

test('codes, access and refresh tokens and request_uris are stored only as their SHA-256, and still work', async () => {
  const started = await authorizationRequest(rp, { scope: 'openid email profile organization' }, { pushed: true });
  const requestUri = started.url.searchParams.get('request_uri');
  assert.ok(requestUri, `a pushed request travels as a request_uri: ${started.url.href}`);
  const requestId = requestUri.split(':').at(-1)!;
  assert.ok((await dump()).includes(hashSecret(requestId)), 'the pushed request is stored under the hash of its id');

  const hop = await throughGatehouse(new Browser(svc.base), started, user);
  const code = hop.url.searchParams.get('code');
  assert.ok(code, `the redirect carries a code: ${hop.url.href}`);
  assert.ok((await dump()).includes(hashSecret(code)), 'the code is stored under its hash');
  const tokens = await client.authorizationCodeGrant(rp.config, hop.url, {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
  assert.ok(tokens.refresh_token, 'a refresh token was issued');
  await assertTokensWork(rp, tokens, user.userId, 'tokens read through their hashed rows');

  const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token);
  await assertTokensWork(rp, refreshed, user.userId, 'tokens of the rotated refresh');
  assert.equal(
    await oauthError(client.refreshTokenGrant(rp.config, tokens.refresh_token)),
    'invalid_grant',
    'the used refresh token is refused (consumed through its hash)',
  );

  const table = await dump();
  const secrets = {
    requestId,
    code,
    access: tokens.access_token,
    refresh: tokens.refresh_token,
    rotatedAccess: refreshed.access_token,
    rotatedRefresh: refreshed.refresh_token!,
  };
  for (const [what, value] of Object.entries(secrets)) {
    assert.equal(table.includes(value), false, `the ${what} value appears nowhere in oidc_payloads (ids or payloads)`);
  }
});

test('a client-credentials token is stored only as its hash, and introspects as active', async () => {
  const created = await svc.gatehouse.oidc.clients.create({
    name: 'Backend',
    kind: 'service',
    redirectUris: [],
    postLogoutRedirectUris: [],
  });
  const service = await client.discovery(new URL(svc.base), created.id, undefined, client.ClientSecretBasic(created.secret!), {
    execute: [client.allowInsecureRequests],
  });
  const own = await client.clientCredentialsGrant(service, {});
  assert.equal((await client.tokenIntrospection(service, own.access_token)).active, true, 'its token is found through the hash');
  const table = await dump();
  assert.equal(table.includes(own.access_token), false, 'the client-credentials token appears nowhere in oidc_payloads');
  assert.ok(table.includes(hashSecret(own.access_token)), 'it is stored under its hash');
});

test('migration 009 converts rows written before it: the id becomes its hash and the jti goes', async () => {
  const raw = `legacy-${hashSecret(String(Math.random())).slice(0, 20)}`;
  await svc.gatehouse.db.query(
    `INSERT INTO oidc_payloads (kind, id, payload, expires_at) VALUES ('AccessToken', $1, $2, now() + interval '1 hour'), ('Grant', $1, '{}', now() + interval '1 hour')`,
    [raw, JSON.stringify({ jti: raw, kind: 'AccessToken' })],
  );
  const migration = readFileSync(new URL('../../src/store/migrations/009_oidc_hashed_tokens.sql', import.meta.url), 'utf8');
  await svc.gatehouse.db.query(migration);
  const rows = await svc.gatehouse.db.query<{ kind: string; id: string; payload: Record<string, unknown> }>(
    `SELECT kind, id, payload FROM oidc_payloads WHERE id IN ($1, $2) ORDER BY kind`,
    [raw, hashSecret(raw)],
  );
  assert.deepEqual(
    rows.map((r) => [r.kind, r.id]),
    [
      ['AccessToken', hashSecret(raw)],
      ['Grant', raw],
    ],
    'the token row is keyed by its hash; a grant keeps its id',
  );
  assert.equal('jti' in rows[0]!.payload, false, 'the converted payload has no jti');
});
