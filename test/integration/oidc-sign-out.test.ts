// Signing out of Gatehouse (POST /auth/logout: the UI's "Sign out") ends the provider sessions
// signed in through that Gatehouse session and what was issued in them, in the sign-out's own
// transaction — and only that: offline tokens survive (offline access is for when the user is
// away; a password change or reset ends them), and another Gatehouse session of the same user keeps
// its single sign-on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { startListeningService, type ListeningService } from '../support/oidc.js';
import {
  assertTokensRefused,
  assertTokensWork,
  authorizationRequest,
  codeFlow,
  registerRelyingParty,
  type RelyingParty,
} from '../support/relying-party.js';
import { gatehouseCookie, OFFLINE, ssoAccounts } from '../support/sso-accounts.js';

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

describe('signing out of Gatehouse', () => {
  test('POST /auth/logout ends the provider session of that Gatehouse session and its tokens, offline ones excepted', async () => {
    const { user, browser, tokens } = await sso.signedInThroughSso();
    // A second client in the same browser, with offline access: it keeps its refresh token.
    const offlineRp = await registerRelyingParty(svc, { name: 'Reports' });
    const offline = (await codeFlow(offlineRp, browser, undefined, OFFLINE)).tokens;
    assert.ok(offline.refresh_token, 'an offline refresh token was issued');

    const out = await svc.request('POST', '/auth/logout', undefined, { cookie: gatehouseCookie(browser) });
    assert.equal(out.status, 204, 'signed out');
    await assertTokensRefused(rp, tokens, user.userId, 'after signing out of Gatehouse');
    assert.equal((await sso.rowsOfUser(user.userId)).Session, undefined, 'the provider session is gone');
    const refreshed = await client.refreshTokenGrant(offlineRp.config, offline.refresh_token);
    assert.ok(refreshed.access_token, 'the offline refresh token outlives the sign-out (offline access)');
    // And no silent sign-in is left in that browser.
    const silent = await browser.follow((await authorizationRequest(rp, { prompt: 'none' })).url);
    assert.equal(silent.url.searchParams.get('error'), 'login_required', `prompt=none after the sign-out: ${silent.trail.join(' -> ')}`);
  });

  test('signing out of another Gatehouse session of the same user leaves these tokens alone', async () => {
    const { user, tokens } = await sso.signedInThroughSso();
    const other = await svc.request('POST', '/auth/logout', undefined, { token: user.token });
    assert.equal(other.status, 204, 'the API session signed out');
    await assertTokensWork(rp, tokens, user.userId, 'after another session of the user signed out');
  });
});
