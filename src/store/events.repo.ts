// SQL for events (written by the unit of work, unit-of-work.ts; read here in commit order).
import type { EventsRepo, EventType, StoredEvent } from '../core/events/ports.js';
import type { Queryable } from './db.js';
import { sql } from './sql.js';

type Row = Record<string, unknown>;

export function toEvent(r: Row): StoredEvent {
  return {
    position: Number(r.position),
    id: r.id as string,
    type: r.type as EventType,
    organizationId: (r.org_id as string | null) ?? null,
    occurredAt: r.occurred_at as Date,
    revision: r.revision === null ? null : Number(r.revision),
    data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as StoredEvent['data'],
  };
}

export function eventsRepo(q: Queryable): EventsRepo {
  return {
    async listAfter(position, { types, limit }) {
      const rows = await q.query(
        types && types.length > 0
          ? sql`SELECT * FROM events WHERE position > ${position} AND type = ANY (${types}) ORDER BY position LIMIT ${limit}`
          : sql`SELECT * FROM events WHERE position > ${position} ORDER BY position LIMIT ${limit}`,
      );
      return rows.map(toEvent);
    },
    async lastPosition() {
      const [r] = await q.query<{ p: number | null }>(sql`SELECT max(position) AS p FROM events`);
      return Number(r?.p ?? 0);
    },
    async deleteOlderThan(before) {
      // Deliveries still pending (retried for 24 hours at most) keep their event.
      await q.query(
        sql`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND event_position IN (SELECT position FROM events WHERE occurred_at < ${before})`,
      );
      // With the horizon, in one statement: a reader never sees events gone and the horizon not yet raised.
      const [r] = await q.query<{ n: number }>(
        sql`WITH gone AS (
              DELETE FROM events e WHERE occurred_at < ${before}
                 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_position = e.position) RETURNING position)
            UPDATE events_purged SET through = greatest(through, (SELECT coalesce(max(position), 0) FROM gone))
            RETURNING (SELECT count(*) FROM gone)::int AS n`,
      );
      return Number(r?.n ?? 0);
    },
    async purgedThrough() {
      const [r] = await q.query<{ through: number }>(sql`SELECT through FROM events_purged`);
      return Number(r?.through ?? 0);
    },
  };
}
