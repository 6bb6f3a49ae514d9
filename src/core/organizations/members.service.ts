// Members of an organization: list, read, change role, remove, leave. Every change runs in one
// transaction under the organization's row lock (then the affected user's), so the invariants of
// membership-rules.ts hold under any concurrency.
import type { Clock } from '../clock-random.js';
import { fail } from '../errors.js';
import { requireCanActOnRole } from '../authz/authz.js';
import { organizationScope } from '../authz/in-organization.js';
import type { InvitationRecord } from '../invitations/ports.js';
import type { RoleRecord } from '../roles/ports.js';
import type { Repos, Store, Tx } from '../store.js';
import type { MemberRecord, MemberSort } from './ports.js';
import type { AuditLog } from '../audit/audit.js';
import type { Actor } from '../actor.js';
import { decodeCursor, encodeCursor, invalidCursor, pageOf, type Page } from '../pagination.js';
import type { MembershipRules } from './membership-rules.js';
import { deviceAccessOf } from '../devices/device-access.js';

export interface MembersDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  rules: MembershipRules;
}

export interface MemberView {
  /** `null` for a pending invitation (whether the address has an account is not told). */
  userId: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  role: { id: string; name: string };
  status: 'active' | 'invited';
  joinedAt: Date | null;
  invitedBy: { userId: string; firstName: string; lastName: string } | null;
  /** Pending invitations only: when it was first sent, and when its link stops working. */
  invitationId?: string;
  invitedAt?: Date;
  expiresAt?: Date | null;
}

export interface MemberListInput {
  q?: string | undefined;
  role?: string | undefined;
  status: 'active' | 'invited' | 'all';
  sort: MemberSort;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
}

const view = (m: MemberRecord): MemberView => ({
  userId: m.userId,
  email: m.email,
  firstName: m.firstName,
  lastName: m.lastName,
  role: m.role,
  status: 'active',
  joinedAt: m.joinedAt,
  invitedBy: m.invitedBy,
});

const invitedView = (inv: InvitationRecord): MemberView => ({
  userId: null,
  email: inv.email,
  firstName: null,
  lastName: null,
  role: inv.role,
  status: 'invited',
  joinedAt: null,
  invitedBy: inv.invitedBy,
  invitationId: inv.id,
  invitedAt: inv.createdAt,
  expiresAt: inv.expiresAt,
});

const accessOf = (repos: Repos, orgId: string, m: MemberRecord) =>
  deviceAccessOf(repos, orgId, { userId: m.userId, isAdmin: m.role.id === 'admin', allDevices: m.allDevices });

