// What the bench needs of an authorization service it compares Gatehouse with over HTTP.
import type { LoadRequest } from '../load-generator.js';
import type { Queries } from '../world.js';

/** One question of the HTTP part: query `k` of list `q` (the same for every contender). */
export interface Question {
  q: Queries;
  k: number;
}

export interface Peer {
  name: string;
  /** Base URL, http://127.0.0.1:port */
  url: string;
  /** The questions in this peer's wire format, in the order of the question list. */
  requests: LoadRequest[];
  /**
   * The same questions as asked when its answers are compared, where that differs from the load:
   * SpiceDB's `minimizeLatency` may answer from a snapshot a few seconds old, so right after its
   * relationships are written the comparison asks `fullyConsistent` (one stale answer was seen).
   */
  checkRequests?: LoadRequest[];
  /** The answer's `allowed` from a parsed 200 response body. */
  allowed(body: unknown): boolean;
  /** Processes to pin to the service's core while it is loaded. */
  pids: number[];
  /** How it runs here (version, transport, what it holds), for the table. */
  how: string;
  stop(): Promise<void>;
}

export type PeerStart = { peer: Peer } | { skipped: string };

export const asError = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Polls `url` until it answers 200 or `ms` pass. */
export async function waitForHealth(url: string, ms: number, alive: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    if (!alive()) throw new Error('it exited before it was ready');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) return;
      last = String(res.status);
    } catch (e) {
      last = asError(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready within ${ms / 1000} s (last: ${last})`);
}
