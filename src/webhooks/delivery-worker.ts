// Delivers webhooks from the table-backed queue (store/webhooks.repo.ts), on every instance:
// claims with FOR UPDATE SKIP LOCKED and a lease, so instances share the work and a delivery whose
// instance died is taken over when its lease ends (at least once). Per webhook and organization
// only the oldest pending delivery is ever claimed, with the due ones behind it as a chain that is
// sent one after another (in order per organization; a failure releases the rest of the chain).
// Chains of other organizations and webhooks run side by side, at most `perWebhook` of one webhook
// at a time, so a slow receiver holds only its own slots. A batch of chains is claimed in one
// transaction, and outcomes are recorded in one statement for all that finished meanwhile (group
// commit): a handful of statements per batch, not three transactions per event — on PGlite's single
// connection that is what kept up with 100 events a second. Signed per Standard Webhooks with the
// `standardwebhooks` package; a 2xx within `timeoutMs` is success; anything else is retried with
// exponential backoff for 24 hours. Woken after the COMMIT of events (this instance's unit of work,
// the others' NOTIFY through the change feed); `pollMs` only catches retries that came due.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../core/clock-random.js';
import { eventView } from '../core/events/events.service.js';
import type { SecretSeal } from '../core/events/secret-seal.js';
import type { ClaimedChain, ClaimedDelivery, DeliveryOutcome, DeliveryQueue } from '../store/webhooks.repo.js';
import type { AddressGuard } from './address-guard.js';

export interface WebhookWorkerOptions {
  queue: DeliveryQueue;
  seal: SecretSeal;
  guard: AddressGuard;
  clock: Clock;
  logger: Logger;
  /** Chains (webhook and organization) in flight on this instance. */
  concurrency?: number;
  /** Chains of one webhook in flight on this instance (each of another organization). */
  perWebhook?: number;
  /** Deliveries of one webhook and organization claimed at once (sent one after another). */
  chain?: number;
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
  const chainLength = options.chain ?? 50;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryBaseMs = options.retryBaseMs ?? 5_000;
  const retryForMs = options.retryForMs ?? 24 * HOUR_MS;
  const pollMs = options.pollMs ?? 1_000;
  // Longer than an attempt can take, so a live worker never loses its delivery to another; a chain
  // sends its next delivery only while a whole attempt still fits in the lease (else releases it).
  const leaseMs = timeoutMs + 20_000;

  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let total = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | undefined;
  let again = false;
  /** Counts wake-ups from outside (events appended, the poll): a chain that ends with it unchanged left nothing behind. */
  let appended = 0;

  // Outcomes waiting to be recorded; one statement takes all that came while the previous ran.
  let outcomes: { outcome: DeliveryOutcome; done: () => void; failed: (e: Error) => void }[] = [];
  let recording: Promise<void> | undefined;
  function record(outcome: DeliveryOutcome): Promise<void> {
    return new Promise<void>((done, failed) => {
      outcomes.push({ outcome, done, failed });
      if (!recording) recording = flush();
    });
  }
  async function flush() {
    while (outcomes.length > 0) {
      const batch = outcomes;
      outcomes = [];
      try {
        await queue.record(batch.map((b) => b.outcome));
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.failed(e as Error);
      }
    }
    recording = undefined;
  }

  /** One attempt of one delivery: what to record. */
  async function attempt(d: ClaimedDelivery): Promise<DeliveryOutcome> {
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
    if (outcome.error === null) return { id: d.id, kind: 'succeeded', status: outcome.status!, at: done };
    const delay = Math.min(HOUR_MS, retryBaseMs * 2 ** Math.min(d.attempts - 1, 20));
    const next = new Date(done.getTime() + delay);
    const giveUp = next.getTime() - d.event.occurredAt.getTime() > retryForMs;
    logger.info(
      { webhook: d.webhookId, delivery: d.id, event: d.event.id, attempt: d.attempts, error: outcome.error, giveUp },
      'webhook delivery failed',
    );
    return giveUp
      ? { id: d.id, kind: 'failed', status: outcome.status, error: outcome.error, at: done }
      : { id: d.id, kind: 'retry', status: outcome.status, error: outcome.error, nextAttemptAt: next, at: done };
  }

  /**
   * A chain in order; the first failure (or a lease running short) releases the rest. Resolves to
   * whether some were released.
   */
  async function deliver(chain: ClaimedChain): Promise<boolean> {
    const leaseEnds = performance.now() + leaseMs - 5_000;
    const results: Promise<void>[] = [];
    let i = 0;
    for (; i < chain.deliveries.length && performance.now() + timeoutMs < leaseEnds; i++) {
      const outcome = await attempt(chain.deliveries[i]!);
      // Recorded while the next one is sent: the order holds, since nothing else claims these.
      results.push(record(outcome));
      if (outcome.kind !== 'succeeded') {
        i++;
        break;
      }
    }
    for (const d of chain.deliveries.slice(i)) results.push(record({ id: d.id, kind: 'released' }));
    await Promise.all(results);
    return i < chain.deliveries.length;
  }

  function launch(chain: ClaimedChain, claimedAt: number) {
    let leftBehind = chain.deliveries.length >= chainLength;
    inFlight.set(chain.webhookId, (inFlight.get(chain.webhookId) ?? 0) + 1);
    total++;
    const p = deliver(chain)
      .then((released) => {
        leftBehind ||= released;
      })
      .catch((e: Error) =>
        logger.warn(
          { webhook: chain.webhookId, deliveries: chain.deliveries.map((d) => d.id), error: e.message },
          'webhook delivery not recorded; retried after its lease',
        ),
      )
      .finally(() => {
        const n = (inFlight.get(chain.webhookId) ?? 1) - 1;
        if (n === 0) inFlight.delete(chain.webhookId);
        else inFlight.set(chain.webhookId, n);
        total--;
        running.delete(p);
        // Deliveries of that organization appended since the claim, or left out of it (a full
        // chain, released ones), are claimable now; otherwise nothing new is (retries: the poll).
        if (appended !== claimedAt || leftBehind) pumpSoon();
      });
    running.add(p);
  }

  async function pump() {
    do {
      again = false;
      if (stopped) return;
      try {
        const epoch = appended;
        const limit = concurrency - total;
        const claimed = await queue.claim(clock.now(), { limit, perWebhook, inFlight, leaseMs, chain: chainLength });
        for (const c of claimed) launch(c, epoch);
        // More may be due than one claim took; else only a wake-up during the claim claims again.
        if (claimed.length === limit) again = true;
      } catch (e) {
        logger.warn({ error: (e as Error).message }, 'webhook queue unavailable; trying again');
      }
    } while (again && total < concurrency);
  }

  /** Events were appended (or a retry may be due): claim. */
  function wake() {
    appended++;
    pumpSoon();
  }

  function pumpSoon() {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = pump().finally(() => {
      pumping = undefined;
      if (again) pumpSoon();
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
