// The audit log: one event per change, written by the use case in the transaction of the change
// (a rolled-back change leaves no event; a committed one always has its event). Append-only: the
// table refuses UPDATE and DELETE (migration 002).
import { newId, type Clock, type Random } from '../clock-random.js';
import type { Actor } from '../actor.js';
import type { Repos, Store } from '../store.js';
import type { AuditEvent } from './ports.js';
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  orgId: string;
  action: AuditAction;
  target?: { type: 'organization' | 'member' | 'role' | 'user' | 'invitation' | 'device'; id: string };
  before?: unknown;
  after?: unknown;
  details?: unknown;
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
  target: { type: string; id: string } | null;
  before: unknown;
  after: unknown;
  details: unknown;
  requestId: string | null;
  createdAt: Date;
}

/** Reading the log: newest first, filtered, cursor-paged. */
export function createAuditService(deps: { store: Store }) {
  const { readOrganization } = organizationScope(deps.store);
  return {
    list: (actor: Actor, orgId: string, query: { action?: string | undefined; actorId?: string | undefined; targetId?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<AuditEventView>> =>
      readOrganization(actor, orgId, 'user-management:access', async (repos) => {
        const after = decodeCursor(query.cursor, ['id'] as const);
        const rows = await repos.audit.list(orgId, { action: query.action, actorId: query.actorId, targetId: query.targetId, before: after?.id, limit: query.limit + 1 });
        return pageOf(rows, query.limit, (e) => ({
          id: e.id,
          action: e.action,
          actorId: e.actorId,
          target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId } : null,
          before: e.before,
          after: e.after,
          details: e.details,
          requestId: e.requestId,
          createdAt: e.createdAt,
        }), (e) => ({ id: e.id }));
      }),
  };
}
