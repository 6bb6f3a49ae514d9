// Forward-only, versioned migrations: `NNN_name.sql` files applied in order, each in its own
// transaction, under an advisory lock so several instances starting at once apply each file once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './db.js';
import { sql } from './sql.js';

const dir = new URL('./migrations/', import.meta.url);
const LOCK_KEY = 7_270_211; // any constant; identifies "gatehouse migrations" among advisory locks

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  // Two branches that each add "the next" migration meet at a merge with the same number: say so,
  // rather than let the second look like an applied migration that was edited.
  const taken = new Map<string, string>();
  for (const file of files) {
    const clash = taken.get(file.slice(0, 3));
    if (clash) throw new Error(`Migrations ${clash} and ${file} share the version ${file.slice(0, 3)}: renumber the newer one.`);
    taken.set(file.slice(0, 3), file);
  }
  return files.map((file) => {
    const sql = readFileSync(new URL(file, dir), 'utf8');
    return {
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
}

export async function migrate(db: Db): Promise<{ applied: string[] }> {
  await db
    .query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`)
    .catch((e) => {
      // Two instances racing on CREATE TABLE IF NOT EXISTS can collide on the catalog; the loser retries below.
      if (!String(e?.code).startsWith('23')) throw e;
    });
  const applied: string[] = [];
  for (const m of listMigrations()) {
    await db.transaction(async (tx) => {
      await tx.query(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      const [done] = await tx.query<{ checksum: string }>(sql`SELECT checksum FROM schema_migrations WHERE version = ${m.version}`);
      if (done) {
        if (done.checksum !== m.checksum) {
          throw new Error(`Migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead.`);
        }
        return;
      }
      await tx.exec(m.sql);
      await tx.query(sql`INSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${m.checksum})`);
      applied.push(`${String(m.version).padStart(3, '0')}_${m.name}`);
    });
  }
  return { applied };
}
