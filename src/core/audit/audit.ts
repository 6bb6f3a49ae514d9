// The audit log: one event per change, written by the use case in the transaction of the change
// (a rolled-back change leaves no event; a committed one always has its event). Append-only: the
// table refuses UPDATE and DELETE (migration 002).
import { newId, type Clock, type Random } from '../clock-random.js';
import type { Actor } from '../actor.js';
import type { Repos, Store } from '../store.js';
import type { AuditEvent, AuditNames } from './ports.js';
import type { MemberAccess } from '../organizations/ports.js';
import { organizationScope } from '../authz/in-organization.js';
import { decodeCursor, pageOf, type Page } from '../pagination.js';

export const AUDIT_ACTIONS = [
  'organization.created',
  'organization.renamed',
  'organization.deleted',
  'organization.billing_changed',
  'member.role_changed',
  'member.removed',
  'member.left',
  'role.created',
  'role.changed',
  'role.deleted',
  'invitation.created',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
  'invitation.declined',
  'device.added',
  'device.changed',
  'device.deleted',
  'device.token_reset',
  'member.device_access_changed',
  'service.manifest_changed',
  'member.mfa_changed',
  'organization.mfa_policy_changed',
  'member.access_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  orgId: string;
  action: AuditAction;
  target?: { type: 'organization' | 'member' | 'role' | 'user' | 'invitation' | 'device' | 'service'; id: string };
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const fullName = (u: { firstName: string; lastName: string }) => `${u.firstName} ${u.lastName}`.trim();

/** The device ids an event's before/after list (device access, an invitation's device access). */
function listedDevices(...values: unknown[]): string[] {
  const ids = new Set<string>();
  for (const v of values) {
    if (!isObj(v)) continue;
    for (const list of [v.deviceIds, isObj(v.deviceAccess) ? v.deviceAccess.deviceIds : undefined]) {
      if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.add(id);
    }
  }
  return [...ids];
}

/** Names what an event is about, as it is now, in the transaction that records it. */
async function namesAt(repos: Repos, actor: Actor | null, entry: AuditEntry): Promise<AuditNames | null> {
  const names: AuditNames = {};
  if (actor) {
    const u = await repos.users.findById(actor.userId);
    if (u) names.actor = { name: fullName(u), email: u.email };
  }
  const own = str((entry.after as Obj | undefined)?.name) ?? str((entry.before as Obj | undefined)?.name);
  switch (entry.target?.type) {
    case 'member':
    case 'user': {
      const u = await repos.users.findById(entry.target.id);
      if (u) names.target = { name: fullName(u), email: u.email };
      break;
    }
    case 'device': {
      const name = own ?? (await repos.devices.find(entry.orgId, entry.target.id))?.name;
      if (name) names.target = { name };
      break;
    }
    case 'role': {
      const name = own ?? (await repos.roles.find(entry.orgId, entry.target.id))?.name;
      if (name) names.target = { name };
      break;
    }
    case 'invitation': {
      const email =
        str((entry.after as Obj | undefined)?.email) ??
        str((entry.before as Obj | undefined)?.email) ??
        (await repos.invitations.find(entry.orgId, entry.target.id))?.email;
      if (email) names.target = { name: email, email };
      break;
    }
    default:
      break;
  }
  const ids = listedDevices(entry.before, entry.after);
  if (ids.length > 0) names.devices = Object.fromEntries((await repos.devices.namesOf(entry.orgId, ids)).map((d) => [d.id, d.name]));
  return Object.keys(names).length > 0 ? names : null;
}

export function createAuditLog(deps: { clock: Clock; random: Random }) {
  return {
    async record(repos: Repos, actor: Actor | null, entry: AuditEntry, now: Date = deps.clock.now()): Promise<void> {
      const event: AuditEvent = {
        id: newId('evt', deps.clock, deps.random),
        orgId: entry.orgId,
        action: entry.action,
        actorId: actor?.userId ?? null,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        details: entry.details ?? null,
        names: await namesAt(repos, actor, entry),
        requestId: actor?.requestId ?? null,
        createdAt: now,
      };
      await repos.audit.record(event);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

export interface AuditEventView {
  id: string;
  action: string;
  actorId: string | null;
  /** The actor as they were at the event (`null`: the service itself, or an event recorded before names were). */
  actor: { id: string; name: string | null; email: string | null } | null;
  target: { type: string; id: string; name: string | Redacted | null; email: string | null } | null;
  before: unknown;
  after: unknown;
  details: unknown;
  /** The names of the devices the event lists, as they were; `{ redacted: true }` for a device the reader cannot open. */
  deviceNames: Record<string, string | Redacted>;
  /** Something in this event was hidden from the reader (the values say `{ redacted: true }`). */
  redacted: boolean;
  requestId: string | null;
  createdAt: Date;
}

/** What a hidden value reads as: the reader may not see it (issue 13, item 7). */
export type Redacted = { redacted: true };
const REDACTED: Redacted = Object.freeze({ redacted: true as const });

/** Every value of an object hidden, its keys kept (which fields changed is no secret; their values are). */
const hideValues = (v: unknown): unknown =>
  isObj(v) ? Object.fromEntries(Object.keys(v).map((k) => [k, REDACTED])) : v === null || v === undefined ? v : REDACTED;

/**
 * What the reader may see of the log: billing data needs `organization:billing.edit`; a device's
 * details (name, UUID, location …) need what opening the device needs: `devices.view` and access to
 * that device (Admin, all devices, or the device in their set; a deleted device only with all devices).
 */
function readerScope(me: MemberAccess, explicitDevices: ReadonlySet<string>) {
  const viewsDevices = me.isAdmin || me.permissions.has('device-management:devices.view');
  return {
    billing: me.isAdmin || me.permissions.has('organization:billing.edit'),
    device: (id: string) => viewsDevices && (me.isAdmin || me.allDevices || explicitDevices.has(id)),
  };
}

/** One event as the reader may see it. */
function viewOf(e: AuditEvent, scope: ReturnType<typeof readerScope>): AuditEventView {
  let before = e.before;
  let after = e.after;
  let redacted = false;
  const names = e.names ?? {};
  let targetName: string | Redacted | null = names.target?.name ?? null;
  if (e.action === 'organization.billing_changed' && !scope.billing) {
    before = hideValues(before);
    after = hideValues(after);
    redacted = true;
  }
  if (e.targetType === 'device' && e.targetId && !scope.device(e.targetId)) {
    before = hideValues(before);
    after = hideValues(after);
    targetName = REDACTED;
    redacted = true;
  }
  const deviceNames: Record<string, string | Redacted> = {};
  for (const id of listedDevices(e.before, e.after)) {
    if (scope.device(id)) {
      const name = names.devices?.[id];
      if (name !== undefined) deviceNames[id] = name;
    } else {
      deviceNames[id] = REDACTED;
      redacted = true;
    }
  }
  return {
    id: e.id,
    action: e.action,
    actorId: e.actorId,
    actor: e.actorId ? { id: e.actorId, name: names.actor?.name ?? null, email: names.actor?.email ?? null } : null,
    target:
      e.targetType && e.targetId ? { type: e.targetType, id: e.targetId, name: targetName, email: names.target?.email ?? null } : null,
    before,
    after,
    details: e.details,
    deviceNames,
    redacted,
    requestId: e.requestId,
    createdAt: e.createdAt,
  };
}

/** Reading the log: newest first, filtered, cursor-paged. */
export function createAuditService(deps: { store: Store }) {
  const { readOrganization } = organizationScope(deps.store);
  return {
    list: (
      actor: Actor,
      orgId: string,
      query: {
        action?: string | undefined;
        actorId?: string | undefined;
        targetId?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ): Promise<Page<AuditEventView>> =>
      readOrganization(actor, orgId, 'user-management:access', async (repos, me) => {
        const after = decodeCursor(query.cursor, ['id'] as const);
        const rows = await repos.audit.list(orgId, {
          action: query.action,
          actorId: query.actorId,
          targetId: query.targetId,
          before: after?.id,
          limit: query.limit + 1,
        });
        const explicit = me.isAdmin || me.allDevices ? new Set<string>() : new Set(await repos.memberships.deviceIdsOf(orgId, me.userId));
        const scope = readerScope(me, explicit);
        return pageOf(
          rows,
          query.limit,
          (e) => viewOf(e, scope),
          (e) => ({ id: e.id }),
        );
      }),
  };
}
