// The two invariants of organizations, in one place:
//   1. every organization with members keeps at least one Admin (`member.last_admin`);
//   2. every user keeps at least one organization: whoever loses their last one gets a new, empty
//      organization with themself as Admin, in the same transaction (the seed's "empty organization").
// Lock order, for every change to memberships: the organizations' rows (in id order), then the
// users' rows (in id order). The organization lock serialises everything that changes one
// organization's members or roles, so counting its Admins under it is exact; the user lock
// serialises the changes that can take a user's last organization away, so "has the user another
// organization?" is exact too. One order everywhere means concurrent changes queue, never deadlock.
import { newId, type Clock, type Random } from '../clock-random.js';
import { fail } from '../errors.js';
import type { Repos, Tx } from '../store.js';
import type { AuditLog } from '../audit/audit.js';
import type { Actor } from '../actor.js';
import type { OrganizationView } from './ports.js';

/**
 * "<firstName>'s organization", cut to the 100 characters organizations.name holds. Counted in code
 * points, as PostgreSQL's char_length counts: cutting UTF-16 units would split an emoji and send a
 * lone surrogate (which the driver turns into U+FFFD) while leaving room unused.
 */
export function defaultOrganizationName(firstName: string): string {
  const name = [...`${firstName}'s organization`];
  return name.length <= 100 ? name.join('') : `${name.slice(0, 99).join('')}…`;
}

/**
 * Locks a user with all their organizations, in the lock order above: the organizations, then the
 * user. The set is read before the locks; should it change meanwhile (an invitation accepted),
 * it starts over. `undefined` when the user is gone.
 */
export async function lockUserWithOrganizations(tx: Tx, userId: string) {
  let orgIds = await tx.memberships.orgIdsOfUser(userId);
  for (;;) {
    await tx.organizations.lock(orgIds);
    const user = await tx.users.lock(userId);
    if (!user) return undefined;
    const current = await tx.memberships.orgIdsOfUser(userId);
    if (current.join() === orgIds.join()) return { user, orgIds };
    orgIds = current;
  }
}

/**
 * The user's row goes (the account deleted, or a sign-up never verified), with everything that
 * follows for their organizations: one where the user is the only member goes too; in the others
 * the membership goes with the row (foreign key). Call with `lockUserWithOrganizations` held.
 * `before` runs for each organization before it changes (the caller's audit line; a purged sign-up
 * has none: nobody acted, and nothing was ever done in its organization).
 */
export async function deleteUserWithOrganizations(
  tx: Tx,
  userId: string,
  orgIds: readonly string[],
  before?: (org: OrganizationView, alone: boolean) => Promise<void>,
) {
  for (const orgId of orgIds) {
    const org = (await tx.organizations.find(orgId))!;
    const alone = org.memberCount === 1;
    await before?.(org, alone);
    if (alone) {
      await tx.organizations.delete(orgId);
      tx.changed.authz(orgId);
      tx.changed.event(orgId, 'user.deleted', { userId });
      tx.changed.event(orgId, 'organization.deleted', {});
    } else {
      tx.changed.authz(orgId, { kind: 'member_removed', userId });
      tx.changed.event(orgId, 'user.deleted', { userId });
    }
  }
  await tx.users.delete(userId);
}

export function createMembershipRules(deps: { clock: Clock; random: Random; audit: AuditLog }) {
  const { clock, random, audit } = deps;

  /** Creates an organization with `user` as its only member and Admin. */
  async function createOrganization(repos: Tx, user: { id: string }, name: string, now: Date, actor: Actor | null, details?: unknown) {
    const orgId = newId('org', clock, random);
    await repos.organizations.insert({ id: orgId, name, createdAt: now, createdBy: user.id });
    await repos.memberships.insert({ orgId, userId: user.id, roleId: 'admin', joinedAt: now, invitedBy: null });
    repos.changed.authz(orgId);
    repos.changed.event(orgId, 'member.added', { userId: user.id, roleId: 'admin' });
    await audit.record(
      repos,
      actor,
      { orgId, action: 'organization.created', target: { type: 'organization', id: orgId }, after: { name }, details },
      now,
    );
    return orgId;
  }

  /**
   * Refuses to demote or remove the last Admin. That includes the last member leaving: an
   * organization without members would be one nobody administers, so its last Admin deletes it
   * instead (an explicit act, not a side effect of leaving). Call with the organization locked.
   */
  async function requireAnAdminRemains(repos: Repos, orgId: string, currentRole: { id: string }) {
    if (currentRole.id !== 'admin') return;
    if ((await repos.memberships.countAdmins(orgId)) <= 1) {
      fail('member.last_admin', {
        detail: `org=${orgId}`,
        publicDetail: 'An organization must keep at least one Admin. Make another member Admin first, or delete the organization.',
      });
    }
  }

  /**
   * After memberships were removed: each of these users (locked by the caller) who has no
   * organization left gets a new empty one, and whoever's active organization is gone gets
   * another. Returns the organizations created, by user.
   */
  async function afterMembershipsLost(repos: Tx, userIds: readonly string[], now: Date, lost: { orgId: string }) {
    const created = new Map<string, string>();
    for (const userId of userIds) {
      const user = await repos.users.findById(userId);
      if (!user) continue;
      const memberships = await repos.memberships.listOfUser(userId);
      if (memberships.length === 0) {
        const orgId = await createOrganization(repos, user, defaultOrganizationName(user.firstName), now, null, {
          reason: 'last_organization_lost',
          previousOrganizationId: lost.orgId,
        });
        created.set(userId, orgId);
        await repos.users.update(userId, { activeOrgId: orgId }, now);
      } else if (!memberships.some((m) => m.orgId === user.activeOrgId)) {
        await repos.users.update(userId, { activeOrgId: memberships[0]!.orgId }, now);
      }
    }
    return created;
  }

  return { createOrganization, requireAnAdminRemains, afterMembershipsLost };
}

export type MembershipRules = ReturnType<typeof createMembershipRules>;
