// Events and webhooks for the Smart Services (shared/spec/PLATFORM.md "Events"). Events are
// written by the unit of work in the transaction of each change (`tx.changed.event`); here they
// are read in commit order, and a service manages its webhooks and reads their delivery log.
// Every use case starts with its authorization: any service key reads events (they span every
// organization, as the authorization API does); only the service's own key manages its webhooks.
import { fail } from '../errors.js';
import { newId, type Clock, type Random } from '../clock-random.js';
import type { Store } from '../store.js';
import { invalidCursor } from '../pagination.js';
import type { DeliveryRecord, EventType, GatehouseEvent, WebhookRecord } from './ports.js';
import type { SecretSeal } from './secret-seal.js';

/** A caller holding a service key; `service`: the service the key belongs to (none for older keys). */
export interface ServiceCaller {
  clientId: string;
  service: string | null;
}

export const EVENT_RETENTION_MS = 7 * 86_400_000;

/** The cursor of the event feed: the position of the last event seen, in decimal. */
const encodeEventCursor = (position: number) => String(position);
export function decodeEventCursor(cursor: string | undefined, field = '/query/after'): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d{1,15}$/.test(cursor)) invalidCursor(field);
  return Number(cursor);
}

/**
 * Checks a webhook's address before it is stored (after DNS resolution): `undefined` when allowed,
 * else why not. The delivery checks again at each connection (the name may resolve elsewhere then).
 */
export type AddressCheck = (url: URL) => Promise<string | undefined>;

export function eventView(e: GatehouseEvent) {
  return { id: e.id, type: e.type, organizationId: e.organizationId, occurredAt: e.occurredAt, revision: e.revision, data: e.data };
}

function webhookView(w: WebhookRecord) {
  return { id: w.id, service: w.service, url: w.url, types: w.types, createdAt: w.createdAt };
}

function deliveryView(d: DeliveryRecord) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    organizationId: d.organizationId,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt,
  };
}

/** Only the service's own key manages its webhooks; any other key is a 403, whether `slug` exists or not. */
function requireOwnService(caller: ServiceCaller, slug: string) {
  if (caller.service !== slug) {
    fail('service.forbidden', {
      detail: `client ${caller.clientId} of service ${caller.service ?? '(none)'} acted on ${slug}`,
      publicDetail: "Only the service's own key may manage its webhooks.",
    });
  }
}

export function createEventsService(deps: { store: Store; clock: Clock; random: Random; seal: SecretSeal; checkAddress: AddressCheck }) {
  const { store, clock, random, seal } = deps;
  const repos = store.repos;

  async function getWebhook(slug: string, id: string) {
    return (await repos.webhooks.find(slug, id)) ?? fail('webhook.not_found', { detail: `service=${slug} webhook=${id}` });
  }

  /**
   * A cursor below the purge's horizon may have missed events: a 410 rather than silently going on
   * from the oldest kept one. Read after the page (a purge between the two then answers 410 too,
   * never a page with a hole in it); 0 (no cursor) means "from the oldest kept" and is never expired.
   */
  async function requireKept(position: number, field: string) {
    if (position === 0) return;
    const through = await repos.events.purgedThrough();
    if (position < through) {
      fail('events.cursor_expired', {
        detail: `cursor ${position} < purged ${through}`,
        errors: [{ field, rule: 'expired', message: 'events after this cursor are no longer kept' }],
      });
    }
  }

  return {
    /** Events after the cursor in commit order; `nextCursor` is where to continue (the same cursor when nothing new came). */
    async list(_caller: ServiceCaller, input: { after?: string | undefined; types?: readonly EventType[] | undefined; limit: number }) {
      const after = decodeEventCursor(input.after);
      const rows = await repos.events.listAfter(after, { types: input.types, limit: input.limit });
      await requireKept(after, '/query/after');
      return { items: rows.map(eventView), nextCursor: encodeEventCursor(rows.at(-1)?.position ?? after) };
    },

    /** Fails with `events.cursor_expired` when events after `position` were purged (the stream's start). */
    requireKept,

    /** The raw rows after a position (the event stream adds each row's position as its SSE id). */
    after: (position: number, types: readonly EventType[] | undefined, limit: number) => repos.events.listAfter(position, { types, limit }),

    async createWebhook(caller: ServiceCaller, slug: string, input: { url: string; types: EventType[] }) {
      requireOwnService(caller, slug);
      const url = new URL(input.url);
      const refused = await deps.checkAddress(url);
      if (refused) {
        fail('webhook.address_refused', {
          detail: `${url.host}: ${refused}`,
          publicDetail: `${refused}. WEBHOOK_ALLOWED_HOSTS lets the operator allow it.`,
          errors: [{ field: '/url', rule: 'address', message: refused }],
        });
      }
      const id = newId('whk', clock, random);
      // Standard Webhooks: `whsec_` + base64 of 24 to 64 random bytes.
      const secret = `whsec_${random.bytes(32).toString('base64')}`;
      const now = clock.now();
      const record: WebhookRecord = {
        id,
        service: slug,
        url: url.toString(),
        types: [...new Set(input.types)],
        secretSealed: seal.seal(id, secret),
        createdAt: now,
      };
      await store.transaction(async (tx) => {
        // The service exists (a key belongs to it), but may have been removed meanwhile: the
        // foreign key then fails, which is the 404 of a service that is gone.
        await tx.webhooks.insert(record);
      });
      return { ...webhookView(record), secret };
    },

    async listWebhooks(caller: ServiceCaller, slug: string) {
      requireOwnService(caller, slug);
      return { items: (await repos.webhooks.list(slug)).map(webhookView) };
    },

    async getWebhook(caller: ServiceCaller, slug: string, id: string) {
      requireOwnService(caller, slug);
      return webhookView(await getWebhook(slug, id));
    },

    async deleteWebhook(caller: ServiceCaller, slug: string, id: string) {
      requireOwnService(caller, slug);
      if (!(await repos.webhooks.delete(slug, id))) fail('webhook.not_found', { detail: `service=${slug} webhook=${id}` });
    },

    /** The delivery log, newest first; `cursor` is the keyset position. */
    async deliveries(caller: ServiceCaller, slug: string, id: string, input: { cursor?: string | undefined; limit: number }) {
      requireOwnService(caller, slug);
      await getWebhook(slug, id);
      const before = input.cursor === undefined ? undefined : decodeEventCursor(input.cursor, '/query/cursor');
      const rows = await repos.webhooks.deliveries(id, { before, limit: input.limit + 1 });
      const items = rows.slice(0, input.limit);
      return {
        items: items.map(deliveryView),
        nextCursor: rows.length > input.limit ? encodeEventCursor(items.at(-1)!.position) : null,
      };
    },

    /** Sends a delivery again now (succeeded, failed or waiting for its next attempt). */
    async retryDelivery(caller: ServiceCaller, slug: string, id: string, deliveryId: string) {
      requireOwnService(caller, slug);
      await getWebhook(slug, id);
      const delivery = await repos.webhooks.retry(id, deliveryId, clock.now());
      return deliveryView(delivery ?? fail('webhook.delivery_not_found', { detail: `webhook=${id} delivery=${deliveryId}` }));
    },
  };
}
