// Every credential event ends the user's OpenID Connect state, in the event's own transaction: a
// password change, a completed reset, an e-mail change (requested, and confirmed), account deletion
// end every provider session, grant, code and token of the user, offline ones included; signing out
// of Gatehouse ends the provider session signed in through that Gatehouse session and what was
// issued in it (offline tokens survive a sign-out: that is what offline access is for), and only that.
// A real relying party (openid-client) holds the tokens; each is tried at introspection, userinfo
// and the token endpoint after the event.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { signUpAndLogin, uniqueEmail, type SignedUpUser } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';
import {
  assertTokensRefused, assertTokensWork, authorizationRequest, codeFlow, REDIRECT, registerRelyingParty, type RelyingParty,
} from '../support/relying-party.js';

let svc: ListeningService;
let rp: RelyingParty;
const NEW_PASSWORD = 'Another-Horse-77-Staple';
const onPostgres = process.env.TEST_DATABASE_URL !== undefined;

before(async () => {
  svc = await startListeningService();
  rp = await registerRelyingParty(svc);
});
after(async () => {
  await svc?.close();
});

/** A signed-up user, signed in through a browser that completed a code flow; the tokens work. */
async function signedInThroughSso(params: Record<string, string> = {}) {
  const user = await signUpAndLogin(svc);
  const browser = new Browser(svc.base);
  const { tokens } = await codeFlow(rp, browser, user, params);
  await assertTokensWork(rp, tokens, user.userId, 'before the event');
  return { user, browser, tokens };
}

/** Offline access: `offline_access` with `prompt=consent`, as OpenID Connect Core 11 asks. */
const OFFLINE = { scope: 'openid offline_access', prompt: 'consent' };

function gatehouseCookie(browser: Browser) {
  const cookie = browser.cookies.get('gatehouse_session');
  assert.ok(cookie, 'the browser holds a Gatehouse session');
  return `gatehouse_session=${cookie.value}`;
}

