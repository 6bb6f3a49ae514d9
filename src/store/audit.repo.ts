// SQL for the audit log: append and read (the table itself refuses UPDATE and DELETE, migration 002).
import type { AuditEvent, AuditRepo } from '../core/audit/ports.js';
import type { Queryable } from './db.js';
import { join, sql } from './sql.js';

type Row = Record<string, unknown>;

function toEvent(r: Row): AuditEvent {
  return {
    id: r.id as string,
    orgId: r.org_id as string,
    action: r.action as string,
    actorId: (r.actor_id as string | null) ?? null,
    targetType: (r.target_type as string | null) ?? null,
    targetId: (r.target_id as string | null) ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
    details: r.details ?? null,
    names: (r.names as AuditEvent['names']) ?? null,
    requestId: (r.request_id as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export function auditRepo(q: Queryable): AuditRepo {
  return {
    async record(e) {
      await q.query(sql`
        INSERT INTO audit_events (id, org_id, action, actor_id, target_type, target_id, before, after, details, names, request_id, created_at)
        VALUES (${e.id}, ${e.orgId}, ${e.action}, ${e.actorId}, ${e.targetType}, ${e.targetId},
                ${json(e.before)}::jsonb, ${json(e.after)}::jsonb, ${json(e.details)}::jsonb, ${json(e.names)}::jsonb, ${e.requestId}, ${e.createdAt})`);
    },
    async list(orgId, query) {
      const where = [sql`org_id = ${orgId}`];
      if (query.action !== undefined) where.push(sql`action = ${query.action}`);
      if (query.actorId !== undefined) where.push(sql`actor_id = ${query.actorId}`);
      if (query.targetId !== undefined) where.push(sql`target_id = ${query.targetId}`);
      if (query.before !== undefined) where.push(sql`id < ${query.before}`);
      const rows = await q.query(sql`
        SELECT id, org_id, action, actor_id, target_type, target_id, before, after, details, names, request_id, created_at
          FROM audit_events WHERE ${join(where, ' AND ')} ORDER BY id DESC LIMIT ${query.limit}`);
      return rows.map(toEvent);
    },
  };
}
