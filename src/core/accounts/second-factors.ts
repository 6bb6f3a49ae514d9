// What the second-factor use cases share: checking a factor (a TOTP code, a recovery code, a
// passkey's assertion), confirming a sensitive change with the password and a current factor, and
// what every factor change does besides its rows (mail, audit, the authorization index).
import { hashSecret, type Random } from '../clock-random.js';
import { fail } from '../errors.js';
import type { Actor } from '../actor.js';
import type { SecondFactorChange } from '../mail/ports.js';
import type { Tx } from '../store.js';
import { passkeyMethod, type AuthMethod } from '../mfa/amr.js';
import { createSecretBox } from '../mfa/secret-box.js';
import { totpStepOf } from '../mfa/totp.js';
import { challengeOf, createWebAuthn, credentialIdOf } from '../mfa/webauthn.js';
import type { AccountsDeps } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import { lockUserWithOrganizations } from '../organizations/membership-rules.js';
import type { UserRecord } from './ports.js';

const RECOVERY_CODE_COUNT = 10;
/** Crockford's alphabet without the letters people confuse (I, L, O, U). */
const CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 16 characters of 5 bits: 80 bits, so a fast hash is enough (no dictionary to try against a dump). */
const CODE_LENGTH = 16;

/** One of the proofs a second factor can be given as (exactly one is used). */
export interface FactorProof {
  code?: string | undefined;
  recoveryCode?: string | undefined;
  passkeyResponse?: unknown;
}

/** A sensitive change: the password and a current second factor. */
export interface Reauthentication extends FactorProof {
  password?: string | undefined;
}

/** `xxxx-xxxx-xxxx-xxxx`, lower case; what people type is read case- and dash-insensitively. */
function newRecoveryCode(random: Random): string {
  const bytes = random.bytes(CODE_LENGTH);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '').replace(/[o]/g, '0').replace(/[il]/g, '1');

export const hashRecoveryCode = (code: string) => hashSecret(`recovery:${normalizeRecoveryCode(code)}`);

export function proofCount(p: FactorProof) {
  return [p.code, p.recoveryCode, p.passkeyResponse].filter((v) => v !== undefined).length;
}

