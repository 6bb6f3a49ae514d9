// SQL for the throttle's fixed-window counters.
import type { ThrottleRepo } from '../core/throttle/ports.js';
import type { Queryable } from './db.js';
import { sql } from './sql.js';

export function throttleRepo(q: Queryable): ThrottleRepo {
  return {
    async hit(key, now, windowMs) {
      const windowOver = new Date(now.getTime() - windowMs);
      const [r] = await q.query<{ count: number; window_start: Date }>(sql`
        INSERT INTO throttle_counters AS t (key, window_start, count) VALUES (${key}, ${now}, 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN t.window_start <= ${windowOver} THEN 1 ELSE t.count + 1 END,
          window_start = CASE WHEN t.window_start <= ${windowOver} THEN EXCLUDED.window_start ELSE t.window_start END
        RETURNING count, window_start`);
      return { count: r!.count, resetAt: new Date(r!.window_start.getTime() + windowMs) };
    },
    async refund(key) {
      await q.query(sql`UPDATE throttle_counters SET count = greatest(count - 1, 0) WHERE key = ${key}`);
    },
    async reset(key) {
      await q.query(sql`DELETE FROM throttle_counters WHERE key = ${key}`);
    },
    async resetPrefix(prefix) {
      await q.query(sql`DELETE FROM throttle_counters WHERE left(key, ${prefix.length}::int) = ${prefix}`);
    },
    async deleteStale(now, maxWindowMs) {
      return (
        await q.query(sql`DELETE FROM throttle_counters WHERE window_start <= ${new Date(now.getTime() - maxWindowMs)} RETURNING key`)
      ).length;
    },
  };
}
