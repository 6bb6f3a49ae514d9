// A `fetch` that retries what the server asks to be retried: 503 (the service cannot answer
// reliably right now — never a guessed answer) and 429 (throttled), honouring `Retry-After`
// (seconds or an HTTP date), else exponential backoff with full jitter. Other answers, and
// network errors on requests that are not idempotent, are returned or thrown at once.

export interface RetryOptions {
  /** Attempts after the first (default 3). 0 turns retrying off. */
  retries?: number;
  /** First backoff in milliseconds when the server gives no Retry-After (default 100). */
  baseDelayMs?: number;
  /** Never wait longer than this for one retry (default 10 s). */
  maxDelayMs?: number;
  /** For tests: how to wait and how to roll the jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const RETRIED = new Set([429, 503]);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds a `Retry-After` value asks for, or undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function retryingFetch(inner: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const retries = options.retries ?? 3;
  const base = options.baseDelayMs ?? 100;
  const max = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  return async (input, init) => {
    // A Request's body can be read once: keep a copy to send again.
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body ? await request.arrayBuffer() : undefined;
    for (let attempt = 0; ; attempt++) {
      const response = await inner(new Request(request, body === undefined ? {} : { body }));
      if (!RETRIED.has(response.status) || attempt >= retries) return response;
      const asked = retryAfterMs(response.headers.get('retry-after'));
      const wait = Math.min(max, asked ?? random() * base * 2 ** attempt);
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}
