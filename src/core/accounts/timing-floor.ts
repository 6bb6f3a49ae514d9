// Anonymous requests about an address (sign-up, password reset, resend verification) answer the
// same whether or not an account has it, but their database work differs with it (reset and
// resend: throttle, token, outbox only for an existing account; sign-up: a new user, organization
// and token only for a free address): 2–5 ms on PostgreSQL, enough to tell the two apart by timing.
// Both paths are held to the same floor instead. Real monotonic time on purpose: the floor is about what a caller
// can measure, not about the business clock tests replace.
import { setTimeout as sleep } from 'node:timers/promises';

/** Longer than the existing-account path takes on a healthy server; the cost is latency only. */
export const ADDRESS_REQUEST_FLOOR_MS = 40;

/** Runs `work` and answers no sooner than `floorMs` after the start, whether it succeeds or throws. */
export async function withTimingFloor<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
