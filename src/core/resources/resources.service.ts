// A Smart Service's resources in an organization (shared/spec/PLATFORM.md, "Resources"): upserted
// and deleted by the owning service's key, by the service's own ids; listed and read by members,
// who see only what they may access (like devices: a resource out of reach is a 404, the same as
// one that does not exist). The parent is a resource of the type's parent type in the same
// organization; deleting a resource deletes its descendants and every grant on them (foreign keys).
import { newId, type Clock, type Random } from '../clock-random.js';
import { fail, type FieldProblem } from '../errors.js';
import { organizationScope } from '../authz/in-organization.js';
import type { Actor } from '../actor.js';
import type { Repos, Revisions, Store, Tx } from '../store.js';
import { decodeCursor, pageOf, type Page } from '../pagination.js';
import type { ResourceRecord, ResourceTypeRecord } from './ports.js';
import type { MemberAccess } from '../organizations/ports.js';
import type { ServiceCaller as KeyCaller } from '../events/events.service.js';

/**
 * A Smart Service calling with its key (the one key caller, events.service.ts), as a resource write
 * sees it: it may write resources of its own service's types only.
 */
export interface ServiceCaller extends KeyCaller {
  kind: 'service';
  revisions?: Revisions | undefined;
}

export interface ResourceInput {
  name: string;
  parent?: { type: string; externalId: string } | undefined;
  createdBy?: string | undefined;
}

