// Passwords: a reset through a mailed link, and a change by the signed-in user. Both are
// credential events (credential-events.ts): what the old password opened ends with it.
import { fail } from '../errors.js';
import { hashSecret } from '../clock-random.js';
import type { UserActor } from '../actor.js';
import { requireEmail, requireStrongPassword, type AccountsDeps, type RequestContext } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import { credentialsChanged } from './credential-events.js';
import { ADDRESS_REQUEST_FLOOR_MS, withTimingFloor } from './timing-floor.js';

export function createPasswordsService(deps: Pick<AccountsDeps, 'store' | 'hasher' | 'clock' | 'settings'>, support: AccountSupport) {
  const { store, hasher, clock, settings } = deps;
  const { issueToken, link, mayMail, send, limitClient } = support;
  return {
    async requestPasswordReset(input: { email: string }, ctx?: RequestContext): Promise<void> {
      const email = requireEmail(input.email);
      const now = clock.now();
      // Per client address, before the address is looked up (so the answer tells nothing about it).
      await limitClient('reset', ctx, settings.passwordResetsPerAddressPerHour, now);
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const user = await store.repos.users.findByEmail(email);
        if (!user || !(await mayMail(email, now, ctx))) return;
        await store.transaction(async (tx) => {
          // One live reset link per account: the user's row lock serialises concurrent requests, so
          // each one ends the link issued before it (an earlier transaction has committed its link
          // by the time the next one gets the lock and invalidates it).
          if (!(await tx.users.lock(user.id))) return;
          await tx.tokens.invalidate(user.id, 'password_reset', now);
          const token = await issueToken(tx, 'password_reset', user.id, email, settings.passwordResetTtlMs, now);
          await send(
            tx,
            { kind: 'password_reset', locale: user.locale, to: email, firstName: user.firstName, link: link('reset-password', token) },
            now,
          );
        });
      });
    },

    async confirmPasswordReset(input: { token: string; password: string }, ctx?: RequestContext): Promise<void> {
      const now = clock.now();
      await limitClient('reset-confirm', ctx, settings.passwordResetsPerAddressPerHour, now);
      // The link first, the hash after: a made-up token costs one indexed read, never a hash. One
      // policy for sign-up, change and reset, the e-mail rule included; the link names the address,
      // so the whole policy is checked before hashing, and a weak choice does not burn the link.
      const live = (await store.repos.tokens.findLive(hashSecret(input.token), 'password_reset', now)) ?? fail('token.invalid');
      requireStrongPassword(input.password, settings.passwordPolicy, '/password', live.email);
      const passwordHash = await hasher.hashAnonymous(input.password);
      const email = await store.transaction(async (tx) => {
        const token = (await tx.tokens.consume(hashSecret(input.token), 'password_reset', now)) ?? fail('token.invalid');
        const user = await tx.users.lock(token.userId);
        if (!user || user.email !== token.email) fail('token.invalid', { detail: 'address changed since the link was sent' });
        // Following the mailed link proves control of the address, so it counts as verified.
        await tx.users.update(user.id, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now }, now);
        await credentialsChanged(tx, { kind: 'password_reset', userId: user.id }, now);
        await send(tx, { kind: 'password_changed', locale: user.locale, to: user.email, firstName: user.firstName }, now);
        return user.email;
      });
      // The owner just proved control of the mailbox: lift a lockout an attacker may have caused.
      await support.liftLoginLocks(email);
    },

    /** Every other session ends; this one stays. */
    async changePassword(actor: UserActor, input: { currentPassword: string; newPassword: string }): Promise<void> {
      const now = clock.now();
      const user = await support.getUser(actor.userId);
      await support.verifyOwnPassword(user, input.currentPassword, now);
      requireStrongPassword(input.newPassword, settings.passwordPolicy, '/newPassword', user.email);
      const passwordHash = await hasher.hash(input.newPassword);
      await store.transaction(
        async (tx) => {
          await tx.users.update(user.id, { passwordHash }, now);
          await credentialsChanged(tx, { kind: 'password_changed', userId: user.id, keepSessionId: actor.sessionId }, now);
          await send(tx, { kind: 'password_changed', locale: user.locale, to: user.email, firstName: user.firstName }, now);
        },
        { idempotency: actor.idempotency },
      );
    },
  };
}
