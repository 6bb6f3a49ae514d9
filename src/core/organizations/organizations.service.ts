// Organizations: create, list, read, rename, billing information, delete, and the caller's own
// membership. Each use case enters the organization first (authz/in-organization.ts): lock,
// access check, then its own work in the same transaction.
import type { Clock } from '../clock-random.js';
import { fail } from '../errors.js';
import { normalizeEmail } from '../email.js';
import { organizationScope } from '../authz/in-organization.js';
import type { Repos, Store } from '../store.js';
import type { Billing, MemberAccess } from './ports.js';
import type { AuditLog } from '../audit/audit.js';
import type { Actor } from '../actor.js';
import { encodeCursor, decodeCursor, type Page } from '../pagination.js';
import { isCountryCode } from './countries.js';
import type { MembershipRules } from './membership-rules.js';
import { deviceAccessOf } from '../devices/device-access.js';

export interface OrganizationsDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  rules: MembershipRules;
}

export interface OrganizationListItem {
  id: string;
  name: string;
  role: { id: string; name: string };
  active: boolean;
}

export function createOrganizationsService(deps: OrganizationsDeps) {
  const { store, clock, audit, rules } = deps;
  const { inOrganization, readOrganization } = organizationScope(store);

  async function read(repos: Repos, orgId: string) {
    return (await repos.organizations.find(orgId)) ?? fail('organization.not_found', { detail: `org=${orgId}` });
  }

  /** The organization, and for its Admins how many members have no second factor yet. */
  async function detail(repos: Repos, orgId: string, me: MemberAccess) {
    const org = await read(repos, orgId);
    return me.isAdmin ? { ...org, membersWithoutMfa: await repos.mfa.countMembersWithoutFactor(orgId) } : org;
  }

  return {
    /** Creates an organization with the caller as its Admin. The active organization stays as it was. */
    async create(actor: Actor, input: { name: string }) {
      const now = clock.now();
      const name = input.name.trim();
      return store.transaction(
        async (tx) => {
          // Locked so that a concurrent account deletion cannot leave a membership of a deleted user.
          if (!(await tx.users.lock(actor.userId))) fail('auth.unauthenticated');
          const orgId = await rules.createOrganization(tx, { id: actor.userId }, name, now, actor);
          return { id: orgId, name, createdAt: now };
        },
        { idempotency: actor.idempotency, revisions: actor.revisions },
      );
    },

    /** The caller's organizations, by name, filtered by `q` (part of the name, any case). */
    async list(
      actor: Actor,
      query: { q?: string | undefined; limit: number; cursor?: string | undefined },
    ): Promise<Page<OrganizationListItem>> {
      const after = decodeCursor(query.cursor, ['name', 'id'] as const);
      const user = (await store.repos.users.findById(actor.userId)) ?? fail('auth.unauthenticated');
      const needle = query.q?.trim().toLocaleLowerCase();
      // A user belongs to a handful of organizations: all of them are read and paged here.
      const sortKey = (name: string, id: string) => `${name.toLocaleLowerCase()}\u0000${id}`;
      const all = (await store.repos.memberships.listOfUser(actor.userId))
        .filter((m) => !needle || m.orgName.toLocaleLowerCase().includes(needle))
        .sort((a, b) => (sortKey(a.orgName, a.orgId) < sortKey(b.orgName, b.orgId) ? -1 : 1));
      const rest = after ? all.filter((m) => sortKey(m.orgName, m.orgId) > sortKey(after.name, after.id)) : all;
      const page = rest.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((m) => ({
          id: m.orgId,
          name: m.orgName,
          role: { id: m.roleId, name: m.roleName },
          active: m.orgId === user.activeOrgId,
        })),
        nextCursor: rest.length > query.limit && last ? encodeCursor({ name: last.orgName, id: last.orgId }) : null,
      };
    },

    get: (actor: Actor, orgId: string) => readOrganization(actor, orgId, 'member', (repos, me) => detail(repos, orgId, me)),

    /**
     * Renames the organization and/or sets whether it requires a second factor of its members.
     * The policy is the Admins' alone, and an Admin who turns it on must have a factor themself.
     */
    update(actor: Actor, orgId: string, input: { name?: string | undefined; requireMfa?: boolean | undefined }) {
      const now = clock.now();
      const name = input.name?.trim();
      return inOrganization(actor, orgId, 'organization:rename', async (tx, me, org) => {
        if (input.requireMfa !== undefined) {
          if (!me.isAdmin)
            fail('authz.forbidden', {
              detail: `org=${orgId} user=${actor.userId} needs=admin`,
              publicDetail: 'Only an Admin sets the two-factor policy.',
            });
          const current = (await tx.organizations.find(orgId))!.requireMfa;
          if (input.requireMfa && !current) {
            const mine = await tx.mfa.summary(actor.userId);
            if (!mine.totp && mine.passkeys === 0) fail('organization.mfa_admin_without_factor');
          }
          if (current !== input.requireMfa) {
            await tx.organizations.setRequireMfa(orgId, input.requireMfa);
            await audit.record(
              tx,
              actor,
              {
                orgId,
                action: 'organization.mfa_policy_changed',
                target: { type: 'organization', id: orgId },
                before: { requireMfa: current },
                after: { requireMfa: input.requireMfa },
              },
              now,
            );
            // No delta: the index reloads, with each member's factor read only while the policy is on.
            tx.changed.authz(orgId);
          }
        }
        if (name !== undefined && org.name !== name) {
          await tx.organizations.rename(orgId, name);
          await audit.record(
            tx,
            actor,
            {
              orgId,
              action: 'organization.renamed',
              target: { type: 'organization', id: orgId },
              before: { name: org.name },
              after: { name },
            },
            now,
          );
        }
        return detail(tx, orgId, me);
      });
    },

    /** Billing information; every field `null` until someone set it. */
    getBilling: (actor: Actor, orgId: string) =>
      readOrganization(actor, orgId, 'organization:billing.edit', async (repos) => (await repos.organizations.getBilling(orgId)) ?? null),

    putBilling(actor: Actor, orgId: string, input: Billing) {
      const now = clock.now();
      const billing = normalizeBilling(input);
      return inOrganization(actor, orgId, 'organization:billing.edit', async (tx) => {
        const before = await tx.organizations.getBilling(orgId);
        await tx.organizations.putBilling(orgId, billing, actor.userId, now);
        const { updatedAt: _, ...beforeFields } = before ?? { updatedAt: null };
        await audit.record(
          tx,
          actor,
          {
            orgId,
            action: 'organization.billing_changed',
            target: { type: 'organization', id: orgId },
            before: before ? beforeFields : null,
            after: billing,
          },
          now,
        );
        return { ...billing, updatedAt: now };
      });
    },

    /**
     * Deletes the organization with its roles, billing information and memberships. Members for
     * whom it was the last organization each get a new empty one, in the same transaction.
     */
    async delete(actor: Actor, orgId: string) {
      const now = clock.now();
      await inOrganization(actor, orgId, 'admin', async (tx, _me, org) => {
        const userIds = await tx.memberships.userIdsOfOrg(orgId);
        await tx.users.lockMany(userIds);
        await audit.record(
          tx,
          actor,
          {
            orgId,
            action: 'organization.deleted',
            target: { type: 'organization', id: orgId },
            before: { name: org.name, memberCount: userIds.length },
          },
          now,
        );
        await tx.organizations.delete(orgId);
        tx.changed.authz(orgId);
        tx.changed.event(orgId, 'organization.deleted', {});
        await rules.afterMembershipsLost(tx, userIds, now, { orgId });
      });
    },

    /** The caller's membership: role, the permissions it holds, device access. */
    myMembership: (actor: Actor, orgId: string) =>
      readOrganization(actor, orgId, 'member', async (repos, me) => ({
        role: { id: me.roleId, name: me.roleName },
        permissions: [...me.permissions],
        deviceAccess: await deviceAccessOf(repos, orgId, me),
      })),
  };
}

function normalizeBilling(input: Billing): Billing {
  const country = input.country.toUpperCase();
  const billingEmail = normalizeEmail(input.billingEmail);
  // Blank means none; what is left once spaces are gone must still look like an id (the table's CHECK).
  const vatId = input.vatId?.replace(/\s+/g, '').toUpperCase() || null;
  const errors = [
    ...(isCountryCode(country)
      ? []
      : [{ field: '/country', rule: 'iso3166', message: 'Must be an ISO 3166-1 alpha-2 country code, such as DE.' }]),
    ...(billingEmail ? [] : [{ field: '/billingEmail', rule: 'format', message: 'Enter a valid e-mail address.' }]),
    ...(vatId === null || vatId.length >= 2
      ? []
      : [{ field: '/vatId', rule: 'minLength', message: 'A VAT id has at least 2 characters, such as DE123456789.' }]),
  ];
  if (errors.length > 0) fail('request.invalid', { errors });
  return {
    companyName: input.companyName.trim(),
    street: input.street.trim(),
    postalCode: input.postalCode.trim(),
    city: input.city.trim(),
    country,
    vatId,
    billingEmail: billingEmail!,
  };
}