/** A resource as the API shows it. */
export interface ResourceView {
  id: string;
  type: string;
  externalId: string;
  name: string;
  parent: { type: string; externalId: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The deepest a hierarchy goes (a resource and three ancestors). */
const MAX_DEPTH = 4;
/** 1–200 printable characters: no control characters (they would be invisible in a list and a log). */
const EXTERNAL_ID = /^[^\p{Cc}]{1,200}$/u;

const view = (r: ResourceRecord): ResourceView => ({
  id: r.id,
  type: r.type,
  externalId: r.externalId,
  name: r.name,
  parent: r.parent,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const invalid = (errors: FieldProblem[]): never => fail('request.invalid', { errors });

export function createResourcesService(deps: { store: Store; clock: Clock; random: Random }) {
  const { store, clock, random } = deps;
  const { readOrganization } = organizationScope(store);

  async function typeOf(repos: Repos, type: string): Promise<ResourceTypeRecord> {
    return (await repos.resources.findType(type)) ?? fail('resource.type_not_found', { detail: `type=${type}` });
  }

  /** The service's own type: a key of another service (or of none) is 403. */
  async function ownType(repos: Repos, caller: ServiceCaller, type: string): Promise<ResourceTypeRecord> {
    const t = await typeOf(repos, type);
    if (caller.service === null || t.service !== caller.service)
      fail('service.forbidden', {
        detail: `client=${caller.clientId} service=${caller.service ?? '(none)'} type=${type}`,
        publicDetail: `Only the service "${t.service}" writes resources of type ${type}, with its own key.`,
      });
    return t;
  }

  /** A change by the owning service: one transaction under the organization's row lock (404 if there is none). */
  function asService<T>(caller: ServiceCaller, orgId: string, type: string, fn: (tx: Tx, t: ResourceTypeRecord, now: Date) => Promise<T>) {
    const now = clock.now();
    return store.transaction(
      async (tx) => {
        const t = await ownType(tx, caller, type);
        const [org] = await tx.organizations.lock([orgId]);
        if (!org) fail('organization.not_found', { detail: `org=${orgId}` });
        return fn(tx, t, now);
      },
      { revisions: caller.revisions },
    );
  }

  /** Whether the member reaches the resource: Admin, or `all`/a grant on it or an ancestor. */
  async function reaches(repos: Repos, me: MemberAccess, resourceId: string) {
    return me.isAdmin || (await repos.resources.reachable(me.orgId, me.userId, [resourceId])).length === 1;
  }

  return {
    /**
     * Creates or updates the resource the service names by its own id (idempotent). `createdBy`, a
     * member who is not an Admin and does not already reach it, gets it in their explicit set.
     */
    upsert: (caller: ServiceCaller, orgId: string, type: string, externalId: string, input: ResourceInput) =>
      asService(caller, orgId, type, async (tx, t, now) => {
        if (!EXTERNAL_ID.test(externalId)) invalid([{ field: '/externalId', rule: 'format', message: '1 to 200 printable characters.' }]);
        const name = input.name.trim();
        if (name === '') invalid([{ field: '/name', rule: 'minLength', message: 'Enter a name.' }]);
        let parentId: string | null = null;
        if (input.parent) {
          if (t.parent === null || input.parent.type !== t.parent)
            invalid([
              {
                field: '/parent/type',
                rule: 'type',
                message: t.parent === null ? `A ${type} has no parent.` : `The parent of a ${type} is a ${t.parent}.`,
              },
            ]);
          const parent =
            (await tx.resources.findByExternal(orgId, input.parent.type, input.parent.externalId)) ??
            invalid([{ field: '/parent/externalId', rule: 'resource', message: 'No such resource in this organization.' }]);
          if ((await tx.resources.ancestors(orgId, parent.id)).length + 2 > MAX_DEPTH)
            invalid([{ field: '/parent', rule: 'depth', message: `A hierarchy is at most ${MAX_DEPTH} deep.` }]);
          parentId = parent.id;
        }
        const creator = input.createdBy === undefined ? undefined : await tx.memberships.findAccess(orgId, input.createdBy);
        if (input.createdBy !== undefined && !creator)
          invalid([{ field: '/createdBy', rule: 'member', message: 'Not a member of this organization.' }]);
        const { id, created } = await tx.resources.upsert({
          id: newId('res', clock, random),
          orgId,
          type,
          externalId,
          name,
          parentId,
          createdAt: now,
          updatedAt: now,
        });
        tx.changed.authz(orgId, { kind: 'resource_upserted', id, type, externalId, parentId });
        // Whoever made it may reach it (as with devices: else a non-Admin could not see what they made).
        if (creator && !creator.isAdmin && !(await reaches(tx, creator, id))) {
          await tx.resources.grant(orgId, creator.userId, type, id);
          tx.changed.authz(orgId, { kind: 'resource_grant', userId: creator.userId, type, id });
          tx.changed.event(orgId, 'member.access_changed', { userId: creator.userId, type });
        }
        const resource = (await tx.resources.find(orgId, id))!;
        return { resource: view(resource), created };
      }),

    /** Deletes the resource with its descendants; grants on them go too. 404 when there is none. */
    delete: (caller: ServiceCaller, orgId: string, type: string, externalId: string) =>
      asService(caller, orgId, type, async (tx) => {
        const resource =
          (await tx.resources.findByExternal(orgId, type, externalId)) ??
          fail('resource.not_found', { detail: `org=${orgId} type=${type} ext=${externalId}` });
        const ids = await tx.resources.subtree(orgId, resource.id);
        await tx.resources.delete(orgId, resource.id);
        tx.changed.authz(orgId, { kind: 'resources_removed', ids });
        tx.changed.event(orgId, 'resource.deleted', { type, externalId, id: resource.id });
      }),

    /** The resources the member may access, by name, paged; Admins see every one. */
    list: (
      actor: Actor,
      orgId: string,
      query: { type?: string | undefined; parent?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined },
    ): Promise<Page<ResourceView>> =>
      readOrganization(actor, orgId, 'member', async (repos, me) => {
        const after = decodeCursor(query.cursor, ['k', 'id'] as const);
        const rows = await repos.resources.list(orgId, {
          type: query.type,
          parentId: query.parent,
          q: query.q?.trim() || undefined,
          onlyFor: me.isAdmin ? undefined : me.userId,
          after: after && { key: after.k, id: after.id },
          limit: query.limit + 1,
        });
        return pageOf(rows, query.limit, view, (r) => ({ k: r.sortKey, id: r.id }));
      }),

    /** One resource: for a member who may access it, or for the owning service. */
    async get(caller: Actor | ServiceCaller, orgId: string, type: string, externalId: string): Promise<ResourceView> {
      const notFound = () => fail('resource.not_found', { detail: `org=${orgId} type=${type} ext=${externalId}` });
      if ('kind' in caller && caller.kind === 'service') {
        await ownType(store.repos, caller, type);
        if (!(await store.repos.organizations.find(orgId))) fail('organization.not_found', { detail: `org=${orgId}` });
        return view((await store.repos.resources.findByExternal(orgId, type, externalId)) ?? notFound());
      }
      return readOrganization(caller as Actor, orgId, 'member', async (repos, me) => {
        const r = (await repos.resources.findByExternal(orgId, type, externalId)) ?? notFound();
        return (await reaches(repos, me, r.id)) ? view(r) : notFound();
      });
    },
  };
}
