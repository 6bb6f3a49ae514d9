// The member list of one organization with 100,000 members (BENCH_MEMBERS to change): every sort
// order, first and deep pages, search and role filter, through the real use case (authorization
// included), against an OFFSET query of the same page as the baseline keyset pagination replaces.
// Runs on embedded PGlite, or on PostgreSQL with BENCH_DATABASE_URL.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { systemClock, systemRandom } from '../src/core/clock-random.js';
import { createCore } from '../src/core/core.js';
import { createPasswordHasher } from '../src/core/accounts/password-hasher.js';
import { mailRenderer } from '../src/mail/templates.js';
import { loadConfig } from '../src/config/config.js';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { applyShippedCatalog } from '../src/server.js';
import { createStore } from '../src/store/store.js';
import { authzLoader } from '../src/store/authz-loader.js';
import { createAuthzEngine } from '../src/core/authz/authz-engine.js';
import { adopt, exitWithParent, measureInChild } from './phases.js';
import { bulkLoad } from './pglite-world.js';
import { logger } from './measure.js';

export const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const REPEAT = 10;
const log = logger('bench, member list');

async function time(fn: () => Promise<unknown>, repeat = REPEAT): Promise<number> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** `measuring` runs the timed part (phases.ts: the bench's background work pauses meanwhile). */
export async function benchMembersList(measuring: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn()) {
  let databaseUrl = process.env.BENCH_DATABASE_URL ?? 'memory';
  if (databaseUrl !== 'memory') {
    // A schema of its own, dropped and made afresh, on every connection of the pool.
    const setup = await openDb({ databaseUrl, dataDir: '' });
    await setup.query('DROP SCHEMA IF EXISTS bench_members CASCADE');
    await setup.query('CREATE SCHEMA bench_members');
    await setup.close();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', '-c search_path=bench_members');
    databaseUrl = url.toString();
  }
  const db = await openDb({ databaseUrl, dataDir: '' });
  await migrate(db);
  await applyShippedCatalog(db);
  const config = loadConfig({ DATABASE_URL: 'memory', NODE_ENV: 'test' });
  const authzEngine = createAuthzEngine(authzLoader(db));
  const store = createStore(db, { onMailEnqueued: () => {}, onAuthzChanged: authzEngine.changed });
  // The hasher runs a worker thread: closed below with the database, or the process never exits.
  const hasher = createPasswordHasher({ concurrency: 1, queueLimit: 1 });
  const core = createCore({ store, hasher, mail: mailRenderer, clock: systemClock, random: systemRandom, settings: config, authzEngine });

  const t0 = performance.now();
  // In bulk-load mode (pglite-world.ts): the indexes are built once after the rows, and the sort
  // keys the memberships' row trigger would copy from the user and the role are written directly.
  const laps: Record<string, number> = {};
  let lap = t0;
  const done = (what: string) => {
    laps[what] = Math.round(performance.now() - lap);
    lap = performance.now();
  };
  await db.transaction((tx) =>
    bulkLoad(tx, ['users', 'memberships'], done, async () => {
      await tx.query(
        `INSERT INTO users (id, email, first_name, last_name, password_hash, email_verified_at, created_at, updated_at)
        SELECT 'usr_' || lpad(i::text, 8, '0'), 'member' || i || '@example.com', 'First' || md5(i::text), 'Last' || md5((i * 7)::text), 'x', now(), now(), now()
          FROM generate_series(0, $1) AS i`,
        [MEMBERS],
      );
      done('users');
      await tx.query(`INSERT INTO organizations (id, name, created_at) VALUES ('org_bench', 'Bench', now())`);
      await tx.query(
        `INSERT INTO memberships (org_id, user_id, role_id, joined_at, first_name_key, last_name_key, email_key, role_key)
        SELECT 'org_bench', u.id, t.role, now() - (t.i || ' seconds')::interval, lower(u.first_name), lower(u.last_name), u.email, lower(r.name)
          FROM (SELECT i, CASE WHEN i = 0 THEN 'admin' WHEN i % 3 = 0 THEN 'editor' ELSE 'viewer' END AS role FROM generate_series(0, $1) AS i) t
          JOIN users u ON u.id = 'usr_' || lpad(t.i::text, 8, '0') JOIN roles r ON r.id = t.role`,
        [MEMBERS],
      );
      done('memberships');
    }),
  );
  await db.query('ANALYZE');
  done('analyze');
  const loadMs = performance.now() - t0;
  log(`${MEMBERS.toLocaleString('en')} members loaded into ${db.engine} in ${(loadMs / 1000).toFixed(1)} s (ms: ${JSON.stringify(laps)})`);
  const actor = { userId: 'usr_00000000' };
  const list = (q: Partial<Parameters<typeof core.members.list>[2]>) =>
    core.members.list(actor, 'org_bench', { status: 'active', sort: 'lastName', order: 'asc', limit: 50, ...q });

  const rows: { case: string; ms: number }[] = [];
  const { keyset, offset } = await measuring(async () => {
    for (const sort of ['firstName', 'lastName', 'email', 'role', 'joinedAt'] as const) {
      rows.push({ case: `first page, sort=${sort}`, ms: await time(() => list({ sort })) });
    }
    // A cursor half-way through: walk there once.
    let cursor: string | null = null;
    const half = await db.query<{ last_name_key: string; user_id: string }>(
      `SELECT last_name_key, user_id FROM memberships WHERE org_id = 'org_bench' ORDER BY last_name_key, user_id OFFSET $1 LIMIT 1`,
      [Math.floor(MEMBERS / 2)],
    );
    cursor = Buffer.from(JSON.stringify({ p: 'm', k: half[0]!.last_name_key, id: half[0]!.user_id })).toString('base64url');
    const keyset = await time(() => list({ cursor: cursor! }));
    rows.push({ case: `page at ${MEMBERS / 2}, keyset cursor`, ms: keyset });
    // The baseline is slow (it reads half the organization): the median of 5 runs says enough.
    const offset = await time(
      () =>
        db.query(
          `SELECT m.user_id, u.email, u.first_name, u.last_name FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = 'org_bench' ORDER BY m.last_name_key, m.user_id OFFSET $1 LIMIT 51`,
          [Math.floor(MEMBERS / 2)],
        ),
      5,
    );
    rows.push({ case: `page at ${MEMBERS / 2}, OFFSET (baseline)`, ms: offset });
    rows.push({ case: 'role filter (editor), first page', ms: await time(() => list({ role: 'editor' })) });
    rows.push({ case: 'search, common text ("first")', ms: await time(() => list({ q: 'first' })) });
    rows.push({ case: 'search, one e-mail', ms: await time(() => list({ q: `member${MEMBERS - 1}@example.com` })) });
    return { keyset, offset };
  });
  await hasher.close();
  await db.close();
  return { engine: db.engine, members: MEMBERS, loadMs, rows, ratios: { offsetOverKeyset: offset / keyset } };
}

const CHILD_FLAG = '--bench-members-child';

/**
 * The member-list benchmark in a child process of its own: its database loads while the main
 * process builds the authorization world (two cores, two loads); it times its queries only when
 * the main process lets it (phases.ts).
 */
export function benchMembersListInChild(): Promise<Awaited<ReturnType<typeof benchMembersList>>> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  adopt(child);
  return new Promise((resolve, reject) => {
    let answer: Awaited<ReturnType<typeof benchMembersList>> | undefined;
    let failure: string | undefined;
    child.on('message', (m: { result?: typeof answer; failed?: string }) => {
      if (m.result) answer = m.result;
      if (m.failed) failure = m.failed;
    });
    child.on('error', reject);
    // 'close', not 'exit': the last message may still be in the IPC channel at 'exit' (see scale.ts).
    child.on('close', (code, sig) =>
      answer && code === 0 ? resolve(answer) : reject(new Error(failure ?? `the member-list child exited with ${code ?? sig}`)),
    );
  });
}

if (process.argv.includes(CHILD_FLAG) && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stayed = exitWithParent();
  try {
    process.send!({ result: await benchMembersList(measureInChild) });
  } catch (e) {
    process.send!({ failed: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    process.exitCode = 1;
  }
  stayed();
  process.disconnect();
}
