// Every credential event but signing out ends the user's OpenID Connect state, in the event's own
// transaction: a password change, a completed reset, an e-mail change (requested, and confirmed)
// and account deletion end every provider session, grant, code and token of the user, offline ones
// included (signing out: oidc-sign-out.test.ts; racing authorizations: oidc-credential-race).
// A real relying party (openid-client) holds the tokens; each is tried at introspection, userinfo
// and the token endpoint after the event.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { uniqueEmail, type SignedUpUser } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';
import { startListeningService, type ListeningService } from '../support/oidc.js';
import { assertTokensRefused, assertTokensWork, codeFlow, registerRelyingParty, type RelyingParty } from '../support/relying-party.js';
import { NEW_PASSWORD, OFFLINE, ssoAccounts } from '../support/sso-accounts.js';

let svc: ListeningService;
let rp: RelyingParty;
let sso: ReturnType<typeof ssoAccounts>;

before(async () => {
  svc = await startListeningService();
  rp = await registerRelyingParty(svc);
  sso = ssoAccounts(svc, rp);
});
after(async () => {
  await svc?.close();
});

describe('a credential event ends the OpenID Connect state of the user', () => {
  test('PUT /me/password: tokens issued before are refused at refresh, userinfo and introspection', async () => {
    const { user, tokens } = await sso.signedInThroughSso();
    await sso.changePassword(user);
    await assertTokensRefused(rp, tokens, user.userId, 'after a password change');
    assert.deepEqual(await sso.rowsOfUser(user.userId), {}, 'no session, grant, code or token of the user is left');
  });

  test('a completed password reset: tokens issued before are refused', async () => {
    const { user, tokens } = await sso.signedInThroughSso();
    await sso.resetPassword(user);
    await assertTokensRefused(rp, tokens, user.userId, 'after a password reset');
    assert.deepEqual(await sso.rowsOfUser(user.userId), {}, 'nothing of the user is left');
  });

  test('offline tokens die on a password change and on a reset too', async () => {
    for (const [event, run] of [
      ['password change', (u: SignedUpUser) => sso.changePassword(u)],
      ['password reset', (u: SignedUpUser) => sso.resetPassword(u)],
    ] as const) {
      const { user, tokens } = await sso.signedInThroughSso(OFFLINE);
      const introspected = await client.tokenIntrospection(rp.config, tokens.refresh_token!);
      assert.match(String(introspected.scope), /offline_access/, `${event}: the refresh token is an offline one`);
      await run(user);
      await assertTokensRefused(rp, tokens, user.userId, `offline tokens after a ${event}`);
    }
  });

  test('an e-mail change, when requested (it signs out everywhere) and when confirmed', async () => {
    const { user, browser, tokens } = await sso.signedInThroughSso();
    const newEmail = uniqueEmail('moved');
    const requested = await svc.request('POST', '/me/email-change', { newEmail, password: user.password }, { token: user.token });
    assert.equal(requested.status, 202, `e-mail change requested: ${requested.raw.body}`);
    await assertTokensRefused(rp, tokens, user.userId, 'after an e-mail change was requested');

    // Signed in again (the old address until the change is confirmed), new tokens; then confirmed.
    const again = await codeFlow(rp, browser, user);
    await assertTokensWork(rp, again.tokens, user.userId, 'signed in again');
    const mail = await svc.smtp.waitFor(newEmail, (m) => m.text.includes('/confirm-email-change?token='));
    const confirmed = await svc.request('POST', '/auth/confirm-email-change', { token: tokenFrom(mail, 'confirm-email-change') });
    assert.equal(confirmed.status, 200, `e-mail change confirmed: ${confirmed.raw.body}`);
    await assertTokensRefused(rp, again.tokens, user.userId, 'after the e-mail change was confirmed');
  });

  test('account deletion: tokens are refused and nothing of the user is left', async () => {
    const { user, tokens } = await sso.signedInThroughSso(OFFLINE);
    const res = await svc.request('DELETE', '/me', { password: user.password }, { token: user.token });
    assert.equal(res.status, 204, `account deleted: ${res.raw.body}`);
    await assertTokensRefused(rp, tokens, user.userId, 'after account deletion');
    assert.deepEqual(await sso.rowsOfUser(user.userId), {}, 'nothing of the deleted user is left');
  });

  test('after a password change the user signs in again through SSO and gets working tokens', async () => {
    const { user, browser } = await sso.signedInThroughSso();
    await sso.changePassword(user);
    const fresh = await codeFlow(rp, browser, { ...user, password: NEW_PASSWORD });
    await assertTokensWork(rp, fresh.tokens, user.userId, 'tokens issued after the change');
  });
});
