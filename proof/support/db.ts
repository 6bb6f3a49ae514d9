// The proof's own PostgreSQL database (created fresh, dropped at the end), a pool to read it for
// checks, and fixtures written in SQL where going through the API would only measure argon2:
// users with a precomputed password hash, and sessions (as test/support's addMember does for
// memberships). Everything under test is then done through the real server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { ARGON2_MIN } from '../../src/core/accounts/password-hasher.js';
import { hashSecret, newId, newSecret } from '../../src/core/clock-random.js';
import type { Query } from '../../test/support/db-checks.js';

pg.types.setTypeParser(20, (v) => Number(v));
export const PASSWORD = 'Proof-Battery-42-Staple';

export interface ProofDb {
  url: string;
  query: Query;
  /** `pg_dump` of the whole database, as text. */
  dump(): Promise<string>;
  close(): Promise<void>;
}

export async function createDatabase(baseUrl: string): Promise<ProofDb> {
  const name = `gatehouse_proof_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 8 });
  pool.on('error', () => {});
  return {
    url: url.toString(),
    query: (async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows) as Query,
    async dump() {
      const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', '--no-owner', url.toString()], { maxBuffer: 1 << 30 });
      return stdout;
    },
    async close() {
      await pool.end();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface SeededUser {
  userId: string;
  email: string;
  firstName: string;
  orgId: string;
  token: string;
}

let passwordHash: Promise<string> | undefined;

/**
 * `n` users (verified unless told), each the Admin of an organization of their own (the state
 * sign-up + verification leaves), with a session. Emails are `${prefix}-${i}-${random}@${domain}`.
 */
export async function seedUsers(
  query: Query,
  n: number,
  options: { prefix?: string; domain?: string; verified?: boolean; sessions?: boolean } = {},
): Promise<SeededUser[]> {
  passwordHash ??= hash(PASSWORD, { algorithm: 2, ...ARGON2_MIN });
  const ph = await passwordHash;
  const run = newSecret()
    .slice(0, 6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  const users: SeededUser[] = Array.from({ length: n }, (_, i) => ({
    userId: newId('usr'),
    orgId: newId('org'),
    firstName: `P${i}`,
    email: `${options.prefix ?? 'proof'}-${i}-${run}@${options.domain ?? 'proof.example'}`.toLowerCase(),
    token: newSecret(),
  }));
  const now = new Date();
  for (let k = 0; k < users.length; k += 1000) {
    const chunk = users.slice(k, k + 1000);
    const col = <K extends keyof SeededUser>(key: K) => chunk.map((u) => u[key]);
    await query(
      `INSERT INTO users (id, email, first_name, last_name, password_hash, email_verified_at, created_at, updated_at)
      SELECT id, email, fn, 'Proof', $4, $5, $6, $6 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, email, fn)`,
      [col('userId'), col('email'), col('firstName'), ph, options.verified === false ? null : now, now],
    );
    await query(
      `INSERT INTO organizations (id, name, created_at, created_by) SELECT o, fn || '''s organization', $4, u FROM unnest($1::text[], $2::text[], $3::text[]) AS t(o, u, fn)`,
      [col('orgId'), col('userId'), col('firstName'), now],
    );
    await query(
      `INSERT INTO memberships (org_id, user_id, role_id, joined_at) SELECT o, u, 'admin', $3 FROM unnest($1::text[], $2::text[]) AS t(o, u)`,
      [col('orgId'), col('userId'), now],
    );
    await query(`UPDATE users u SET active_org_id = t.o FROM unnest($1::text[], $2::text[]) AS t(o, id) WHERE u.id = t.id`, [
      col('orgId'),
      col('userId'),
    ]);
    if (options.sessions !== false) {
      await query(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
        SELECT s, h, u, $4, $4, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(s, h, u)`,
        [chunk.map(() => newId('ses')), chunk.map((u) => hashSecret(u.token)), col('userId'), now, new Date(now.getTime() + 86_400_000)],
      );
    }
  }
  return users;
}

/** A new session for a user (what a login would give), valid for a day unless told otherwise. */
export async function mintSession(query: Query, userId: string, expiresAt = new Date(Date.now() + 86_400_000)): Promise<string> {
  const token = newSecret();
  const now = new Date();
  await query(`INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)`, [
    newId('ses'),
    hashSecret(token),
    userId,
    new Date(Math.min(now.getTime(), expiresAt.getTime() - 1000)),
    expiresAt,
  ]);
  return token;
}

export async function addMember(query: Query, orgId: string, userId: string, roleId = 'viewer') {
  await query(`INSERT INTO memberships (org_id, user_id, role_id, joined_at) VALUES ($1, $2, $3, now())`, [orgId, userId, roleId]);
}
