// Delivers webhooks from the table-backed queue (store/webhooks.repo.ts), on every instance:
// claims with FOR UPDATE SKIP LOCKED and a lease, so instances share the work and a delivery whose
// instance died is taken over when its lease ends (at least once). Per webhook and organization
// only the oldest pending delivery is ever sent (in order per organization). Deliveries run side
// by side, at most `perWebhook` of one webhook at a time, so a slow receiver holds only its own
// slots. Signed per Standard Webhooks with the `standardwebhooks` package; a 2xx within
// `timeoutMs` is success; anything else is retried with exponential backoff for 24 hours.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../core/clock-random.js';
import { eventView } from '../core/events/events.service.js';
import type { SecretSeal } from '../core/events/secret-seal.js';
import type { ClaimedDelivery, DeliveryQueue } from '../store/webhooks.repo.js';
import type { AddressGuard } from './address-guard.js';

export interface WebhookWorkerOptions {
  queue: DeliveryQueue;
  seal: SecretSeal;
  guard: AddressGuard;
  clock: Clock;
  logger: Logger;
  /** Deliveries in flight on this instance. */
  concurrency?: number;
  /** Deliveries of one webhook in flight on this instance (each of another organization). */
  perWebhook?: number;
  /** A 2xx within this time is success. */
  timeoutMs?: number;
  /** The first retry waits this long; each next one twice as long, at most an hour. */
  retryBaseMs?: number;
  /** Retries stop this long after the event. */
  retryForMs?: number;
  /** Checks for due deliveries at least this often (other instances' events, retries). */
  pollMs?: number;
}

const HOUR_MS = 3_600_000;

/** One attempt: the receiver's status, or why there was none. */
async function post(url: URL, body: string, headers: Record<string, string>, guard: AddressGuard, timeoutMs: number) {
  // An address literal is never looked up: check it here (names are checked by guard.lookup as the socket connects).
  if (isIP(url.hostname.replace(/^\[|\]$/g, ''))) {
    const refused = await guard.check(url);
    if (refused) return { status: null, error: `address refused: ${refused}` };
  }
  return new Promise<{ status: number | null; error: string | null }>((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      lookup: guard.lookup,
      // No connection reuse: each delivery connects to an address checked just now.
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      // Redirects are not followed: a 3xx is a failure like any other non-2xx.
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(status >= 200 && status < 300 ? { status, error: null } : { status, error: `HTTP ${status}` });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        resolve({ status, error: e.message });
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: null, error: (e as NodeJS.ErrnoException).code === 'EADDRREFUSED' ? `address refused: ${e.message}` : e.message });
    });
    req.end(body);
  });
}

export function createWebhookWorker(options: WebhookWorkerOptions) {
  const { queue, seal, guard, clock, logger } = options;
  const concurrency = options.concurrency ?? 32;
  const perWebhook = options.perWebhook ?? 4;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryBaseMs = options.retryBaseMs ?? 5_000;
  const retryForMs = options.retryForMs ?? 24 * HOUR_MS;
  const pollMs = options.pollMs ?? 1_000;
  // Longer than an attempt can take, so a live worker never loses its delivery to another.
  const leaseMs = timeoutMs + 20_000;

  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let total = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | undefined;
  let again = false;

  async function deliver(d: ClaimedDelivery) {
    const body = JSON.stringify(eventView(d.event));
    const now = clock.now();
    let outcome: { status: number | null; error: string | null };
    try {
      const signature = new Webhook(seal.open(d.webhookId, d.secretSealed)).sign(d.event.id, now, body);
      outcome = await post(
        new URL(d.url),
        body,
        {
          'webhook-id': d.event.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'Gatehouse-Webhooks/1',
        },
        guard,
        timeoutMs,
      );
    } catch (e) {
      outcome = { status: null, error: (e as Error).message };
    }
    const done = clock.now();
    if (outcome.error === null) {
      await queue.succeeded(d.id, outcome.status!, done);
      return;
    }
    const delay = Math.min(HOUR_MS, retryBaseMs * 2 ** Math.min(d.attempts - 1, 20));
    const next = new Date(done.getTime() + delay);
    const giveUp = next.getTime() - d.event.occurredAt.getTime() > retryForMs;
    await queue.failed(d.id, { status: outcome.status, error: outcome.error }, giveUp ? null : next, done);
    logger.info(
      { webhook: d.webhookId, delivery: d.id, event: d.event.id, attempt: d.attempts, error: outcome.error, giveUp },
      'webhook delivery failed',
    );
  }

  function launch(d: ClaimedDelivery) {
    inFlight.set(d.webhookId, (inFlight.get(d.webhookId) ?? 0) + 1);
    total++;
    const p = deliver(d)
      .catch((e: Error) => logger.warn({ delivery: d.id, error: e.message }, 'webhook delivery not recorded; retried after its lease'))
      .finally(() => {
        const n = (inFlight.get(d.webhookId) ?? 1) - 1;
        if (n === 0) inFlight.delete(d.webhookId);
        else inFlight.set(d.webhookId, n);
        total--;
        running.delete(p);
        // The next delivery of that organization is due now.
        wake();
      });
    running.add(p);
  }

  async function pump() {
    do {
      again = false;
      if (stopped) return;
      try {
        const claimed = await queue.claim(clock.now(), { limit: concurrency - total, perWebhook, inFlight, leaseMs });
        for (const d of claimed) launch(d);
        if (claimed.length > 0) again = true;
      } catch (e) {
        logger.warn({ error: (e as Error).message }, 'webhook queue unavailable; trying again');
      }
    } while (again && total < concurrency);
  }

  function wake() {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = pump().finally(() => {
      pumping = undefined;
      if (again) wake();
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(wake, pollMs);
      timer.unref();
      wake();
    },
    wake,
    /** Stops claiming and waits for the deliveries in flight. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pumping;
      await Promise.allSettled([...running]);
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
