// The one way into an organization's data, so that every use case on it starts the same:
// authenticate (the caller is given) → lock the organization → authorize → then the use case's
// own work, loading what it needs scoped to the organization, in one transaction.
//   - not a member, or no such organization → 404 `organization.not_found` (the same answer, so
//     ids of other organizations are no oracle); a member without the permission → 403;
//   - the organization's row lock comes first: every change to an organization's members, roles,
//     devices or device access is serialised by it (the lock order of membership-rules.ts), so a
//     role change or removal that committed a moment ago is seen by the very next request;
//   - the caller's Idempotency-Key, if the route declared one, is recorded with the write.
import type { Actor } from '../actor.js';
import { fail } from '../errors.js';
import type { MemberAccess, OrganizationRecord } from '../organizations/ports.js';
import type { Repos, Store, Tx } from '../store.js';
import { requireAccess, type Requirement } from './authz.js';

/** The organization's row lock (the first lock of every change to it); an unknown one is a 404. */
async function lockOrganization(tx: Repos, orgId: string): Promise<OrganizationRecord> {
  const [org] = await tx.organizations.lock([orgId]);
  return org ?? fail('organization.not_found', { detail: `org=${orgId}` });
}

export function organizationScope(store: Store) {
  return {
    /** A change: one transaction, under the organization's lock, after the access check. */
    inOrganization<T>(
      actor: Actor,
      orgId: string,
      requirement: Requirement,
      fn: (tx: Tx, me: MemberAccess, org: OrganizationRecord) => Promise<T>,
    ): Promise<T> {
      return store.transaction(
        async (tx) => {
          const org = await lockOrganization(tx, orgId);
          const me = await requireAccess(tx, actor, requirement, { orgId });
          return fn(tx, me, org);
        },
        { idempotency: actor.idempotency, revisions: actor.revisions },
      );
    },

    /**
     * A read: the access check, then `fn`, each statement on its own (no transaction, no lock).
     * What a read returns may be a moment old by the time it arrives, like any read.
     */
    async readOrganization<T>(
      actor: Actor,
      orgId: string,
      requirement: Requirement,
      fn: (repos: Repos, me: MemberAccess) => Promise<T>,
    ): Promise<T> {
      const me = await requireAccess(store.repos, actor, requirement, { orgId });
      return fn(store.repos, me);
    },
  };
}
