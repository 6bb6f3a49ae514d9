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
    // '': the platform's own events (migration 018).
    organizationId: (r.org_id as string) || null,
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

/** The due deliveries of one webhook and organization, oldest first: sent one after another, in this order. */
export interface ClaimedChain {
  webhookId: string;
  organizationId: string;
  deliveries: ClaimedDelivery[];
}

/**
 * What became of a claimed delivery: `succeeded`; `retry` at `nextAttemptAt`; `failed` (given up);
 * `released`: not sent (an earlier one of its chain failed, or the lease ran short) — it is
 * claimable again as it was, its attempt not counted.
 */
export type DeliveryOutcome =
  | { id: string; kind: 'succeeded'; status: number; at: Date }
  | { id: string; kind: 'retry'; status: number | null; error: string; nextAttemptAt: Date; at: Date }
  | { id: string; kind: 'failed'; status: number | null; error: string; at: Date }
  | { id: string; kind: 'released' };

export function createDeliveryQueue(db: Db) {
  return {
    /**
     * Claims due deliveries, as chains: the oldest pending delivery of a webhook and organization
     * (the head; the order per organization) with the pending ones that follow it, up to `chain`
     * of them, none leased by another worker. At most `limit` chains, at most `perWebhook` chains of
     * one webhook in flight counting `inFlight` (so a slow receiver cannot take every slot).
     * One transaction, whatever the number of deliveries.
     */
    async claim(
      now: Date,
      options: { limit: number; perWebhook: number; inFlight: ReadonlyMap<string, number>; leaseMs: number; chain: number },
    ): Promise<ClaimedChain[]> {
      if (options.limit <= 0) return [];
      return db.transaction(async (tx) => {
        // The heads, locked: another worker skips them, and with them their followers (they are not heads).
        const heads = await tx.query<Row>(sql`
          SELECT d.id, d.webhook_id, d.org_id, d.event_position FROM webhook_deliveries d
           WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.leased_until IS NULL OR d.leased_until <= ${now})
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                              WHERE p.webhook_id = d.webhook_id AND p.org_id = d.org_id AND p.status = 'pending'
                                AND p.event_position < d.event_position)
           ORDER BY d.next_attempt_at, d.event_position
           LIMIT ${options.limit * 4} FOR UPDATE SKIP LOCKED`);
        const taken = new Map(options.inFlight);
        const chosen: Row[] = [];
        for (const r of heads) {
          const webhookId = r.webhook_id as string;
          const n = taken.get(webhookId) ?? 0;
          if (n >= options.perWebhook || chosen.length >= options.limit) continue;
          taken.set(webhookId, n + 1);
          chosen.push(r);
        }
        if (chosen.length === 0) return [];
        const ids = chosen.map((r) => r.id as string);
        if (options.chain > 1) {
          // The followers of each head, in order, as far as they are due and not leased (a gap
          // ends the chain: nothing may overtake it).
          const followers = await tx.query<Row>(sql`
            SELECT x.id, x.webhook_id, x.org_id, x.ready FROM (
              SELECT d.id, d.webhook_id, d.org_id, d.event_position,
                     d.next_attempt_at <= ${now} AND (d.leased_until IS NULL OR d.leased_until <= ${now}) AS ready,
                     row_number() OVER (PARTITION BY d.webhook_id, d.org_id ORDER BY d.event_position) AS n
                FROM webhook_deliveries d
                JOIN unnest(${ids}::text[], ${chosen.map((r) => r.webhook_id)}::text[], ${chosen.map((r) => r.org_id)}::text[],
                            ${chosen.map((r) => Number(r.event_position))}::bigint[]) AS h(id, webhook_id, org_id, position)
                  ON d.webhook_id = h.webhook_id AND d.org_id = h.org_id AND d.event_position > h.position
               WHERE d.status = 'pending') x
             WHERE x.n < ${options.chain}
             ORDER BY x.webhook_id, x.org_id, x.event_position`);
          const stopped = new Set<string>();
          for (const f of followers) {
            const group = `${f.webhook_id as string} ${f.org_id as string}`;
            if (stopped.has(group)) continue;
            if (f.ready) ids.push(f.id as string);
            else stopped.add(group);
          }
        }
        const claimed = await tx.query<Row>(sql`
          UPDATE webhook_deliveries d SET leased_until = ${new Date(now.getTime() + options.leaseMs)}, attempts = d.attempts + 1
            FROM webhooks w, events e
           WHERE d.id = ANY (${ids}) AND d.status = 'pending' AND w.id = d.webhook_id AND e.position = d.event_position
          RETURNING d.id, d.webhook_id, d.attempts, d.created_at, w.url, w.secret_sealed,
                    e.position, e.id AS event_id, e.type, e.org_id, e.occurred_at, e.revision, e.data`);
        const chains = new Map<string, ClaimedChain>();
        for (const r of claimed.sort((a, b) => Number(a.position) - Number(b.position))) {
          const event = toEvent({ ...r, id: r.event_id });
          const key = `${r.webhook_id as string} ${event.organizationId ?? ''}`;
          let chain = chains.get(key);
          if (!chain) {
            chain = { webhookId: r.webhook_id as string, organizationId: event.organizationId ?? '', deliveries: [] };
            chains.set(key, chain);
          }
          chain.deliveries.push({
            id: r.id as string,
            webhookId: r.webhook_id as string,
            url: r.url as string,
            secretSealed: r.secret_sealed as string,
            attempts: Number(r.attempts),
            createdAt: r.created_at as Date,
            event,
          });
        }
        return [...chains.values()];
      });
    },

    /** Records outcomes, any number, in one statement. */
    async record(outcomes: readonly DeliveryOutcome[]) {
      if (outcomes.length === 0) return;
      const col = <T>(f: (o: DeliveryOutcome) => T) => outcomes.map(f);
      await db.query(sql`
        UPDATE webhook_deliveries d SET
               status = CASE r.kind WHEN 'succeeded' THEN 'succeeded' WHEN 'failed' THEN 'failed' ELSE 'pending' END,
               last_status = CASE WHEN r.kind = 'released' THEN d.last_status ELSE r.status END,
               last_error = CASE WHEN r.kind = 'released' THEN d.last_error ELSE r.error END,
               leased_until = NULL,
               next_attempt_at = CASE WHEN r.kind = 'retry' THEN r.next ELSE d.next_attempt_at END,
               finished_at = CASE WHEN r.kind IN ('succeeded', 'failed') THEN r.at ELSE d.finished_at END,
               attempts = CASE WHEN r.kind = 'released' THEN d.attempts - 1 ELSE d.attempts END
          FROM unnest(${col((o) => o.id)}::text[], ${col((o) => o.kind)}::text[],
                      ${col((o) => ('status' in o ? o.status : null))}::integer[],
                      ${col((o) => ('error' in o ? o.error.slice(0, 500) : null))}::text[],
                      ${col((o) => (o.kind === 'retry' ? o.nextAttemptAt.toISOString() : null))}::timestamptz[],
                      ${col((o) => ('at' in o ? o.at.toISOString() : null))}::timestamptz[])
               AS r(id, kind, status, error, next, at)
         WHERE d.id = r.id`);
    },
  };
}

export type DeliveryQueue = ReturnType<typeof createDeliveryQueue>;