export function createMembersService(deps: MembersDeps) {
  const { store, clock, audit, rules } = deps;
  const { inOrganization, readOrganization } = organizationScope(store);

  async function getMember(repos: Repos, orgId: string, userId: string): Promise<MemberRecord> {
    return (await repos.memberships.get(orgId, userId)) ?? fail('member.not_found', { detail: `org=${orgId} user=${userId}` });
  }

  async function getRole(repos: Repos, orgId: string, roleId: string): Promise<RoleRecord> {
    return (await repos.roles.find(orgId, roleId)) ?? fail('role.not_found', { detail: `org=${orgId} role=${roleId}` });
  }

  /** Removes `userId` from `orgId`: the last-Admin rule, then the last-organization rule. */
  async function detach(tx: Tx, actor: Actor, orgId: string, userId: string, action: 'member.removed' | 'member.left', now: Date) {
    const target = await getMember(tx, orgId, userId);
    await rules.requireAnAdminRemains(tx, orgId, target.role);
    await tx.users.lockMany([userId]);
    await tx.memberships.delete(orgId, userId);
    tx.changed.authz(orgId, { kind: 'member_removed', userId });
    tx.changed.event(orgId, 'member.removed', { userId });
    await audit.record(tx, actor, { orgId, action, target: { type: 'member', id: userId }, before: { role: target.role } }, now);
    await rules.afterMembershipsLost(tx, [userId], now, { orgId });
    return target;
  }

  return {
    /**
     * Members, and with `status=invited|all` the pending invitations (as Proficloud shows them, in
     * the same list). With `all`, the members come first, then the invitations, ordered by e-mail;
     * the cursor says which of the two it is in (`p`).
     */
    list: (actor: Actor, orgId: string, input: MemberListInput): Promise<Page<MemberView>> =>
      readOrganization(actor, orgId, 'user-management:access', async (repos) => {
        const after = decodeCursor(input.cursor, ['p', 'k', 'id'] as const);
        if (
          after &&
          (!['m', 'i'].includes(after.p) || (after.p === 'm' && input.sort === 'joinedAt' && Number.isNaN(Date.parse(after.k))))
        ) {
          invalidCursor();
        }
        const q = input.q?.trim() || undefined;
        const items: MemberView[] = [];
        if (input.status !== 'invited' && after?.p !== 'i') {
          const rows = await repos.memberships.list(orgId, {
            q,
            roleId: input.role,
            sort: input.sort,
            order: input.order,
            limit: input.limit + 1,
            after: after && { key: after.k, userId: after.id },
          });
          const page = pageOf(rows, input.limit, view, (r) => ({ p: 'm', k: r.cursorKey, id: r.userId }));
          if (page.nextCursor || input.status === 'active') return page;
          items.push(...page.items);
        }
        const room = input.limit - items.length;
        if (room === 0) return { items, nextCursor: encodeCursor({ p: 'i', k: '', id: '' }) };
        const invitations = await repos.invitations.listPending(orgId, {
          q,
          roleId: input.role,
          order: input.order,
          now: clock.now(),
          limit: room + 1,
          after: after?.p === 'i' && after.id !== '' ? { key: after.k, id: after.id } : undefined,
        });
        const page = pageOf(invitations, room, invitedView, (r) => ({ p: 'i', k: r.email, id: r.id }));
        return { items: [...items, ...page.items], nextCursor: page.nextCursor };
      }),

    /** One member with device access; members may always read their own entry. */
    get: (actor: Actor, orgId: string, userId: string) =>
      readOrganization(actor, orgId, userId === actor.userId ? 'member' : 'user-management:access', async (repos) => {
        const member = await getMember(repos, orgId, userId);
        return { ...view(member), deviceAccess: await accessOf(repos, orgId, member) };
      }),

    changeRole(actor: Actor, orgId: string, userId: string, input: { roleId: string }) {
      const now = clock.now();
      return inOrganization(actor, orgId, 'user-management:users.change-role', async (tx, me) => {
        const target = await getMember(tx, orgId, userId);
        const newRole = await getRole(tx, orgId, input.roleId);
        requireCanActOnRole(me, await getRole(tx, orgId, target.role.id), 'change from');
        requireCanActOnRole(me, newRole, 'grant');
        if (newRole.id !== target.role.id) {
          if (newRole.id !== 'admin') await rules.requireAnAdminRemains(tx, orgId, target.role);
          await tx.memberships.setRole(orgId, userId, newRole.id);
          // An Admin reaches every device, so explicit device access means nothing while they are
          // one; dropped here, a later demotion starts from no devices rather than reviving a stale
          // set (least privilege: an Admin picks the devices again).
          if (newRole.id === 'admin') await tx.memberships.setDeviceAccess(orgId, userId, false, []);
          tx.changed.authz(orgId);
          tx.changed.event(orgId, 'member.role_changed', { userId, roleId: newRole.id, previousRoleId: target.role.id });
          await audit.record(
            tx,
            actor,
            {
              orgId,
              action: 'member.role_changed',
              target: { type: 'member', id: userId },
              before: { role: target.role },
              after: { role: { id: newRole.id, name: newRole.name } },
            },
            now,
          );
        }
        const member = await getMember(tx, orgId, userId);
        return { ...view(member), deviceAccess: await accessOf(tx, orgId, member) };
      });
    },

    async remove(actor: Actor, orgId: string, userId: string) {
      const now = clock.now();
      await inOrganization(actor, orgId, 'user-management:users.remove', async (tx, me) => {
        const target = await getMember(tx, orgId, userId);
        requireCanActOnRole(me, await getRole(tx, orgId, target.role.id), 'remove');
        await detach(tx, actor, orgId, userId, userId === actor.userId ? 'member.left' : 'member.removed', now);
      });
    },

    async leave(actor: Actor, orgId: string) {
      const now = clock.now();
      await inOrganization(actor, orgId, 'member', (tx) => detach(tx, actor, orgId, actor.userId, 'member.left', now));
    },
  };
}