async function rowsOfUser(userId: string): Promise<Record<string, number>> {
  const rows = await svc.gatehouse.db.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM oidc_payloads WHERE payload ->> 'accountId' = $1 GROUP BY kind ORDER BY kind`, [userId]);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

async function changePassword(user: SignedUpUser) {
  const res = await svc.request('PUT', '/me/password', { currentPassword: user.password, newPassword: NEW_PASSWORD }, { token: user.token });
  assert.equal(res.status, 204, `password change: ${res.raw.body}`);
}

async function resetPassword(user: SignedUpUser) {
  const requested = await svc.request('POST', '/auth/password-reset', { email: user.email });
  assert.equal(requested.status, 202, 'reset requested');
  const mail = await svc.smtp.waitFor(user.email, (m) => m.text.includes('/reset-password?token='));
  const done = await svc.request('POST', '/auth/password-reset/confirm', { token: tokenFrom(mail, 'reset-password'), password: NEW_PASSWORD });
  assert.equal(done.status, 204, `reset confirmed: ${done.raw.body}`);
}

describe('a credential event ends the OpenID Connect state of the user', () => {
  test('PUT /me/password: tokens issued before are refused at refresh, userinfo and introspection', async () => {
    const { user, tokens } = await signedInThroughSso();
    await changePassword(user);
    await assertTokensRefused(rp, tokens, user.userId, 'after a password change');
    assert.deepEqual(await rowsOfUser(user.userId), {}, 'no session, grant, code or token of the user is left');
  });

  test('a completed password reset: tokens issued before are refused', async () => {
    const { user, tokens } = await signedInThroughSso();
    await resetPassword(user);
    await assertTokensRefused(rp, tokens, user.userId, 'after a password reset');
    assert.deepEqual(await rowsOfUser(user.userId), {}, 'nothing of the user is left');
  });

  test('offline tokens die on a password change and on a reset too', async () => {
    for (const [event, run] of [['password change', changePassword], ['password reset', resetPassword]] as const) {
      const { user, tokens } = await signedInThroughSso(OFFLINE);
      const introspected = await client.tokenIntrospection(rp.config, tokens.refresh_token!);
      assert.match(String(introspected.scope), /offline_access/, `${event}: the refresh token is an offline one`);
      await run(user);
      await assertTokensRefused(rp, tokens, user.userId, `offline tokens after a ${event}`);
    }
  });

  test('an e-mail change, when requested (it signs out everywhere) and when confirmed', async () => {
    const { user, browser, tokens } = await signedInThroughSso();
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
    const { user, tokens } = await signedInThroughSso(OFFLINE);
    const res = await svc.request('DELETE', '/me', { password: user.password }, { token: user.token });
    assert.equal(res.status, 204, `account deleted: ${res.raw.body}`);
    await assertTokensRefused(rp, tokens, user.userId, 'after account deletion');
    assert.deepEqual(await rowsOfUser(user.userId), {}, 'nothing of the deleted user is left');
  });

  test('POST /auth/logout ends the provider session of that Gatehouse session and its tokens, offline ones excepted', async () => {
    const { user, browser, tokens } = await signedInThroughSso();
    // A second client in the same browser, with offline access: it keeps its refresh token.
    const offlineRp = await registerRelyingParty(svc, { name: 'Reports' });
    const offline = (await codeFlow(offlineRp, browser, undefined, OFFLINE)).tokens;
    assert.ok(offline.refresh_token, 'an offline refresh token was issued');

    const out = await svc.request('POST', '/auth/logout', undefined, { cookie: gatehouseCookie(browser) });
    assert.equal(out.status, 204, 'signed out');
    await assertTokensRefused(rp, tokens, user.userId, 'after signing out of Gatehouse');
    assert.equal((await rowsOfUser(user.userId)).Session, undefined, 'the provider session is gone');
    const refreshed = await client.refreshTokenGrant(offlineRp.config, offline.refresh_token);
    assert.ok(refreshed.access_token, 'the offline refresh token outlives the sign-out (offline access)');
    // And no silent sign-in is left in that browser.
    const silent = await browser.follow((await authorizationRequest(rp, { prompt: 'none' })).url);
    assert.equal(silent.url.searchParams.get('error'), 'login_required', `prompt=none after the sign-out: ${silent.trail.join(' -> ')}`);
  });

  test('signing out of another Gatehouse session of the same user leaves these tokens alone', async () => {
    const { user, tokens } = await signedInThroughSso();
    const other = await svc.request('POST', '/auth/logout', undefined, { token: user.token });
    assert.equal(other.status, 204, 'the API session signed out');
    await assertTokensWork(rp, tokens, user.userId, 'after another session of the user signed out');
  });

  test('after a password change the user signs in again through SSO and gets working tokens', async () => {
    const { user, browser } = await signedInThroughSso();
    await changePassword(user);
    const fresh = await codeFlow(rp, browser, { ...user, password: NEW_PASSWORD });
    await assertTokensWork(rp, fresh.tokens, user.userId, 'tokens issued after the change');
  });
});

describe('a credential event racing authorizations (PostgreSQL)', () => {
  // Authorizations that passed the Gatehouse-session check just before a reset deleted the session
  // may still be issuing their codes when the reset commits. Each code is linked to its Gatehouse
  // session under that session's row lock before it leaves: either the reset finds the link and
  // ends it, or the authorization finds the session gone and withdraws its code. Afterwards no
  // code redeems and nothing of the user is left in the provider's tables.
  test('authorizations in flight while a password reset commits: none of their codes redeems, nothing is left', {
    skip: onPostgres ? false : 'PGlite runs one transaction at a time: no authorization can be in flight inside the reset; runs on PostgreSQL',
  }, async () => {
    for (let round = 0; round < 4; round++) {
      const { user, browser } = await signedInThroughSso();
      const cookie = [...browser.cookies.entries()].filter(([, c]) => c.path === '/').map(([name, c]) => `${name}=${c.value}`).join('; ');
      const requested = await svc.request('POST', '/auth/password-reset', { email: user.email });
      assert.equal(requested.status, 202, 'reset requested');
      const mail = await svc.smtp.waitFor(user.email, (m) => m.text.includes('/reset-password?token='));

      const authorizations = Array.from({ length: 24 }, async () => {
        const started = await authorizationRequest(rp, { prompt: 'none', scope: 'openid' });
        const res = await fetch(started.url, { redirect: 'manual', headers: { cookie } });
        await res.body?.cancel();
        const location = res.headers.get('location');
        return { started, callback: location ? new URL(location, svc.base) : undefined, status: res.status };
      });
      const reset = svc.request('POST', '/auth/password-reset/confirm', { token: tokenFrom(mail, 'reset-password'), password: NEW_PASSWORD });
      const answers = await Promise.all(authorizations);
      assert.equal((await reset).status, 204, 'the reset went through');

      let codes = 0;
      for (const { started, callback, status } of answers) {
        const code = callback?.origin + (callback?.pathname ?? '') === REDIRECT ? callback?.searchParams.get('code') : null;
        if (!code) {
          assert.ok(status === 400 || callback?.searchParams.get('error') === 'login_required', `no code means login_required or a withdrawn code: ${status} ${callback?.href}`);
          continue;
        }
        codes++;
        const error = await client.authorizationCodeGrant(rp.config, callback!, { pkceCodeVerifier: started.verifier, expectedState: started.state, expectedNonce: started.nonce })
          .then(() => 'redeemed', (e: { error?: string }) => e.error ?? String(e));
        assert.equal(error, 'invalid_grant', `round ${round}: a code issued around the reset does not redeem`);
      }
      assert.deepEqual(await rowsOfUser(user.userId), {}, `round ${round}: nothing of the user is left (${codes} codes were issued around the reset)`);
    }
  });
});
