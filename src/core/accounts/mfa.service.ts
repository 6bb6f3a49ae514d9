// The signed-in user's second factors: an authenticator app (TOTP) enrolled and confirmed by a
// first code, recovery codes (shown once, stored hashed, each single-use), turning a factor off and
// making new codes (both need the password and a current factor), and the operator's reset.
import QRCode from 'qrcode';
import { fail } from '../errors.js';
import type { UserActor } from '../actor.js';
import { newTotpSecret, totpStepOf, totpUri } from '../mfa/totp.js';
import type { FactorSummary } from '../mfa/ports.js';
import { normalizeEmail } from '../email.js';
import type { AccountsDeps } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import type { Reauthentication, SecondFactors } from './second-factors.js';

export function createMfaService(deps: Pick<AccountsDeps, 'store' | 'clock' | 'random'>, support: AccountSupport, factors: SecondFactors) {
  const { store, clock, random } = deps;
  const { box } = factors;

  return {
    /** Which factors the user has (`GET /me`). */
    factorSummary: (userId: string): Promise<FactorSummary> => store.repos.mfa.summary(userId),

    /**
     * Starts enrolling an authenticator app: a new secret (replacing an unconfirmed one), its
     * `otpauth://` URI and that URI as a QR code (SVG). Nothing is enabled until a first code confirms it.
     */
    async startTotp(actor: UserActor) {
      const user = await support.getUser(actor.userId);
      const now = clock.now();
      const existing = await store.repos.mfa.findTotp(user.id);
      if (existing?.enabledAt) fail('mfa.totp_already_enabled');
      const secret = newTotpSecret(random);
      await store.repos.mfa.putPendingTotp(user.id, box.seal(user.id, secret), now);
      const otpauthUri = totpUri(secret, user.email);
      const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secret, otpauthUri, qrSvg };
    },

    /**
     * Confirms the enrolment with a first code: the app is enabled, this session counts as signed in
     * with it, and 10 new recovery codes are returned, once.
     */
    async confirmTotp(actor: UserActor, input: { code: string }) {
      const now = clock.now();
      return store.transaction(
        async (tx) => {
          const locked = await factors.lockUser(tx, actor.userId);
          const totp = await tx.mfa.findTotp(actor.userId);
          if (!totp) fail('mfa.totp_not_started');
          if (totp.enabledAt) fail('mfa.totp_already_enabled');
          const step = totpStepOf(box.open(actor.userId, totp.secretSealed), input.code, now);
          if (step === undefined) fail('mfa.code_invalid', { errors: [{ field: '/code', rule: 'totp', message: 'The code is wrong.' }] });
          await tx.mfa.enableTotp(actor.userId, step, now);
          const { codes, hashes } = factors.newRecoveryCodes();
          await tx.mfa.replaceRecoveryCodes(actor.userId, hashes, now);
          await tx.sessions.addMethod(actor.sessionId, 'otp');
          await factors.factorChanged(tx, actor, locked, 'totp_enabled', now);
          return { recoveryCodes: codes };
        },
        { idempotency: actor.idempotency },
      );
    },

    /** Turns the authenticator app off (password and a current factor). The last factor takes the recovery codes with it. */
    async disableTotp(actor: UserActor, input: Reauthentication) {
      const user = await support.getUser(actor.userId);
      const now = clock.now();
      const current = await store.repos.mfa.findTotp(user.id);
      if (!current?.enabledAt) fail('mfa.no_factor');
      await factors.reauthenticate(user, input, now);
      await store.transaction(
        async (tx) => {
          const locked = await factors.lockUser(tx, user.id);
          if (!(await tx.mfa.deleteTotp(user.id))) return;
          if ((await tx.mfa.summary(user.id)).passkeys === 0) await tx.mfa.deleteRecoveryCodes(user.id);
          await factors.factorChanged(tx, actor, locked, 'totp_disabled', now);
        },
        { idempotency: actor.idempotency },
      );
    },

    /** New recovery codes replace all earlier ones (password and a current factor). */
    async regenerateRecoveryCodes(actor: UserActor, input: Reauthentication) {
      const user = await support.getUser(actor.userId);
      const now = clock.now();
      const f = await store.repos.mfa.summary(user.id);
      if (!f.totp && f.passkeys === 0) fail('mfa.no_factor');
      await factors.reauthenticate(user, input, now);
      return store.transaction(
        async (tx) => {
          const locked = await factors.lockUser(tx, user.id);
          const { codes, hashes } = factors.newRecoveryCodes();
          await tx.mfa.replaceRecoveryCodes(user.id, hashes, now);
          await factors.factorChanged(tx, actor, locked, 'recovery_codes_regenerated', now);
          return { recoveryCodes: codes };
        },
        { idempotency: actor.idempotency },
      );
    },

    /**
     * The operator's reset (`gatehouse user reset-mfa EMAIL`): every factor of the account goes,
     * for a person who lost them all. Nobody can do this through the API. `false`: no such account.
     */
    async resetSecondFactors(email: string): Promise<{ found: boolean; removed: FactorSummary | null }> {
      const address = normalizeEmail(email);
      const now = clock.now();
      const user = address ? await store.repos.users.findByEmail(address) : undefined;
      if (!user) return { found: false, removed: null };
      const removed = await store.transaction(async (tx) => {
        const locked = await factors.lockUser(tx, user.id);
        const before = await tx.mfa.summary(user.id);
        await tx.mfa.deleteTotp(user.id);
        await tx.mfa.deleteAllPasskeys(user.id);
        await tx.mfa.deleteRecoveryCodes(user.id);
        await factors.factorChanged(tx, null, locked, 'reset_by_operator', now);
        return before;
      });
      return { found: true, removed };
    },
  };
}
