// One SQL dialect, two engines: embedded PGlite (a WASM build of PostgreSQL) and a real server via
// `pg`. Everything above this file sees only `Db` / `DbTx`, so the same SQL text runs on both.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Sql } from './sql.js';
import { classifyDatabaseError, isRetryable } from './store-errors.js';

export interface Queryable {
  /** A statement written with the `sql` tag (store/sql.ts), or text with `$n` placeholders and its parameters. */
  query<T = Record<string, unknown>>(statement: string | Sql, params?: readonly unknown[]): Promise<T[]>;
}

/** The text and parameters of either form of statement. */
function statementOf(statement: string | Sql, params: readonly unknown[] = []): { text: string; values: unknown[] } {
  return statement instanceof Sql ? statement.compile() : { text: statement, values: [...params] };
}

export interface DbTx extends Queryable {
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs after COMMIT succeeded (never after a rollback): cache invalidation, waking workers. */
  afterCommit(fn: () => void): void;
}

export interface DbTransactionOptions {
  /**
   * A read-only REPEATABLE READ transaction: every statement sees the same committed state (a
   * consistent snapshot of several tables). Set by the Db as the transaction's very first
   * statement, so nothing can run before it.
   */
  snapshot?: boolean;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction. Serialization failures and deadlocks (which real PostgreSQL
   * reports under concurrent row locking) are retried a few times from the start.
   */
  transaction<T>(fn: (tx: DbTx) => Promise<T>, options?: DbTransactionOptions): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Marks code running inside a transaction callback. A statement sent through the Db (not the DbTx)
 * from there escapes the transaction, and on PGlite (one connection) it waits forever for the
 * transaction it is part of: we fail it loudly instead.
 */
const inTransaction = new AsyncLocalStorage<true>();
function assertOutsideTransaction() {
  if (inTransaction.getStore()) throw new Error("Db.query() called inside a transaction: use the transaction's repositories");
}

const MAX_ATTEMPTS = 5;

/**
 * Runs a whole transaction again after a serialization failure or deadlock, a few times; whatever
 * fails for good leaves as the error catalogue's error where it has one (store-errors.ts).
 */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (i >= MAX_ATTEMPTS || !isRetryable(e)) throw classifyDatabaseError(e);
      await new Promise((r) => setTimeout(r, Math.random() * 5 * i));
    }
  }
}

/** One statement outside any transaction, its failure classified like a transaction's. */
async function classified<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw classifyDatabaseError(e);
  }
}

/** The transaction's first statement: its mode, before anything else may run in it. */
async function begin<T>(tx: DbTx, options: DbTransactionOptions, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  if (options.snapshot) await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  return fn(tx);
}

function runAfterCommit(callbacks: (() => void)[]) {
  for (const fn of callbacks) {
    try {
      fn();
    } catch {
      // A failing cache hook must not turn a committed write into an error response.
    }
  }
}

/**
 * PGlite keeps its files in one directory that only one process may open: a second process (say
 * `gatehouse outbox` while the server runs) would read stale pages or corrupt the cluster. A lock
 * file with our PID makes the second one stop with a clear message instead.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'gatehouse.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${pid} (a running Gatehouse?). Stop it first, or use DATABASE_URL with a PostgreSQL server to share one database.`,
        );
      }
      rmSync(path, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  constructor(
    private readonly pglite: PGlite,
    private readonly unlock: () => void = () => {},
  ) {}

  async query<T>(statement: string | Sql, params?: readonly unknown[]): Promise<T[]> {
    assertOutsideTransaction();
    const { text, values } = statementOf(statement, params);
    return classified(async () => (await this.pglite.query<T>(text, values)).rows);
  }

  transaction<T>(fn: (tx: DbTx) => Promise<T>, options: DbTransactionOptions = {}): Promise<T> {
    return withRetries(async () => {
      const callbacks: (() => void)[] = [];
      // PGlite is one connection: its transaction() holds a mutex, so transactions run one at a time.
      assertOutsideTransaction();
      const result = await this.pglite.transaction(async (t) =>
        inTransaction.run(true, () =>
          begin(
            {
              query: async <R>(statement: string | Sql, params?: readonly unknown[]) => {
                const { text, values } = statementOf(statement, params);
                return (await t.query<R>(text, values)).rows;
              },
              exec: async (sql) => void (await t.exec(sql)),
              afterCommit: (cb) => callbacks.push(cb),
            },
            options,
            fn,
          ),
        ),
      );
      runAfterCommit(callbacks);
      return result;
    });
  }

  async ping() {
    await this.query('SELECT 1');
  }

  private closing: Promise<void> | undefined;
  /** Idempotent: closing twice (a test that cut the database, then the service's own close) is fine. */
  close() {
    this.closing ??= this.pglite.close().finally(() => this.unlock());
    return this.closing;
  }
}

class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  constructor(readonly pool: pg.Pool) {}

  async query<T>(statement: string | Sql, params?: readonly unknown[]): Promise<T[]> {
    assertOutsideTransaction();
    const { text, values } = statementOf(statement, params);
    return classified(async () => (await this.pool.query(text, values)).rows as T[]);
  }

  transaction<T>(fn: (tx: DbTx) => Promise<T>, options: DbTransactionOptions = {}): Promise<T> {
    assertOutsideTransaction();
    return withRetries(async () => {
      const client = await this.pool.connect();
      // A checked-out client whose server goes away (PostgreSQL stopped mid-transaction) emits
      // 'error'; unhandled, that would kill the process. The query in flight fails anyway.
      const onError = () => {};
      client.on('error', onError);
      const callbacks: (() => void)[] = [];
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await inTransaction.run(true, () =>
          begin(
            {
              query: async <R>(statement: string | Sql, params?: readonly unknown[]) => {
                const { text, values } = statementOf(statement, params);
                return (await client.query(text, values)).rows as R[];
              },
              exec: async (sql) => void (await client.query(sql)),
              afterCommit: (cb) => callbacks.push(cb),
            },
            options,
            fn,
          ),
        );
        await client.query('COMMIT');
        runAfterCommit(callbacks);
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    });
  }

  async ping() {
    await this.pool.query('SELECT 1');
  }

  private closing: Promise<void> | undefined;
  close() {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}

// PostgreSQL returns int8 (count(*), bigint columns) as text by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

// Keep int8 as a number on PGlite too, so both engines hand the same types to the store.
const parsers = { 20: (v: string) => Number(v) };

export async function openDb(options: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<Db> {
  if (options.databaseUrl && options.databaseUrl !== 'memory') {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5_000,
      // A query that hangs (server gone mid-query) must fail within the request budget, not forever.
      query_timeout: 15_000,
    });
    // An idle client whose server went away emits 'error'; without a handler that kills the process.
    pool.on('error', () => {});
    return new PostgresDb(pool);
  }
  // pg_trgm: the member search's index (migration 017); a PostgreSQL server ships it in contrib.
  const extensions = { pg_trgm };
  if (options.databaseUrl === 'memory') return new PgliteDb(await PGlite.create({ parsers, extensions }));
  mkdirSync(options.dataDir, { recursive: true });
  const unlock = lockDataDir(options.dataDir);
  try {
    return new PgliteDb(await PGlite.create(options.dataDir, { parsers, extensions }), unlock);
  } catch (e) {
    unlock();
    throw e;
  }
}
