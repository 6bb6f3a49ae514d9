// The live event stream (`GET /api/v1/events` with `Accept: text/event-stream`), kept alive: when
// the connection drops (the instance restarts, a proxy times out) it reconnects with
// `Last-Event-ID`, so Gatehouse sends what was missed and nothing twice. The stream's framing is
// parsed by `eventsource-parser` (the SSE standard's parser), not here.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { GatehouseEvent } from './events.js';

/**
 * The subscription's position (`lastEventId`) is older than the events Gatehouse keeps (7 days):
 * events after it are gone (`410 events.cursor_expired`). The subscription ends with it; resync
 * what the service keeps from the API, then subscribe again without `lastEventId`.
 */
export class CursorExpiredError extends Error {
  readonly code = 'events.cursor_expired';
  readonly fatal = true;
  constructor(
    readonly lastEventId: string | undefined,
    readonly problem: unknown,
  ) {
    super(`the event stream's position ${lastEventId ?? '(none)'} is older than the events kept (410 events.cursor_expired)`);
    this.name = 'CursorExpiredError';
  }
}

export interface SubscribeOptions {
  /** Only these event types (default: all). */
  types?: string[];
  /** Resume after this event (a value a previous subscription's `lastEventId()` returned). */
  lastEventId?: string;
  /** Called for each event in order; the next waits until it settles. */
  onEvent: (event: GatehouseEvent) => void | Promise<void>;
  /** A dropped connection or a refused request (the subscription goes on unless the key was refused). */
  onError?: (error: unknown) => void;
  /** First wait before reconnecting, doubled up to 30 s while failures repeat (default 500 ms). */
  reconnectDelayMs?: number;
}

export interface Subscription {
  /** The id of the last event handed to `onEvent`: store it to resume after a restart. */
  lastEventId(): string | undefined;
  close(): void;
  /**
   * Settles when the subscription ends: after `close()`, or rejected when the key is refused (or
   * revoked while the stream was open), or with a `CursorExpiredError`.
   */
  done: Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

export function subscribe(baseUrl: string, serviceKey: string, fetchImpl: typeof fetch, options: SubscribeOptions): Subscription {
  const abort = new AbortController();
  let last = options.lastEventId;
  const base = options.reconnectDelayMs ?? 500;

  async function connectOnce(): Promise<'ended'> {
    const url = new URL(`${baseUrl.replace(/\/$/, '')}/api/v1/events`);
    if (options.types?.length) url.searchParams.set('types', options.types.join(','));
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${serviceKey}` };
    if (last !== undefined) headers['last-event-id'] = last;
    const response = await fetchImpl(url, { headers, signal: abort.signal });
    if (response.status === 401 || response.status === 403) {
      const problem = await response.text();
      throw Object.assign(new Error(`Gatehouse refused the event stream (${response.status}): ${problem}`), { fatal: true });
    }
    if (response.status === 410) {
      const text = await response.text();
      let problem: unknown = text;
      try {
        problem = JSON.parse(text);
      } catch {}
      throw new CursorExpiredError(last, problem);
    }
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    // Events are handed over one at a time, in order: a slow handler holds the stream, not the order.
    let chain = Promise.resolve();
    const parser = createParser({
      onEvent(message: EventSourceMessage) {
        if (!message.data) return;
        chain = chain.then(async () => {
          await options.onEvent(JSON.parse(message.data) as GatehouseEvent);
          if (message.id !== undefined) last = message.id;
        });
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      await chain;
    }
    await chain;
    return 'ended';
  }

  const done = (async () => {
    let delay = base;
    while (!abort.signal.aborted) {
      try {
        await connectOnce();
        delay = base;
      } catch (e) {
        if (abort.signal.aborted) break;
        if ((e as { fatal?: boolean }).fatal) throw e;
        options.onError?.(e);
        delay = Math.min(30_000, delay * 2);
      }
      if (!abort.signal.aborted) await sleep(delay, abort.signal);
    }
  })();
  // An unobserved refusal must not crash the process: callers who care await `done`.
  done.catch((e) => options.onError?.(e));

  return { lastEventId: () => last, close: () => abort.abort(), done };
}
