// A member's access per resource type (shared/spec/PLATFORM.md, "Access to resources"): for each
// type, `all` (every resource of it, present and future) or an explicit set; access to a resource
// covers its descendants. `device` is Gatehouse's own type and keeps its own storage and routes
// (devices.service.ts); this reads and writes it through them, so both ways mean the same.
// Delegation (authz/delegation.ts) holds for every type: nobody grants what they do not reach,
// `all` only from an Admin or from someone with `all` of that type (or of an ancestor's type), and
// nobody but an Admin changes their own access — 403 `authz.access_escalation`.
import type { Clock } from '../clock-random.js';
import { fail, type FieldProblem } from '../errors.js';
import { requireCanActOnRole } from '../authz/authz.js';
import { organizationScope } from '../authz/in-organization.js';
import { deviceGrantRefusal } from '../authz/delegation.js';
import type { Actor } from '../actor.js';
import type { Repos, Store } from '../store.js';
import type { AuditLog } from '../audit/audit.js';
import type { MemberAccess } from '../organizations/ports.js';
import type { DevicesService } from '../devices/devices.service.js';
import { deviceAccessOf } from '../devices/device-access.js';
import type { ResourceAccess, ResourceTypeRecord } from './ports.js';

const DEVICE_TYPE = 'device';

/** The types above `type` in its hierarchy, its parent first. */
function ancestorTypes(types: readonly ResourceTypeRecord[], type: string): string[] {
  const byType = new Map(types.map((t) => [t.type, t]));
  const up: string[] = [];
  for (let t = byType.get(type)?.parent; t && up.length < 10; t = byType.get(t)?.parent ?? null) up.push(t);
  return up;
}

/** The member has `all` of this type, directly or through an ancestor's type. */
function hasAllOf(access: ReadonlyMap<string, ResourceAccess>, types: readonly ResourceTypeRecord[], type: string): boolean {
  return [type, ...ancestorTypes(types, type)].some((t) => access.get(t)?.all === true);
}

const PUBLIC = {
  own_access: 'Only an Admin can change their own access.',
  all_devices: 'Only an Admin or a member with access to all of this kind can grant access to all of it.',
  devices: 'You cannot grant access to something you cannot access yourself.',
} as const;

/**
 * Why `actor` may not move `target`'s access to one resource type from `before` to `after` (the
 * device rule of delegation.ts, for any type), or `undefined`. `reach.reachable`: those of the ids
 * in `after` the actor reaches.
 */
export function accessGrantRefusal(
  actor: Pick<MemberAccess, 'userId' | 'isAdmin'>,
  reach: { all: boolean; reachable: ReadonlySet<string> },
  target: { userId?: string | undefined; before: ResourceAccess },
  after: ResourceAccess,
) {
  return deviceGrantRefusal(
    actor,
    { allDevices: reach.all, deviceIds: reach.reachable },
    { userId: target.userId, before: { allDevices: target.before.all, deviceIds: target.before.ids } },
    { allDevices: after.all, deviceIds: after.ids },
  );
}

/** 403 `authz.access_escalation` when `accessGrantRefusal` refuses. */
export function requireCanGrantAccess(
  actor: Pick<MemberAccess, 'userId' | 'isAdmin'>,
  reach: { all: boolean; reachable: ReadonlySet<string> },
  target: { userId?: string | undefined; before: ResourceAccess },
  after: ResourceAccess,
  type: string,
) {
  const refusal = accessGrantRefusal(actor, reach, target, after);
  if (!refusal) return;
  fail('authz.access_escalation', {
    detail: `user=${actor.userId} type=${type} grant refused: ${refusal.reason}${refusal.reason === 'devices' ? ` ${refusal.deviceIds.join(',')}` : ''} target=${target.userId ?? 'invitation'}`,
    publicDetail: PUBLIC[refusal.reason],
  });
}

