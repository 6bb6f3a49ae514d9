// Sign-up and e-mail verification. Every answer that could reveal whether an address has an
// account is identical for both cases, in content and (as far as we can) timing.
import { fail } from '../errors.js';
import { hashSecret, newId } from '../clock-random.js';
import { defaultOrganizationName, deleteUserWithOrganizations, lockUserWithOrganizations } from '../organizations/membership-rules.js';
import {
  requireEmail,
  requirePlainNames,
  requireStrongPassword,
  toPublicUser,
  type AccountsDeps,
  type PublicUser,
  type RequestContext,
} from './accounts.js';
import type { AccountSupport } from './account-support.js';
import { DEFAULT_LOCALE, type Locale } from '../locale.js';
import { ADDRESS_REQUEST_FLOOR_MS, withTimingFloor } from './timing-floor.js';

export function createRegistrationService(deps: AccountsDeps, support: AccountSupport) {
  const { store, hasher, clock, random, settings } = deps;
  const { issueToken, link, mayMail, send, limitClient, reserveAttempt } = support;
  return {
    /** `locale`: the language the newcomer reads (the web UI's at sign-up); their mails are written in it. */
    async signup(
      input: {
        email: string;
        password: string;
        firstName: string;
        lastName: string;
        locale?: Locale | undefined;
        invitationToken?: string | undefined;
      },
      ctx?: RequestContext,
    ): Promise<void> {
      const email = requireEmail(input.email);
      requirePlainNames(input);
      requireStrongPassword(input.password, settings.passwordPolicy, '/password', email);
      const now = clock.now();
      // Per client address, before any work: sign-up costs a hash, a user, an organization and a mail.
      await limitClient('signup', ctx, settings.signupsPerAddressPerHour, now);
      // Hash before looking the address up: a taken address must cost the same time as a free one.
      // An anonymous hash: it may only hold its small share of the hashing capacity.
      const passwordHash = await hasher.hashAnonymous(input.password);
      // After the hash, only a new account costs database work (user, organization, token): the
      // same floor as reset and resend keeps that from telling a taken address from a free one.
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const existing = await store.repos.users.findByEmail(email);
        if (existing && existing.emailVerifiedAt === null) {
          // Nobody has proved this address yet, so nobody owns the account: the latest sign-up
          // replaces the password and names, and every earlier link dies with it. Whoever signed up
          // first with someone else's address loses what they chose; verifying asks for the password,
          // so a link is no use to anyone who does not know the latest one.
          const mail = await mayMail(email, now, ctx);
          await store.transaction(async (tx) => {
            const user = await tx.users.lock(existing.id);
            if (!user || user.emailVerifiedAt !== null || user.email !== email) return;
            const locale = input.locale ?? user.locale;
            await tx.users.update(user.id, { passwordHash, firstName: input.firstName, lastName: input.lastName, locale }, now);
            await tx.tokens.invalidate(user.id, 'verify_email', now);
            await tx.users.takeSignupInvitation(user.id);
            if (input.invitationToken) await deps.onSignupWithInvitation?.(tx, user.id, email, input.invitationToken, now);
            if (!mail) return;
            const token = await issueToken(tx, 'verify_email', user.id, email, settings.verifyEmailTtlMs, now);
            await send(tx, { kind: 'verify_email', locale, to: email, firstName: input.firstName, link: link('verify-email', token) }, now);
          });
          return;
        }
        if (existing) {
          if (await mayMail(email, now, ctx)) {
            await store.transaction((tx) =>
              send(
                tx,
                {
                  kind: 'signup_existing_account',
                  locale: existing.locale,
                  to: email,
                  firstName: existing.firstName,
                  loginLink: `${settings.publicUrl}/login`,
                  resetLink: `${settings.publicUrl}/forgot-password`,
                },
                now,
              ),
            );
          }
          return;
        }
        await store.transaction(async (tx) => {
          const userId = newId('usr', clock, random);
          const inserted = await tx.users.insert({
            id: userId,
            email,
            firstName: input.firstName,
            lastName: input.lastName,
            passwordHash,
            emailVerifiedAt: null,
            activeOrgId: null,
            locale: input.locale ?? DEFAULT_LOCALE,
            createdAt: now,
          });
          // Lost a race with a concurrent sign-up of the same address: that one owns it; answer alike.
          if (!inserted) return;
          const orgId = await deps.rules.createOrganization(tx, { id: userId }, defaultOrganizationName(input.firstName), now, { userId });
          await tx.users.update(userId, { activeOrgId: orgId }, now);
          if (input.invitationToken) await deps.onSignupWithInvitation?.(tx, userId, email, input.invitationToken, now);
          const token = await issueToken(tx, 'verify_email', userId, email, settings.verifyEmailTtlMs, now);
          await send(
            tx,
            {
              kind: 'verify_email',
              locale: input.locale ?? DEFAULT_LOCALE,
              to: email,
              firstName: input.firstName,
              link: link('verify-email', token),
            },
            now,
          );
        });
      });
    },

    /**
     * Confirms the address with the mailed link *and* the account's password: the link proves the
     * mailbox, the password proves it is the mailbox owner who chose it. Someone who signed up with
     * another person's address cannot have that person confirm the account for them. A wrong password
     * is counted like a failed login (same throttle) and does not burn the link.
     */
    async verifyEmail(input: { token: string; password: string }, ctx?: RequestContext): Promise<PublicUser> {
      const now = clock.now();
      const live = (await store.repos.tokens.findLive(hashSecret(input.token), 'verify_email', now)) ?? fail('token.invalid');
      const attempt = await reserveAttempt(live.email, ctx ?? { ip: 'verify-email' }, now);
      const owner = await store.repos.users.findById(live.userId);
      if (!owner || owner.email !== live.email) fail('token.invalid', { detail: 'address changed since the link was sent' });
      if (!(await hasher.verify(owner.passwordHash, input.password))) {
        fail('auth.invalid_credentials', {
          errors: [{ field: '/password', rule: 'matches', message: 'This is not the password chosen at sign-up.' }],
        });
      }
      await attempt.succeeded();
      const user = await store.transaction(async (tx) => {
        const token = (await tx.tokens.consume(hashSecret(input.token), 'verify_email', now)) ?? fail('token.invalid');
        const user = await tx.users.lock(token.userId);
        // The address changed since the link was sent: the link proves nothing about the new one.
        if (!user || user.email !== token.email) fail('token.invalid', { detail: 'address changed since the link was sent' });
        // A later sign-up replaced the password meanwhile (and killed this link): the password checked is not the account's.
        if (user.passwordHash !== owner.passwordHash) fail('token.invalid', { detail: 'password replaced since the check' });
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

    /**
     * Deletes accounts whose address was never verified once their last link has expired, with the
     * organization made for them at sign-up: nobody ever proved the address, so nobody loses
     * anything, and sign-ups with other people's addresses do not pile up. Returns how many went.
     * (Unverified accounts cannot sign in, so that organization has no other member, no devices,
     * nothing written by anyone.)
     */
    async purgeUnverified(now: Date, limit = 500): Promise<number> {
      const ids = await store.repos.users.listUnverifiedWithoutLink(new Date(now.getTime() - settings.verifyEmailTtlMs), now, limit);
      let purged = 0;
      for (const id of ids) {
        const done = await store.transaction(async (tx) => {
          const locked = await lockUserWithOrganizations(tx, id);
          if (!locked || locked.user.emailVerifiedAt !== null) return false;
          await deleteUserWithOrganizations(tx, id, locked.orgIds);
          return true;
        });
        if (done) purged++;
      }
      return purged;
    },

    async resendVerification(input: { email: string }, ctx?: RequestContext): Promise<void> {
      const email = requireEmail(input.email);
      const now = clock.now();
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const user = await store.repos.users.findByEmail(email);
        if (!user || user.emailVerifiedAt !== null || !(await mayMail(email, now, ctx))) return;
        await store.transaction(async (tx) => {
          await tx.tokens.invalidate(user.id, 'verify_email', now);
          const token = await issueToken(tx, 'verify_email', user.id, email, settings.verifyEmailTtlMs, now);
          await send(
            tx,
            { kind: 'verify_email', locale: user.locale, to: email, firstName: user.firstName, link: link('verify-email', token) },
            now,
          );
        });
      });
    },
  };
}
