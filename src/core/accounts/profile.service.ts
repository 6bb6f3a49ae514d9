// The signed-in user's own account: who they are and their organizations, their name, their
// e-mail address (a credential: changing it is a credential event), the active organization, and
// deleting the account.
import { fail } from '../errors.js';
import { hashSecret } from '../clock-random.js';
import type { UserActor } from '../actor.js';
import type { MembershipSummary } from '../organizations/ports.js';
import { deleteUserWithOrganizations, lockUserWithOrganizations } from '../organizations/membership-rules.js';
import { requireEmail, requirePlainNames, toPublicUser, type AccountsDeps, type PublicUser } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import type { Reauthentication, SecondFactors } from './second-factors.js';
import { credentialsChanged } from './credential-events.js';
import type { UserRecord } from './ports.js';
import type { Locale } from '../locale.js';
import type { FactorSummary } from '../mfa/ports.js';

export interface MeView {
  user: PublicUser;
  activeOrganizationId: string | null;
  organizations: { id: string; name: string; role: { id: string; name: string } }[];
  /** Which second factors the user has (never their secrets). */
  mfa: FactorSummary;
}

function meView(user: UserRecord, memberships: MembershipSummary[], mfa: FactorSummary): MeView {
  const active = memberships.some((m) => m.orgId === user.activeOrgId) ? user.activeOrgId : (memberships[0]?.orgId ?? null);
  return {
    user: toPublicUser(user),
    activeOrganizationId: active,
    organizations: memberships.map((m) => ({ id: m.orgId, name: m.orgName, role: { id: m.roleId, name: m.roleName } })),
    mfa,
  };
}

export function createProfileService(
  deps: Pick<AccountsDeps, 'store' | 'clock' | 'settings' | 'audit'>,
  support: AccountSupport,
  factors: SecondFactors,
) {
  const { store, clock, settings } = deps;
  const { getUser, issueToken, link, mayMail, send, verifyOwnPassword } = support;
  return {
    async getMe(actor: UserActor): Promise<MeView> {
      const user = await getUser(actor.userId);
      return meView(user, await store.repos.memberships.listOfUser(user.id), await store.repos.mfa.summary(user.id));
    },

    /** Name and language: the language is the one every later mail to the user is written in. */
    async updateMe(
      actor: UserActor,
      input: { firstName?: string | undefined; lastName?: string | undefined; locale?: Locale | undefined },
    ): Promise<PublicUser> {
      requirePlainNames(input);
      const now = clock.now();
      return store.transaction(
        async (tx) => {
          const user = (await tx.users.lock(actor.userId)) ?? fail('auth.unauthenticated');
          await tx.users.update(user.id, { firstName: input.firstName, lastName: input.lastName, locale: input.locale }, now);
          return toPublicUser({
            ...user,
            firstName: input.firstName ?? user.firstName,
            lastName: input.lastName ?? user.lastName,
            locale: input.locale ?? user.locale,
          });
        },
        { idempotency: actor.idempotency },
      );
    },

    async requestEmailChange(actor: UserActor, input: { newEmail: string; password: string }): Promise<void> {
      const now = clock.now();
      const user = await getUser(actor.userId);
      const newEmail = requireEmail(input.newEmail, '/newEmail');
      await verifyOwnPassword(user, input.password, now);
      if (newEmail === user.email) fail('account.same_email');
      const taken = await store.repos.users.findByEmail(newEmail);
      const tellOwner = taken !== undefined && (await mayMail(newEmail, now));
      await store.transaction(
        async (tx) => {
          if (taken) {
            // Do not tell the requester that the address has an account; tell its owner instead.
            if (tellOwner) await send(tx, { kind: 'email_change_taken', locale: taken.locale, to: newEmail }, now);
          } else {
            await tx.tokens.invalidate(user.id, 'email_change', now);
            const token = await issueToken(tx, 'email_change', user.id, newEmail, settings.emailChangeTtlMs, now);
            await send(
              tx,
              {
                kind: 'email_change_confirm',
                locale: user.locale,
                to: newEmail,
                firstName: user.firstName,
                link: link('confirm-email-change', token),
              },
              now,
            );
          }
          await credentialsChanged(tx, { kind: 'email_change_requested', userId: user.id }, now);
        },
        { idempotency: actor.idempotency },
      );
    },

    async confirmEmailChange(input: { token: string }): Promise<PublicUser> {
      const now = clock.now();
      return store.transaction(async (tx) => {
        const token = (await tx.tokens.consume(hashSecret(input.token), 'email_change', now)) ?? fail('token.invalid');
        const user = (await tx.users.lock(token.userId)) ?? fail('token.invalid');
        const oldEmail = user.email;
        await tx.users.changeEmail(user.id, token.email, now);
        await credentialsChanged(tx, { kind: 'email_changed', userId: user.id }, now);
        await send(
          tx,
          { kind: 'email_changed_notice', locale: user.locale, to: oldEmail, firstName: user.firstName, newEmail: token.email },
          now,
        );
        return toPublicUser({ ...user, email: token.email, emailVerifiedAt: now });
      });
    },

    async setActiveOrganization(actor: UserActor, input: { organizationId: string }): Promise<MeView> {
      const now = clock.now();
      await store.transaction(
        async (tx) => {
          const member = await tx.memberships.findOne(input.organizationId, actor.userId);
          if (!member) fail('organization.not_found');
          await tx.users.update(actor.userId, { activeOrgId: input.organizationId }, now);
        },
        { idempotency: actor.idempotency },
      );
      const user = await getUser(actor.userId);
      return meView(user, await store.repos.memberships.listOfUser(user.id), await store.repos.mfa.summary(user.id));
    },

    /**
     * Deletes the account. Refused while the user is the only Admin of an organization that has
     * other members; organizations where the user is the only member go with the account. Needs
     * the password, and a current second factor when the account has one.
     */
    async deleteAccount(actor: UserActor, input: Reauthentication & { password: string }): Promise<void> {
      const now = clock.now();
      const user = await getUser(actor.userId);
      await factors.reauthenticateIfProtected(user, input, now);
      await store.transaction(
        async (tx) => {
          const locked = await lockUserWithOrganizations(tx, user.id);
          if (!locked) return;
          const { orgIds } = locked;
          const orphaned: string[] = [];
          for (const orgId of orgIds) {
            const org = (await tx.organizations.find(orgId))!;
            const access = await tx.memberships.findAccess(orgId, user.id);
            if (org.memberCount === 1) continue;
            if (access?.isAdmin && (await tx.memberships.countAdmins(orgId)) === 1) orphaned.push(orgId);
          }
          if (orphaned.length > 0) {
            fail('member.last_admin', {
              detail: `orgs=${orphaned.join(',')}`,
              publicDetail:
                'You are the only Admin of an organization that has other members. Make another member Admin first, or remove the members.',
            });
          }
          await credentialsChanged(tx, { kind: 'account_deleted', userId: user.id }, now);
          await deleteUserWithOrganizations(tx, user.id, orgIds, (org, alone) =>
            deps.audit.record(
              tx,
              actor,
              alone
                ? {
                    orgId: org.id,
                    action: 'organization.deleted',
                    target: { type: 'organization', id: org.id },
                    before: { name: org.name, memberCount: 1 },
                    details: { reason: 'account_deleted' },
                  }
                : {
                    orgId: org.id,
                    action: 'member.left',
                    target: { type: 'member', id: user.id },
                    details: { reason: 'account_deleted' },
                  },
              now,
            ),
          );
        },
        { idempotency: actor.idempotency },
      );
    },
  };
}
