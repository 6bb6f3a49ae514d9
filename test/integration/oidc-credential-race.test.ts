// A credential event racing authorizations, on PostgreSQL (PGlite runs one transaction at a time,
// so nothing can be in flight inside the event there: skipped with that reason).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { startListeningService, type ListeningService } from '../support/oidc.js';
import { authorizationRequest, REDIRECT, registerRelyingParty, type RelyingParty } from '../support/relying-party.js';
import { NEW_PASSWORD, ssoAccounts } from '../support/sso-accounts.js';

const onPostgres = process.env.TEST_DATABASE_URL !== undefined;

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

describe('a credential event racing authorizations (PostgreSQL)', () => {
  // Authorizations that passed the Gatehouse-session check just before a reset deleted the session
  // may still be issuing their codes when the reset commits. Each code is linked to its Gatehouse
  // session under that session's row lock before it leaves: either the reset finds the link and
  // ends it, or the authorization finds the session gone and withdraws its code. Afterwards no
  // code redeems and nothing of the user is left in the provider's tables.
  test('authorizations in flight while a password reset commits: none of their codes redeems, nothing is left', {
    skip: onPostgres
      ? false
      : 'PGlite runs one transaction at a time: no authorization can be in flight inside the reset; runs on PostgreSQL',
  }, async () => {
    for (let round = 0; round < 4; round++) {
      const { user, browser } = await sso.signedInThroughSso();
      const cookie = [...browser.cookies.entries()]
        .filter(([, c]) => c.path === '/')
        .map(([name, c]) => `${name}=${c.value}`)
        .join('; ');
      const resetToken = await sso.requestReset(user);

      const authorizations = Array.from({ length: 24 }, async () => {
        const started = await authorizationRequest(rp, { prompt: 'none', scope: 'openid' });
        const res = await fetch(started.url, { redirect: 'manual', headers: { cookie } });
        await res.body?.cancel();
        const location = res.headers.get('location');
        return { started, callback: location ? new URL(location, svc.base) : undefined, status: res.status };
      });
      const reset = svc.request('POST', '/auth/password-reset/confirm', { token: resetToken, password: NEW_PASSWORD });
      const answers = await Promise.all(authorizations);
      assert.equal((await reset).status, 204, 'the reset went through');

      let codes = 0;
      for (const { started, callback, status } of answers) {
        const code = callback?.origin + (callback?.pathname ?? '') === REDIRECT ? callback?.searchParams.get('code') : null;
        if (!code) {
          assert.ok(
            status === 400 || callback?.searchParams.get('error') === 'login_required',
            `no code means login_required or a withdrawn code: ${status} ${callback?.href}`,
          );
          continue;
        }
        codes++;
        const error = await client
          .authorizationCodeGrant(rp.config, callback!, {
            pkceCodeVerifier: started.verifier,
            expectedState: started.state,
            expectedNonce: started.nonce,
          })
          .then(
            () => 'redeemed',
            (e: { error?: string }) => e.error ?? String(e),
          );
        assert.equal(error, 'invalid_grant', `round ${round}: a code issued around the reset does not redeem`);
      }
      assert.deepEqual(
        await sso.rowsOfUser(user.userId),
        {},
        `round ${round}: nothing of the user is left (${codes} codes were issued around the reset)`,
      );
    }
  });
});
