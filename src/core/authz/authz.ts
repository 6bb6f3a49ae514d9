// Authorization in one place. `decide` is pure: it takes the facts (is the caller a member, which
// role, which permissions) and answers. `requireAccess` loads those facts for one organization and
// turns a refusal into the one status policy of the API:
//   not signed in → 401 (the HTTP layer), not a member or no such organization → 404 (identical, so
//   ids of other organizations are no oracle), member without the permission → 403.
// Every use case on organization data reaches it first, through `inOrganization` (a change: in
// the transaction that then writes, after the organization's row lock, so a role change or removal
// that committed a moment ago is seen by the very next request) or `readOrganization` (a read);
// see in-organization.ts. The HTTP layer checks a route's declared requirement before that too.
import { fail } from '../errors.js';
import type { MemberAccess } from '../organizations/ports.js';
import type { Repos } from '../store.js';
import type { Permission } from './permissions.js';
import { hasSecondFactor } from '../mfa/amr.js';

/** What a caller must be: a member (any role), an Admin, or a member whose role holds a permission. */
export type Requirement = 'member' | 'admin' | Permission;

export type Decision = 'allow' | 'not_member' | 'forbidden';

export function decide(access: MemberAccess | undefined, requirement: Requirement): Decision {
  if (!access) return 'not_member';
  if (requirement === 'member') return 'allow';
  if (requirement === 'admin') return access.isAdmin ? 'allow' : 'forbidden';
  return access.permissions.has(requirement) ? 'allow' : 'forbidden';
}

export interface Caller {
  userId: string;
  /** How the caller's session was signed in; absent for a caller without a session (no session policy applies). */
  amr?: readonly string[] | undefined;
}

/** Loads the caller's membership and applies the status policy. */
export async function requireAccess(
  repos: Repos,
  caller: Caller,
  requirement: Requirement,
  scope: { orgId: string },
): Promise<MemberAccess> {
  const access = await repos.memberships.findAccess(scope.orgId, caller.userId);
  // A member of an organization that requires a second factor, in a session signed in without one,
  // gets nothing of it but this answer (the web UI takes them to enrolment).
  if (access?.orgRequiresMfa && caller.amr && !hasSecondFactor(caller.amr))
    fail('auth.mfa_required', { detail: `org=${scope.orgId} user=${caller.userId} amr=${caller.amr.join(',')}` });
  switch (decide(access, requirement)) {
    case 'allow':
      return access!;
    case 'not_member':
      return fail('organization.not_found', { detail: `org=${scope.orgId} user=${caller.userId}` });
    case 'forbidden':
      return fail('authz.forbidden', { detail: `org=${scope.orgId} user=${caller.userId} needs=${requirement}` });
  }
}

/**
 * Escalation rules (API.md): only an Admin grants the Admin role or acts on an Admin, and nobody
 * grants, edits, or acts on a role holding a permission they do not hold themselves. Without the
 * second rule a custom role with `users.change-role` could hand out anything, itself included.
 */
export function canActOnRole(actor: MemberAccess, role: { id: string; permissions: readonly string[] }): boolean {
  if (actor.isAdmin) return true;
  if (role.id === 'admin') return false;
  return role.permissions.every((p) => actor.permissions.has(p as Permission));
}

export function requireCanActOnRole(actor: MemberAccess, role: { id: string; permissions: readonly string[] }, what: string) {
  if (!canActOnRole(actor, role)) {
    fail('authz.escalation', {
      detail: `user=${actor.userId} role=${role.id} ${what}`,
      publicDetail:
        role.id === 'admin'
          ? 'Only an Admin can grant the Admin role or change an Admin.'
          : 'You cannot grant or change a role that holds permissions you do not have yourself.',
    });
  }
}
