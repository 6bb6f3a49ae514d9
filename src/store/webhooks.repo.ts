// SQL for webhooks and their deliveries. The use cases' side (`webhooksRepo`) manages a service's
// webhooks and reads the delivery log; the worker's side (`createDeliveryQueue`) claims due
// deliveries with a lease (FOR UPDATE SKIP LOCKED, so any number of instances share the work),
// then records the outcome. Delivery rows are written with their event (unit-of-work.ts).
import type { DeliveryRecord, GatehouseEvent, WebhookRecord, WebhooksRepo } from '../core/events/ports.js';
import type { Db, Queryable } from './db.js';
import { toEvent } from './events.repo.js';
import { sql } from './sql.js';

type Row = Record<string, unknown>;

function toWebhook(r: Row): WebhookRecord {
  return {
    id: r.id as string,
    service: r.service as string,
    url: r.url as string,
    types: r.types as string[],
    secretSealed: r.secret_sealed as string,
    createdAt: r.created_at as Date,
  };
}

function toDelivery(r: Row): DeliveryRecord & { position: number } {
  return {
    id: r.id as string,
    webhookId: r.webhook_id as string,
    eventId: r.event_id as string,
    eventType: (r.type as string | null) ?? 'unknown',
    organizationId: r.org_id as string,
    status: r.status as DeliveryRecord['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: r.status === 'pending' ? (r.next_attempt_at as Date) : null,
    lastStatus: (r.last_status as number | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    createdAt: r.created_at as Date,
    finishedAt: (r.finished_at as Date | null) ?? null,
    position: Number(r.event_position),
  };
}

export function webhooksRepo(q: Queryable): WebhooksRepo {
  return {
    async insert(w) {
      await q.query(sql`INSERT INTO webhooks (id, service, url, types, secret_sealed, created_at)
                        VALUES (${w.id}, ${w.service}, ${w.url}, ${w.types}, ${w.secretSealed}, ${w.createdAt})`);
    },
    async list(service) {
      return (await q.query(sql`SELECT * FROM webhooks WHERE service = ${service} ORDER BY created_at, id`)).map(toWebhook);
    },
    async find(service, id) {
      const [r] = await q.query(sql`SELECT * FROM webhooks WHERE service = ${service} AND id = ${id}`);
      return r && toWebhook(r);
    },
    async delete(service, id) {
      return (await q.query(sql`DELETE FROM webhooks WHERE service = ${service} AND id = ${id} RETURNING id`)).length === 1;
    },
    async deliveries(webhookId, { before, limit }) {
      const rows = await q.query(
        sql`SELECT d.*, e.type FROM webhook_deliveries d LEFT JOIN events e ON e.position = d.event_position
             WHERE d.webhook_id = ${webhookId} AND d.event_position < ${before ?? Number.MAX_SAFE_INTEGER}
             ORDER BY d.event_position DESC LIMIT ${limit}`,
      );
      return rows.map(toDelivery);
    },
    async retry(webhookId, deliveryId, now) {
      const [r] = await q.query(
        sql`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ${now}, leased_until = NULL, finished_at = NULL
             WHERE webhook_id = ${webhookId} AND id = ${deliveryId} RETURNING *`,
      );
      if (!r) return undefined;
      const [e] = await q.query<{ type: string }>(sql`SELECT type FROM events WHERE position = ${r.event_position}`);
      return toDelivery({ ...r, type: e?.type ?? null });
    },
  };
}

/** A delivery claimed by one worker: what to send, where, and with which (sealed) secret. */
export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  url: string;
  secretSealed: string;
  attempts: number;
  createdAt: Date;
  event: GatehouseEvent;
}

export function createDeliveryQueue(db: Db) {
  return {
    /**
     * Claims due deliveries: each the oldest pending one of its webhook and organization (the order
     * per organization), not leased by another worker, at most `perWebhook` for a webhook (so a slow
     * receiver cannot take every slot), none of `busy` webhooks beyond what they hold already.
     */
    async claim(
      now: Date,
      options: { limit: number; perWebhook: number; inFlight: ReadonlyMap<string, number>; leaseMs: number },
    ): Promise<ClaimedDelivery[]> {
      if (options.limit <= 0) return [];
      return db.transaction(async (tx) => {
        const rows = await tx.query<Row>(sql`
          SELECT d.id, d.webhook_id FROM webhook_deliveries d
           WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.leased_until IS NULL OR d.leased_until <= ${now})
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                              WHERE p.webhook_id = d.webhook_id AND p.org_id = d.org_id AND p.status = 'pending'
                                AND p.event_position < d.event_position)
           ORDER BY d.next_attempt_at, d.event_position
           LIMIT ${options.limit * 4} FOR UPDATE SKIP LOCKED`);
        const taken = new Map(options.inFlight);
        const ids: string[] = [];
        for (const r of rows) {
          const webhookId = r.webhook_id as string;
          const n = taken.get(webhookId) ?? 0;
          if (n >= options.perWebhook || ids.length >= options.limit) continue;
          taken.set(webhookId, n + 1);
          ids.push(r.id as string);
        }
        if (ids.length === 0) return [];
        const claimed = await tx.query<Row>(sql`
          UPDATE webhook_deliveries d SET leased_until = ${new Date(now.getTime() + options.leaseMs)}, attempts = d.attempts + 1
            FROM webhooks w, events e
           WHERE d.id = ANY (${ids}) AND w.id = d.webhook_id AND e.position = d.event_position
          RETURNING d.id, d.webhook_id, d.attempts, d.created_at, w.url, w.secret_sealed,
                    e.position, e.id AS event_id, e.type, e.org_id, e.occurred_at, e.revision, e.data`);
        return claimed
          .map((r) => ({
            id: r.id as string,
            webhookId: r.webhook_id as string,
            url: r.url as string,
            secretSealed: r.secret_sealed as string,
            attempts: Number(r.attempts),
            createdAt: r.created_at as Date,
            event: toEvent({ ...r, id: r.event_id }),
            position: Number(r.position),
          }))
          .sort((a, b) => a.position - b.position);
      });
    },

    async succeeded(id: string, status: number, now: Date) {
      await db.query(sql`UPDATE webhook_deliveries SET status = 'succeeded', last_status = ${status}, last_error = NULL,
                                leased_until = NULL, finished_at = ${now} WHERE id = ${id}`);
    },

    /** Retried at `nextAttemptAt`, or given up (`null`). */
    async failed(id: string, outcome: { status: number | null; error: string }, nextAttemptAt: Date | null, now: Date) {
      const error = outcome.error.slice(0, 500);
      await db.query(
        nextAttemptAt
          ? sql`UPDATE webhook_deliveries SET last_status = ${outcome.status}, last_error = ${error}, leased_until = NULL,
                       next_attempt_at = ${nextAttemptAt} WHERE id = ${id}`
          : sql`UPDATE webhook_deliveries SET status = 'failed', last_status = ${outcome.status}, last_error = ${error},
                       leased_until = NULL, finished_at = ${now} WHERE id = ${id}`,
      );
    },
  };
}

export type DeliveryQueue = ReturnType<typeof createDeliveryQueue>;
