// Passkeys (WebAuthn): registering several, named, renaming and removing them, and signing in with
// one alone (a discoverable credential with user verification is a password and a possession in
// one). Every challenge is random, stored server-side (hashed) for the length of the ceremony and
// used once.
import { hashSecret, newId } from '../clock-random.js';
import { fail } from '../errors.js';
import type { UserActor } from '../actor.js';
import { passkeyMethod } from '../mfa/amr.js';
import type { PasskeyRecord } from '../mfa/ports.js';
import { WEBAUTHN_TIMEOUT_MS, challengeOf } from '../mfa/webauthn.js';
import type { AccountsDeps, RequestContext } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import type { Reauthentication, SecondFactors } from './second-factors.js';

export interface PasskeyView {
  id: string;
  name: string;
  /** `singleDevice` (bound to its authenticator: `hwk`) or `multiDevice` (synced: `swk`). */
  deviceType: string;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const viewOf = (p: PasskeyRecord): PasskeyView => ({
  id: p.id,
  name: p.name,
  deviceType: p.deviceType,
  backedUp: p.backedUp,
  createdAt: p.createdAt,
  lastUsedAt: p.lastUsedAt,
});

/** A passkey name as people see it: trimmed, no control characters. */
function requireName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || /\p{Cc}/u.test(trimmed))
    fail('request.invalid', { errors: [{ field: '/name', rule: 'pattern', message: 'Give the passkey a name (no line breaks).' }] });
  return trimmed;
}

export function createPasskeysService(
  deps: Pick<AccountsDeps, 'store' | 'clock' | 'random'>,
  support: AccountSupport,
  factors: SecondFactors,
) {
  const { store, clock, random } = deps;
  const { webauthn } = factors;

  async function storeChallenge(purpose: 'passkey_register' | 'passkey_login', userId: string | null) {
    const now = clock.now();
    const challenge = random.bytes(32);
    await store.repos.mfa.insertChallenge(
      hashSecret(challenge.toString('base64url')),
      { purpose, userId, challenge: null, attempts: 0, expiresAt: new Date(now.getTime() + WEBAUTHN_TIMEOUT_MS) },
      now,
    );
    return challenge;
  }

  return {
    /** Creation options for a new passkey of the signed-in user (resident key and user verification required). */
    async passkeyRegistrationOptions(actor: UserActor) {
      const user = await support.getUser(actor.userId);
      const challenge = await storeChallenge('passkey_register', user.id);
      return webauthn.registrationOptions({
        userId: user.id,
        email: user.email,
        displayName: `${user.firstName} ${user.lastName}`.trim(),
        challenge,
        exclude: await store.repos.mfa.listPasskeys(user.id),
      });
    },

    /**
     * Registers the passkey the browser created for those options. A first factor brings recovery
     * codes (shown once); this session counts as signed in with the passkey from now on.
     */
    async registerPasskey(actor: UserActor, input: { response: unknown; name: string }) {
      const name = requireName(input.name);
      const now = clock.now();
      const challenge = challengeOf(input.response);
      const stored = challenge && (await store.repos.mfa.consumeChallenge(hashSecret(challenge), 'passkey_register', now));
      if (!challenge || !stored || stored.userId !== actor.userId)
        fail('passkey.invalid', { detail: 'unknown, used or expired challenge' });
      const info = await webauthn.verifyRegistration(input.response, challenge);
      if (!info) fail('passkey.invalid', { detail: 'registration response did not verify' });
      const passkey: PasskeyRecord = {
        id: newId('pky', clock, random),
        userId: actor.userId,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name,
        createdAt: now,
        lastUsedAt: null,
      };
      return store.transaction(
        async (tx) => {
          const locked = await factors.lockUser(tx, actor.userId);
          const before = await tx.mfa.summary(actor.userId);
          if (!(await tx.mfa.insertPasskey(passkey))) fail('passkey.already_registered');
          let recoveryCodes: string[] | null = null;
          if (!before.totp && before.passkeys === 0) {
            const fresh = factors.newRecoveryCodes();
            await tx.mfa.replaceRecoveryCodes(actor.userId, fresh.hashes, now);
            recoveryCodes = fresh.codes;
          }
          await tx.sessions.addMethod(actor.sessionId, passkeyMethod(passkey.deviceType));
          await factors.factorChanged(tx, actor, locked, 'passkey_added', now, { passkeyId: passkey.id, passkeyName: name });
          return { passkey: viewOf(passkey), recoveryCodes };
        },
        { idempotency: actor.idempotency },
      );
    },

    async listPasskeys(actor: UserActor) {
      return { items: (await store.repos.mfa.listPasskeys(actor.userId)).map(viewOf) };
    },

    async renamePasskey(actor: UserActor, id: string, input: { name: string }) {
      const name = requireName(input.name);
      const renamed = await store.repos.mfa.renamePasskey(actor.userId, id, name);
      return viewOf(renamed ?? fail('passkey.not_found'));
    },

    /**
     * Removes a passkey: a factor turned off, so the password and a current factor (which may be this
     * very passkey) confirm it. The last factor takes the recovery codes with it.
     */
    async deletePasskey(actor: UserActor, id: string, input: Reauthentication) {
      const user = await support.getUser(actor.userId);
      const now = clock.now();
      // Someone else's passkey id is not found, before anything is counted.
      if (!(await store.repos.mfa.listPasskeys(user.id)).some((p) => p.id === id)) fail('passkey.not_found');
      await factors.reauthenticate(user, input, now);
      await store.transaction(
        async (tx) => {
          const locked = await factors.lockUser(tx, user.id);
          const gone = (await tx.mfa.deletePasskey(user.id, id)) ?? fail('passkey.not_found');
          const left = await tx.mfa.summary(user.id);
          if (!left.totp && left.passkeys === 0) await tx.mfa.deleteRecoveryCodes(user.id);
          await factors.factorChanged(tx, actor, locked, 'passkey_removed', now, { passkeyId: gone.id, passkeyName: gone.name });
        },
        { idempotency: actor.idempotency },
      );
    },

    /**
     * Request options for signing in with a passkey: without `mfaToken` any discoverable passkey of
     * this site (password-less sign-in, or confirming a change); with a pending sign-in's
     * `mfaToken`, that person's passkeys (the second factor after a password).
     */
    async passkeyLoginOptions(input: { mfaToken?: string | undefined }) {
      let userId: string | null = null;
      let allow: PasskeyRecord[] | undefined;
      if (input.mfaToken !== undefined) {
        const pending = await store.repos.mfa.findChallenge(hashSecret(input.mfaToken), 'mfa_login', clock.now());
        if (!pending?.userId) fail('auth.mfa_token_invalid');
        userId = pending.userId;
        allow = await store.repos.mfa.listPasskeys(userId);
      }
      const challenge = await storeChallenge('passkey_login', userId);
      return webauthn.authenticationOptions({ challenge, allow });
    },

    /** Signs in with a passkey alone: a session, as a login answers (`amr`: `hwk` or `swk`). */
    async loginWithPasskey(input: { response: unknown }, ctx: RequestContext) {
      const now = clock.now();
      const passkey = (await factors.verifyPasskey(input.response, undefined, now)) ?? fail('auth.passkey_invalid');
      const user = (await store.repos.users.findById(passkey.userId)) ?? fail('auth.passkey_invalid');
      if (user.emailVerifiedAt === null) fail('auth.email_not_verified');
      return support.openSession(user, [passkeyMethod(passkey.deviceType)], ctx, now);
    },
  };
}
