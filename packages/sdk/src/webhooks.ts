// Webhooks from Gatehouse follow the Standard Webhooks specification; verification is the
// `standardwebhooks` package's own (signature over id, timestamp and raw body, a tolerance of five
// minutes against replays), never a comparison written here.
import { Webhook } from 'standardwebhooks';
import type { GatehouseEvent } from './events.js';

/**
 * The event a webhook delivered, after its signature checked out; throws otherwise.
 * `body` must be the raw request body, exactly as received (not re-serialised JSON).
 */
export function verifyWebhook(
  secret: string,
  body: string | Uint8Array,
  headers: Record<string, string | string[] | undefined>,
): GatehouseEvent {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  return new Webhook(secret).verify(body, flat) as GatehouseEvent;
}
