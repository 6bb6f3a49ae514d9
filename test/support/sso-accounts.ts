// Users signed in to a relying party through Gatehouse, and the credential events the OpenID
// Connect tests put them through (password change and reset); shared by the credential-event,
// sign-out and race tests.
import assert from 'node:assert/strict';
import { signUpAndLogin, type SignedUpUser } from './service.js';
import { tokenFrom } from './smtp.js';
import { Browser, type ListeningService } from './oidc.js';
import { assertTokensWork, codeFlow, type RelyingParty } from './relying-party.js';

export const NEW_PASSWORD = 'Another-Horse-77-Staple';

/** Offline access: `offline_access` with `prompt=consent`, as OpenID Connect Core 11 asks. */
export const OFFLINE = { scope: 'openid offline_access', prompt: 'consent' };

export function gatehouseCookie(browser: Browser) {
  const cookie = browser.cookies.get('gatehouse_session');
  assert.ok(cookie, 'the browser holds a Gatehouse session');
  return `gatehouse_session=${cookie.value}`;
}

export function ssoAccounts(svc: ListeningService, rp: RelyingParty) {
  return {
    /** A signed-up user, signed in through a browser that completed a code flow; the tokens work. */
    async signedInThroughSso(params: Record<string, string> = {}) {
      const user = await signUpAndLogin(svc);
      const browser = new Browser(svc.base);
      const { tokens } = await codeFlow(rp, browser, user, params);
      await assertTokensWork(rp, tokens, user.userId, 'before the event');
      return { user, browser, tokens };
    },

    /** The user's live provider objects by kind (sessions, grants, codes, tokens, interactions). */
    async rowsOfUser(userId: string): Promise<Record<string, number>> {
      const rows = await svc.gatehouse.db.query<{ kind: string; n: number }>(
        `SELECT kind, count(*)::int AS n FROM oidc_payloads WHERE payload ->> 'accountId' = $1 GROUP BY kind ORDER BY kind`,
        [userId],
      );
      return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    },

    async changePassword(user: SignedUpUser) {
      const res = await svc.request(
        'PUT',
        '/me/password',
        { currentPassword: user.password, newPassword: NEW_PASSWORD },
        { token: user.token },
      );
      assert.equal(res.status, 204, `password change: ${res.raw.body}`);
    },

    /** Requests a reset and returns the mailed token (the reset is confirmed with it). */
    async requestReset(user: SignedUpUser): Promise<string> {
      const requested = await svc.request('POST', '/auth/password-reset', { email: user.email });
      assert.equal(requested.status, 202, 'reset requested');
      const mail = await svc.smtp.waitFor(user.email, (m) => m.text.includes('/reset-password?token='));
      return tokenFrom(mail, 'reset-password');
    },

    async resetPassword(user: SignedUpUser) {
      const token = await this.requestReset(user);
      const done = await svc.request('POST', '/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
      assert.equal(done.status, 204, `reset confirmed: ${done.raw.body}`);
    },
  };
}
