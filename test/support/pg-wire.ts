// What the concurrency tests see of the service's conversation with a PostgreSQL server, at the
// wire: every statement goes through `pg.Client.prototype.query` (the pool's clients are pg.Client),
// whatever the store's files are called. Two tools hang off that one point:
//   - an abort watch: which statements PostgreSQL aborted as a deadlock (40P01) or a serialization
//     failure (40001), which the store retries silently;
//   - a lock stripper for the canaries: the service's SQL with its row-lock clauses removed, to
//     show that a concurrency test sees the race the locks prevent.
// PGlite never calls pg.Client: both only mean something on a PostgreSQL server (TEST_DATABASE_URL).
import pg from 'pg';

export const ON_POSTGRES = Boolean(process.env.TEST_DATABASE_URL);

/**
 * The skip reason of a test that cannot fail on PGlite: it runs one transaction at a time, so no
 * two requests ever interleave and a missing lock goes unseen. Shown by the runner as `# SKIP`.
 */
export const RACES_NEED_POSTGRES: string | false = ON_POSTGRES
  ? false
  : 'PGlite runs one transaction at a time, so this race cannot happen and the test could not fail: it runs on PostgreSQL (TEST_DATABASE_URL=postgres://…)';

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: QueryFn };
const original = proto.query;

/** The text of a `client.query(...)` call, whichever form it takes (string or query config). */
function textOf(args: unknown[]): string {
  const first = args[0];
  if (typeof first === 'string') return first;
  const text = (first as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}

type Wrapper = (next: (...args: unknown[]) => unknown, args: unknown[], client: pg.Client) => unknown;
const wrappers: Wrapper[] = [];

proto.query = function (this: pg.Client, ...args: unknown[]) {
  const call = (i: number, a: unknown[]): unknown =>
    i < 0 ? original.apply(this, a) : wrappers[i]!((...next) => call(i - 1, next), a, this);
  return call(wrappers.length - 1, args);
};

function install(w: Wrapper): () => void {
  wrappers.push(w);
  return () => {
    const i = wrappers.indexOf(w);
    if (i >= 0) wrappers.splice(i, 1);
  };
}

// ---------------------------------------------------------------------------------------------
// The abort watch
// ---------------------------------------------------------------------------------------------
export interface Abort {
  code: string;
  sql: string;
  detail: string;
}

/** Every deadlock and serialization failure PostgreSQL reported to any client of this process, in order. */
export const aborts: Abort[] = [];

install((next, args) => {
  const result = next(...args);
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    // Registered before the caller's own handler, so the abort is recorded before the store retries.
    (result as Promise<unknown>).then(undefined, (e: { code?: unknown; detail?: unknown }) => {
      if (e?.code === '40P01' || e?.code === '40001') {
        aborts.push({ code: String(e.code), sql: textOf(args).replace(/\s+/g, ' ').trim(), detail: String(e.detail ?? '') });
      }
    });
  }
  return result;
});

// ---------------------------------------------------------------------------------------------
// LISTEN connections
// ---------------------------------------------------------------------------------------------
const listening = new Set<pg.Client>();
install((next, args, client) => {
  if (/^\s*LISTEN\b/i.test(textOf(args))) {
    listening.add(client);
    client.once('end', () => listening.delete(client));
  }
  return next(...args);
});

/**
 * The server-side process ids of this process's connections that LISTEN (the change feeds). Found
 * at the wire, because pg_stat_activity only shows a connection's last statement, which for a feed
 * is its heartbeat, not the LISTEN.
 */
export function listenerPids(): number[] {
  return [...listening].map((c) => (c as unknown as { processID?: number }).processID).filter((p): p is number => typeof p === 'number');
}

// ---------------------------------------------------------------------------------------------
// The lock stripper (canaries only)
// ---------------------------------------------------------------------------------------------
/** The row-lock clauses of PostgreSQL's SELECT, with their wait policy. */
const ROW_LOCK = /\bFOR\s+(?:NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)(?:\s+OF\s+\w+(?:\s*,\s*\w+)*)?(?:\s+NOWAIT|\s+SKIP\s+LOCKED)?\b/gi;

export interface StripOptions {
  /**
   * Statements whose (original) text matches are held after they answer until `parties` of them
   * have arrived (or `waitMs` passed). Matching the read the lock protects (say, the count of
   * Admins) makes every racing transaction read before any of them commits: the interleaving the
   * lock exists to prevent, made certain instead of left to the scheduler.
   */
  rendezvous?: { match: RegExp; parties: number; waitMs?: number };
}

export interface Stripped {
  /** How many statements lost a lock clause. */
  readonly stripped: number;
  /** How many groups met at the rendezvous (each of `parties` statements). */
  readonly met: number;
  restore(): void;
}

/**
 * Sends the service's SQL without its row-lock clauses until `restore()`. The SQL text is what the
 * store wrote, minus `FOR [NO KEY] UPDATE` / `FOR [KEY] SHARE`: the same build with the locks deleted.
 */
export function stripRowLocks(options: StripOptions = {}): Stripped {
  const state = { stripped: 0, met: 0 };
  let waiting: (() => void)[] = [];
  const { rendezvous } = options;
  const meet = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length >= rendezvous!.parties) {
        state.met++;
        const group = waiting;
        waiting = [];
        for (const r of group) r();
      } else {
        // A party that never comes must not hang the test: go on alone (the canary then fails).
        setTimeout(() => {
          const i = waiting.indexOf(resolve);
          if (i >= 0) {
            waiting.splice(i, 1);
            resolve();
          }
        }, rendezvous!.waitMs ?? 10_000).unref();
      }
    });
  const remove = install((next, args) => {
    const text = textOf(args);
    const without = text.replace(ROW_LOCK, '');
    if (without !== text) state.stripped++;
    const rest =
      without === text
        ? args
        : typeof args[0] === 'string'
          ? [without, ...args.slice(1)]
          : [{ ...(args[0] as object), text: without }, ...args.slice(1)];
    const result = next(...rest);
    if (!rendezvous?.match.test(text) || typeof (result as Promise<unknown>)?.then !== 'function') return result;
    return (result as Promise<unknown>).then(async (value) => {
      await meet();
      return value;
    });
  });
  return {
    get stripped() {
      return state.stripped;
    },
    get met() {
      return state.met;
    },
    restore: remove,
  };
}
