// Fixed-window counters that rate-limit logins, mails and invitations.

export interface ThrottleRepo {
  /**
   * Counts one more event under `key` in a fixed window (atomic increment) and returns the count
   * in the current window and when that window ends.
   */
  hit(key: string, now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }>;
  /** Takes back one event (a successful login does not count against the IP). */
  refund(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  /** Deletes every counter whose key starts with `prefix` (taken literally). */
  resetPrefix(prefix: string): Promise<void>;
  deleteStale(now: Date, maxWindowMs: number): Promise<number>;
}
