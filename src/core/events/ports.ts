// Events and webhooks (shared/spec/PLATFORM.md "Events"): the types a Smart Service hears about,
// and the store's side of reading events and managing webhooks and their deliveries.

/** Every event type, in the order PLATFORM.md lists them. */
export const EVENT_TYPES = [
  'member.added',
  'member.removed',
  'member.role_changed',
  'member.access_changed',
  'role.changed',
  'role.deleted',
  'device.added',
  'device.deleted',
  'resource.deleted',
  'organization.deleted',
  'user.deleted',
  'service.manifest_changed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What an event says, by ids only: never a secret, a token or personal data beyond an id (the
 * receiver asks Gatehouse for more when it needs it).
 */
export type EventData = Record<string, string | number | boolean | null | readonly string[]>;

/**
 * An event as services see it. `organizationId`: null for the platform's own events
 * (`service.manifest_changed`). `revision`: the organization's revision after the change (null once
 * it is gone, and for the platform's events).
 */
export interface GatehouseEvent {
  id: string;
  type: EventType;
  organizationId: string | null;
  occurredAt: Date;
  revision: number | null;
  data: EventData;
}

/** An event with its place in commit order (the cursor of `GET /events` and the SSE `id`). */
export interface StoredEvent extends GatehouseEvent {
  position: number;
}

export interface EventsRepo {
  /** Events after `position` in commit order, optionally of these types only. */
  listAfter(position: number, options: { types?: readonly string[] | undefined; limit: number }): Promise<StoredEvent[]>;
  /** The position of the newest event (0 when there is none). */
  lastPosition(): Promise<number>;
  /** Deletes events that occurred before `before`, with their finished deliveries, and raises the horizon (`purgedThrough`). */
  deleteOlderThan(before: Date): Promise<number>;
  /** The highest position deleted by the purge (0: none): a cursor below it may have missed events. */
  purgedThrough(): Promise<number>;
}

export interface WebhookRecord {
  id: string;
  service: string;
  url: string;
  types: string[];
  secretSealed: string;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryRecord {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  organizationId: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface WebhooksRepo {
  insert(w: WebhookRecord): Promise<void>;
  list(service: string): Promise<WebhookRecord[]>;
  find(service: string, id: string): Promise<WebhookRecord | undefined>;
  delete(service: string, id: string): Promise<boolean>;
  /** The webhook's deliveries, newest first, after the keyset position `before` (an event position). */
  deliveries(
    webhookId: string,
    options: { before?: number | undefined; limit: number },
  ): Promise<(DeliveryRecord & { position: number })[]>;
  /** Makes a delivery due again at `now` (a manual retry), whatever its state; false when it is not the webhook's. */
  retry(webhookId: string, deliveryId: string, now: Date): Promise<DeliveryRecord | undefined>;
}