/** What `me` reaches of one type, for the ids about to be granted. */
export async function reachFor(
  repos: Repos,
  me: MemberAccess,
  types: readonly ResourceTypeRecord[],
  type: string,
  ids: readonly string[],
): Promise<{ all: boolean; reachable: ReadonlySet<string> }> {
  if (me.isAdmin) return { all: true, reachable: new Set() };
  const access = await repos.resources.accessOf(me.orgId, me.userId);
  if (hasAllOf(access, types, type)) return { all: true, reachable: new Set() };
  return { all: false, reachable: new Set(await repos.resources.reachable(me.orgId, me.userId, ids)) };
}

/**
 * The `ids` that are not resources of `type` in the organization, as field problems under `path`.
 */
export async function unknownResources(repos: Repos, orgId: string, type: string, ids: readonly string[], path: string) {
  const known = new Map((await repos.resources.existing(orgId, ids)).map((r) => [r.id, r.type]));
  return ids.flatMap((id, i): FieldProblem[] =>
    known.get(id) === type ? [] : [{ field: `${path}/${i}`, rule: 'resource', message: `No ${type} with this id in this organization.` }],
  );
}

export function createResourceAccessService(deps: { store: Store; clock: Clock; audit: AuditLog; devices: DevicesService }) {
  const { store, clock, audit, devices } = deps;
  const { inOrganization, readOrganization } = organizationScope(store);

  return {
    /** Every type's access of a member: `device` first, then each registered type. Members may read their own. */
    get: (actor: Actor, orgId: string, userId: string) =>
      readOrganization(actor, orgId, userId === actor.userId ? 'member' : 'user-management:access', async (repos) => {
        const target = (await repos.memberships.findAccess(orgId, userId)) ?? fail('member.not_found');
        const device = await deviceAccessOf(repos, orgId, target);
        const result: Record<string, ResourceAccess> = { [DEVICE_TYPE]: { all: device.allDevices, ids: device.deviceIds } };
        const access = target.isAdmin ? new Map<string, ResourceAccess>() : await repos.resources.accessOf(orgId, userId);
        for (const t of await repos.resources.types())
          result[t.type] = target.isAdmin ? { all: true, ids: [] } : (access.get(t.type) ?? { all: false, ids: [] });
        return result;
      }),

    /** Replaces a member's access to one type. Admins always have everything (409). */
    async set(actor: Actor, orgId: string, userId: string, type: string, input: ResourceAccess): Promise<ResourceAccess> {
      if (type === DEVICE_TYPE) {
        const after = await devices.setAccess(actor, orgId, userId, { allDevices: input.all, deviceIds: input.ids });
        return { all: after.allDevices, ids: after.deviceIds };
      }
      const now = clock.now();
      const ids = [...new Set(input.ids)];
      return inOrganization(actor, orgId, 'user-management:users.device-access', async (tx, me) => {
        if (!(await tx.resources.findType(type))) fail('resource.type_not_found', { detail: `type=${type}` });
        const target = (await tx.memberships.findAccess(orgId, userId)) ?? fail('member.not_found');
        if (target.isAdmin) fail('member.admin_all_resources');
        requireCanActOnRole(me, { id: target.roleId, permissions: [...target.permissions] }, 'change access of');
        const errors = await unknownResources(tx, orgId, type, input.ids, '/ids');
        if (errors.length > 0) fail('request.invalid', { errors });
        const types = await tx.resources.types();
        const before = (await tx.resources.accessOf(orgId, userId)).get(type) ?? { all: false, ids: [] };
        const after: ResourceAccess = { all: input.all, ids: input.all ? [] : ids };
        requireCanGrantAccess(me, await reachFor(tx, me, types, type, after.ids), { userId, before }, after, type);
        await tx.resources.setAccess(orgId, userId, type, after);
        tx.changed.authz(orgId, { kind: 'resource_access', userId, type, all: after.all, ids: after.ids });
        tx.changed.event(orgId, 'member.access_changed', { userId, type });
        await audit.record(
          tx,
          actor,
          { orgId, action: 'member.access_changed', target: { type: 'member', id: userId }, before, after, details: { type } },
          now,
        );
        return after;
      });
    },
  };
}
