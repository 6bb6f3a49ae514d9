// The world (or its first organizations) in PostgreSQL through PGlite, for what needs the real
// service: the app over HTTP, the loader, the grant → next check path.
import { performance } from 'node:perf_hooks';
import type { Db, DbTx } from '../src/store/db.js';
import type { AuthzEngine } from '../src/core/authz/authz-engine.js';
import { roleIdOf, type World } from './world.js';

/**
 * Loads organizations [0, orgLimit) of `w` with all their members, devices and grants (and the users
 * who are members of them) into `db`, in one transaction. Returns the milliseconds it took.
 */
export async function loadWorld(db: Db, w: World, orgLimit: number, log: (msg: string) => void) {
  const t0 = performance.now();
  const nOrgs = Math.min(orgLimit, w.orgIds.length);
  const m1 = w.memStart[nOrgs]!;
  // Users: those with a membership among the loaded organizations, in ordinal order.
  const needed = new Uint8Array(w.userIds.length);
  for (let m = 0; m < m1; m++) needed[w.memUser[m]!] = 1;
  const userOrds: number[] = [];
  needed.forEach((x, u) => {
    if (x === 1) userOrds.push(u);
  });
  const userIds = userOrds.map((u) => w.userIds[u]!);
  const STEP = 100_000;
  const chunks = async (n: number, fn: (from: number, to: number) => Promise<unknown>) => {
    for (let i = 0; i < n; i += STEP) await fn(i, Math.min(n, i + STEP));
  };
  let lap = performance.now();
  const laps: Record<string, number> = {};
  const done = (what: string) => {
    laps[what] = Math.round(performance.now() - lap);
    lap = performance.now();
  };
  await db.transaction((tx) =>
    bulkLoad(tx, ['memberships', 'devices', 'member_devices'], done, async () => {
      await chunks(userIds.length, (a, b) =>
        tx.query(
          `INSERT INTO users (id, email, first_name, last_name, password_hash, email_verified_at, created_at, updated_at)
       SELECT id, 'user' || (ord + $2) || '@bench.example', 'First' || (ord + $2), 'Last' || (ord + $2), 'x', now(), now(), now()
         FROM unnest($1::text[]) WITH ORDINALITY AS t(id, ord)`,
          [userIds.slice(a, b), a],
        ),
      );
      done('users');
      await tx.query(
        `INSERT INTO organizations (id, name, created_at) SELECT id, 'Organization ' || ord, now() FROM unnest($1::text[]) WITH ORDINALITY AS t(id, ord)`,
        [w.orgIds.slice(0, nOrgs)],
      );
      const customs = w.custom.slice(0, nOrgs).flatMap((c, o) => (c ? [{ c, org: w.orgIds[o]! }] : []));
      await tx.query(`INSERT INTO roles (id, org_id, name) SELECT id, org, 'Operator' FROM unnest($1::text[], $2::text[]) AS t(id, org)`, [
        customs.map((x) => x.c.id),
        customs.map((x) => x.org),
      ]);
      const rp = customs.flatMap((x) => x.c.permissions.map((p) => [x.c.id, p] as const));
      await tx.query(`INSERT INTO role_permissions (role_id, permission) SELECT * FROM unnest($1::text[], $2::text[])`, [
        rp.map((x) => x[0]),
        rp.map((x) => x[1]),
      ]);
      const nMem = m1;
      const memOrg = new Int32Array(nMem);
      for (let o = 0; o < nOrgs; o++) memOrg.fill(o, w.memStart[o]!, w.memStart[o + 1]!);
      await chunks(nMem, (a, b) => {
        const org: string[] = [];
        const user: string[] = [];
        const role: string[] = [];
        const all: boolean[] = [];
        for (let m = a; m < b; m++) {
          org.push(w.orgIds[memOrg[m]!]!);
          user.push(w.userIds[w.memUser[m]!]!);
          role.push(roleIdOf(w, memOrg[m]!, m));
          all.push(w.memAll[m] === 1);
        }
        return tx.query(
          `INSERT INTO memberships (org_id, user_id, role_id, joined_at, all_devices, first_name_key, last_name_key, email_key, role_key)
        SELECT t.org, t.usr, t.role, now() - (t.ord || ' seconds')::interval, t.a, lower(u.first_name), lower(u.last_name), u.email, lower(r.name)
          FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) WITH ORDINALITY AS t(org, usr, role, a, ord)
          JOIN users u ON u.id = t.usr JOIN roles r ON r.id = t.role`,
          [org, user, role, all],
        );
      });
      done('memberships');
      const perOrg = w.devStart[1]! - w.devStart[0]!;
      await chunks(w.devStart[nOrgs]!, (a, b) =>
        tx.query(
          `INSERT INTO devices (id, org_id, uuid, name, token_hash, created_at, updated_at)
       SELECT id, org, md5(id)::uuid, 'Device ' || (ord + $3), md5(id || ':token'), now(), now()
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(id, org, ord)`,
          [w.deviceIds.slice(a, b), Array.from({ length: b - a }, (_, i) => w.orgIds[Math.floor((a + i) / perOrg)]!), a],
        ),
      );
      done('devices');
      const nGrants = w.grantStart[nMem]!;
      const grantMem = new Int32Array(nGrants);
      for (let m = 0; m < nMem; m++) for (let k = w.grantStart[m]!; k < w.grantStart[m + 1]!; k++) grantMem[k] = m;
      await chunks(nGrants, (a, b) => {
        const org: string[] = [];
        const user: string[] = [];
        const dev: string[] = [];
        for (let k = a; k < b; k++) {
          org.push(w.orgIds[memOrg[grantMem[k]!]!]!);
          user.push(w.userIds[w.memUser[grantMem[k]!]!]!);
          dev.push(w.deviceIds[w.grantDev[k]!]!);
        }
        return tx.query(
          `INSERT INTO member_devices (org_id, user_id, device_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
          [org, user, dev],
        );
      });
      done('grants');
    }),
  );
  await db.query('ANALYZE');
  done('analyze');
  log(`load (ms): ${JSON.stringify(laps)}`);
  return performance.now() - t0;
}

/**
 * Runs `load` in bulk-load mode, as pg_restore --disable-triggers does: no per-row foreign-key checks
 * and no row triggers (so `load` writes what a trigger would, e.g. the member list's sort keys), and
 * the keys and indexes of `tables` (and the foreign keys to them) dropped first and built once after
 * the rows, from their definitions as the migrations made them (read from the catalog, so nothing is
 * restated here). The rows must be consistent by construction: the foreign keys are validated when
 * they come back. `done(what)` is called after each step, for the load's laps.
 */
export async function bulkLoad(tx: DbTx, tables: readonly string[], done: (what: string) => void, load: () => Promise<void>) {
  await tx.query(`SET LOCAL session_replication_role = replica`);
  await tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  const list = tables.map((t) => `'${t}'::regclass`).join(', ');
  const constraints = await tx.query<{ tbl: string; name: string; def: string; type: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def, contype AS type FROM pg_constraint
      WHERE contype IN ('p', 'u', 'f') AND (conrelid IN (${list}) OR confrelid IN (${list}))`,
  );
  const indexes = await tx.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
      WHERE indrelid IN (${list}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = pg_index.indexrelid)`,
  );
  const foreign = constraints.filter((c) => c.type === 'f');
  const keys = constraints.filter((c) => c.type !== 'f' && tables.includes(c.tbl));
  for (const c of [...foreign, ...keys]) await tx.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await tx.query(`DROP INDEX ${i.name}`);
  await load();
  for (const c of keys) {
    await tx.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
    done(c.name);
  }
  for (const i of indexes) {
    await tx.query(i.def);
    done(i.name);
  }
  done('keys and indexes');
  for (const c of foreign) await tx.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
  done('foreign keys (validated)');
}

/** Loads every organization's index into the engine, one after the other; per-organization times. */
export async function warmEngine(engine: AuthzEngine, orgIds: readonly string[]) {
  const ms: number[] = [];
  for (const id of orgIds) {
    const t = performance.now();
    await engine.index(id);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { totalMs: ms.reduce((a, b) => a + b, 0), medianMs: ms[Math.floor(ms.length / 2)]!, maxMs: ms[ms.length - 1]! };
}
