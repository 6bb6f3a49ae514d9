// Housekeeping: expired sessions, tokens and throttle windows are deleted in the background so
// the tables stay small. Safe on several instances (plain DELETEs of expired rows).
import type { Logger } from 'pino';
import type { Clock } from '../core/clock-random.js';
import type { Store } from '../core/store.js';

const EVERY_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export function startMaintenance(options: {
  store: Store;
  clock: Clock;
  logger: Logger;
  config: { sessionIdleTtlMs: number; loginThrottleWindowMs: number };
  /** More tables with expiring rows (the OpenID Connect provider's state). */
  purgers?: Record<string, (now: Date) => Promise<number>>;
}) {
  const { store, clock, logger, config } = options;
  const run = async () => {
    try {
      const now = clock.now();
      const sessions = await store.repos.sessions.deleteExpired(now, config.sessionIdleTtlMs);
      const tokens = await store.repos.tokens.deleteExpired(now);
      const counters = await store.repos.throttle.deleteStale(now, Math.max(DAY_MS, config.loginThrottleWindowMs));
      // Sign-ins waiting for a second factor and WebAuthn challenges (minutes long).
      const more: Record<string, number> = { challenges: await store.repos.mfa.deleteExpiredChallenges(now) };
      for (const [name, purge] of Object.entries(options.purgers ?? {})) more[name] = await purge(now);
      if (sessions + tokens + counters + Object.values(more).reduce((a, b) => a + b, 0) > 0)
        logger.debug({ sessions, tokens, counters, ...more }, 'expired rows removed');
    } catch (e) {
      logger.warn({ error: e instanceof Error ? e.message : String(e) }, 'maintenance pass failed');
    }
  };
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), run };
}
