// Sign-up and e-mail verification. Every answer that could reveal whether an address has an
// account is identical for both cases, in content and (as far as we can) timing.
import { fail } from '../errors.js';
import { hashSecret, newId } from '../clock-random.js';
import { defaultOrganizationName } from '../organizations/membership-rules.js';
import { requireEmail, requirePlainNames, requireStrongPassword, toPublicUser, type AccountsDeps, type PublicUser } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import { DEFAULT_LOCALE, type Locale } from '../locale.js';
import { ADDRESS_REQUEST_FLOOR_MS, withTimingFloor } from './timing-floor.js';

export function createRegistrationService(deps: AccountsDeps, support: AccountSupport) {
  const { store, hasher, clock, random, settings } = deps;
  const { issueToken, link, mayMail, send } = support;
  return {
    /** `locale`: the language the newcomer reads (the web UI's at sign-up); their mails are written in it. */
    async signup(input: { email: string; password: string; firstName: string; lastName: string; locale?: Locale | undefined; invitationToken?: string | undefined }): Promise<void> {
      const email = requireEmail(input.email);
      requirePlainNames(input);
      requireStrongPassword(input.password, settings.passwordPolicy, '/password', email);
      const now = clock.now();
      // Hash before looking the address up: a taken address must cost the same time as a free one.
      const passwordHash = await hasher.hash(input.password);
      // After the hash, only a new account costs database work (user, organization, token): the
      // same floor as reset and resend keeps that from telling a taken address from a free one.
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const existing = await store.repos.users.findByEmail(email);
        if (existing) {
          if (await mayMail(email, now)) {
            await store.transaction((tx) =>
              send(tx, { kind: 'signup_existing_account', locale: existing.locale, to: email, firstName: existing.firstName, loginLink: `${settings.publicUrl}/login`, resetLink: `${settings.publicUrl}/forgot-password` }, now),
            );
          }
          return;
        }
        await store.transaction(async (tx) => {
          const userId = newId('usr', clock, random);
          const inserted = await tx.users.insert({
            id: userId, email, firstName: input.firstName, lastName: input.lastName, passwordHash,
            emailVerifiedAt: null, activeOrgId: null, locale: input.locale ?? DEFAULT_LOCALE, createdAt: now,
          });
          // Lost a race with a concurrent sign-up of the same address: that one owns it; answer alike.
          if (!inserted) return;
          const orgId = await deps.rules.createOrganization(tx, { id: userId }, defaultOrganizationName(input.firstName), now, { userId });
          await tx.users.update(userId, { activeOrgId: orgId }, now);
          if (input.invitationToken) await deps.onSignupWithInvitation?.(tx, userId, email, input.invitationToken, now);
          const token = await issueToken(tx, 'verify_email', userId, email, settings.verifyEmailTtlMs, now);
          await send(tx, { kind: 'verify_email', locale: input.locale ?? DEFAULT_LOCALE, to: email, firstName: input.firstName, link: link('verify-email', token) }, now);
        });
      });
    },

    async verifyEmail(input: { token: string }): Promise<PublicUser> {
      const now = clock.now();
      const user = await store.transaction(async (tx) => {
        const token = (await tx.tokens.consume(hashSecret(input.token), 'verify_email', now)) ?? fail('token.invalid');
        const user = await tx.users.lock(token.userId);
        // The address changed since the link was sent: the link proves nothing about the new one.
        if (!user || user.email !== token.email) fail('token.invalid', { detail: 'address changed since the link was sent' });
        if (user.emailVerifiedAt === null) {
          user.emailVerifiedAt = now;
          await tx.users.update(user.id, { emailVerifiedAt: now }, now);
        }
        return user;
      });
      // A transaction of its own: accepting an invitation locks the organization before the user,
      // the lock order of every membership change.
      await deps.afterEmailVerified?.(user.id);
      return toPublicUser(user);
    },

    async resendVerification(input: { email: string }): Promise<void> {
      const email = requireEmail(input.email);
      const now = clock.now();
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const user = await store.repos.users.findByEmail(email);
        if (!user || user.emailVerifiedAt !== null || !(await mayMail(email, now))) return;
        await store.transaction(async (tx) => {
          await tx.tokens.invalidate(user.id, 'verify_email', now);
          const token = await issueToken(tx, 'verify_email', user.id, email, settings.verifyEmailTtlMs, now);
          await send(tx, { kind: 'verify_email', locale: user.locale, to: email, firstName: user.firstName, link: link('verify-email', token) }, now);
        });
      });
    },
  };
}
