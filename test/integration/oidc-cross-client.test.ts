// One client's tokens are that client's business only. Introspection answers a client about its own
// tokens and says `{"active": false}` about every other client's — access and refresh tokens alike,
// the answer it gives for a token that does not exist; revocation of another client's token revokes
// nothing and answers exactly as for an unknown token (no oracle telling that the token is live).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { signUpAndLogin } from '../support/service.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';
import { assertTokensWork, codeFlow, registerRelyingParty, type RelyingParty, type Tokens } from '../support/relying-party.js';

let svc: ListeningService;
let dashboards: RelyingParty;
let reports: RelyingParty;
let userId: string;
let tokens: Tokens;

before(async () => {
  svc = await startListeningService();
  dashboards = await registerRelyingParty(svc, { name: 'Dashboards' });
  reports = await registerRelyingParty(svc, { name: 'Reports' });
  const user = await signUpAndLogin(svc);
  userId = user.userId;
  tokens = (await codeFlow(dashboards, new Browser(svc.base), user)).tokens;
});
after(async () => {
  await svc?.close();
});

/** The token endpoint's raw answer to a confidential client's revocation request. */
async function revokeRaw(rp: RelyingParty, token: string) {
  const res = await fetch(new URL('/oidc/token/revocation', svc.base), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(rp.id)}:${encodeURIComponent(rp.secret!)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

describe("a client learns nothing about another client's tokens", () => {
  test('introspection by another confidential client: inactive, for the access and the refresh token', async () => {
    assert.deepEqual(
      await client.tokenIntrospection(reports.config, tokens.access_token),
      { active: false },
      'another client introspecting the access token',
    );
    assert.deepEqual(
      await client.tokenIntrospection(reports.config, tokens.refresh_token!),
      { active: false },
      'another client introspecting the refresh token',
    );
    const own = await client.tokenIntrospection(dashboards.config, tokens.access_token);
    assert.equal(own.active, true, 'the client that holds the token is answered');
    assert.equal(own.sub, userId, 'with the user');
  });

  test('introspection by a service client (client credentials): inactive for a user token; its own token active', async () => {
    const created = await svc.gatehouse.oidc.clients.create({
      name: 'Backend',
      kind: 'service',
      redirectUris: [],
      postLogoutRedirectUris: [],
    });
    const service = await client.discovery(new URL(svc.base), created.id, undefined, client.ClientSecretBasic(created.secret!), {
      execute: [client.allowInsecureRequests],
    });
    assert.deepEqual(
      await client.tokenIntrospection(service, tokens.access_token),
      { active: false },
      'a service client introspecting a user access token',
    );
    assert.deepEqual(
      await client.tokenIntrospection(service, tokens.refresh_token!),
      { active: false },
      'a service client introspecting a user refresh token',
    );
    const own = await client.clientCredentialsGrant(service, {});
    assert.equal((await client.tokenIntrospection(service, own.access_token)).active, true, 'its own client-credentials token');
  });

  test('revocation by another client: the same answer as for an unknown token, and nothing revoked', async () => {
    const unknown = await revokeRaw(reports, 'x'.repeat(43));
    for (const token of [tokens.access_token, tokens.refresh_token!]) {
      assert.deepEqual(await revokeRaw(reports, token), unknown, 'another client revoking: answered as for a token that does not exist');
    }
    await assertTokensWork(dashboards, tokens, userId, 'after another client tried to revoke them');
  });

  test('the holder revokes its own refresh token: the grant ends', async () => {
    const user = await signUpAndLogin(svc);
    const own = (await codeFlow(dashboards, new Browser(svc.base), user)).tokens;
    await client.tokenRevocation(dashboards.config, own.refresh_token!);
    assert.deepEqual(
      await client.tokenIntrospection(dashboards.config, own.access_token),
      { active: false },
      "the grant's access token ended with it",
    );
  });
});