export function createSecondFactors(
  deps: Pick<AccountsDeps, 'store' | 'clock' | 'random' | 'settings' | 'audit'>,
  support: AccountSupport,
) {
  const { store, random, settings, audit } = deps;
  const box = createSecretBox(settings.oidcKeySecret, random);
  const webauthn = createWebAuthn(settings.publicUrl);

  async function verifyTotp(userId: string, code: string, now: Date): Promise<boolean> {
    const totp = await store.repos.mfa.findTotp(userId);
    if (!totp?.enabledAt) return false;
    const step = totpStepOf(box.open(userId, totp.secretSealed), code, now);
    // A step not newer than the last accepted one is a replay (or an older code): refused.
    return step !== undefined && (await store.repos.mfa.claimTotpStep(userId, step));
  }

  /**
   * A passkey assertion for a challenge we issued (single use, short-lived): the passkey it names,
   * if it verifies and, when `userId` is given, belongs to that user.
   */
  async function verifyPasskey(response: unknown, userId: string | undefined, now: Date) {
    const challenge = challengeOf(response);
    const credentialId = credentialIdOf(response);
    if (!challenge || !credentialId) return undefined;
    const stored = await store.repos.mfa.consumeChallenge(hashSecret(challenge), 'passkey_login', now);
    if (!stored) return undefined;
    const passkey = await store.repos.mfa.findPasskeyByCredentialId(credentialId);
    // Options made for one person's sign-in (its mfaToken) take only that person's passkeys.
    if (!passkey || (userId !== undefined && passkey.userId !== userId) || (stored.userId !== null && passkey.userId !== stored.userId))
      return undefined;
    const info = await webauthn.verifyAuthentication(response, challenge, passkey);
    if (!info) return undefined;
    await store.repos.mfa.recordPasskeyUse(passkey.id, info.newCounter, now);
    return passkey;
  }

  /** The method the proof shows (for the session's `amr`), or `undefined` when it is wrong. */
  async function verifyFactor(userId: string, proof: FactorProof, now: Date): Promise<AuthMethod | undefined> {
    if (proofCount(proof) !== 1) {
      fail('request.invalid', {
        errors: [{ field: '/', rule: 'oneOf', message: 'Give exactly one of code, recoveryCode or passkeyResponse.' }],
      });
    }
    if (proof.code !== undefined) return (await verifyTotp(userId, proof.code, now)) ? 'otp' : undefined;
    if (proof.recoveryCode !== undefined)
      return (await store.repos.mfa.spendRecoveryCode(userId, hashRecoveryCode(proof.recoveryCode), now)) ? 'otp' : undefined;
    const passkey = await verifyPasskey(proof.passkeyResponse, userId, now);
    return passkey && passkeyMethod(passkey.deviceType);
  }

  /**
   * Confirms a sensitive change of the signed-in user: the password (counted like a login) and
   * a current second factor (counted on its own budget, which a right password does not reset:
   * whoever holds the session and the password still cannot guess codes without limit).
   */
  async function reauthenticate(user: UserRecord, input: Reauthentication, now: Date): Promise<AuthMethod> {
    if (input.password === undefined || proofCount(input) === 0) fail('auth.reauthentication_required');
    await support.verifyOwnPassword(user, input.password, now);
    const key = `mfa:reauth:${user.id}`;
    const { count, resetAt } = await store.repos.throttle.hit(key, now, settings.loginThrottleWindowMs);
    if (count > settings.loginMaxAttemptsPerAccount)
      fail('auth.throttled', { retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) });
    const method = (await verifyFactor(user.id, input, now)) ?? fail('auth.wrong_second_factor');
    await store.repos.throttle.reset(key);
    return method;
  }

  return {
    box,
    webauthn,
    verifyFactor,
    verifyPasskey,
    reauthenticate,

    newRecoveryCodes() {
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode(random));
      return { codes, hashes: codes.map(hashRecoveryCode) };
    },

    /**
     * Confirms a change that ends the account (deleting it): the password, and a current factor
     * too when the account has one — else a stolen session and password would be enough to delete
     * an account its owner protected with a second factor. Without a factor a given proof is
     * ignored (there is nothing to check it against).
     */
    async reauthenticateIfProtected(user: UserRecord, input: Reauthentication & { password: string }, now: Date) {
      const f = await store.repos.mfa.summary(user.id);
      if (f.totp || f.passkeys > 0) await reauthenticate(user, input, now);
      else await support.verifyOwnPassword(user, input.password, now);
    },

    /**
     * Locks what a factor change must hold: the user's organizations (their indexes learn whether
     * the member has a factor), then the user — the lock order of every membership change.
     */
    async lockUser(tx: Tx, userId: string): Promise<{ user: UserRecord; orgIds: string[] }> {
      return (await lockUserWithOrganizations(tx, userId)) ?? fail('auth.unauthenticated', { detail: `user ${userId} gone` });
    },

    /**
     * What every factor change does besides its rows, in its transaction: the person is mailed,
     * each of their organizations' audit logs records it (an organization's IT sees its members'
     * factors change), and each organization's authorization index learns whether the member now
     * has a factor (`/authz/check` answers `mfa_required` by it).
     */
    async factorChanged(
      tx: Tx,
      actor: Actor | null,
      locked: { user: UserRecord; orgIds: readonly string[] },
      change: SecondFactorChange,
      now: Date,
      details: { passkeyId?: string; passkeyName?: string } = {},
    ) {
      const { user, orgIds } = locked;
      await support.send(
        tx,
        {
          kind: 'second_factor_changed',
          locale: user.locale,
          to: user.email,
          firstName: user.firstName,
          change,
          passkeyName: details.passkeyName,
        },
        now,
      );
      const f = await tx.mfa.summary(user.id);
      const hasFactor = f.totp || f.passkeys > 0;
      for (const orgId of orgIds) {
        await audit.record(
          tx,
          actor,
          {
            orgId,
            action: 'member.mfa_changed',
            target: { type: 'member', id: user.id },
            details: { change, ...(details.passkeyName !== undefined && { passkeyName: details.passkeyName }) },
            after: { totp: f.totp, passkeys: f.passkeys },
          },
          now,
        );
        tx.changed.authz(orgId, { kind: 'member_mfa', userId: user.id, hasFactor });
      }
    },
  };
}

export type SecondFactors = ReturnType<typeof createSecondFactors>;
