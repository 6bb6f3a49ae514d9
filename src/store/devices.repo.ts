// SQL for devices. Who may reach which device is the membership's (memberships.repo.ts); the
// list's "only this member's devices" filter reads it.
import type { DeviceRecord, DevicesRepo } from '../core/devices/ports.js';
import type { Queryable } from './db.js';
import { join, raw, sql } from './sql.js';
import { containsPattern } from './sql-text.js';

type Row = Record<string, unknown>;

const columns = raw(`d.id, d.org_id, d.uuid::text AS uuid, d.name, d.location, d.tags, d.description, d.created_at, d.updated_at`);

function toDevice(r: Row): DeviceRecord {
  return {
    id: r.id as string,
    orgId: r.org_id as string,
    uuid: r.uuid as string,
    name: r.name as string,
    location: (r.location as string | null) ?? null,
    tags: (r.tags as string[] | null) ?? [],
    description: (r.description as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export function devicesRepo(q: Queryable): DevicesRepo {
  return {
    async insert(d) {
      const rows = await q.query(sql`
        INSERT INTO devices (id, org_id, uuid, name, location, tags, description, token_hash, created_at, updated_at, created_by)
        VALUES (${d.id}, ${d.orgId}, ${d.uuid}::uuid, ${d.name}, ${d.location}, ${d.tags}, ${d.description}, ${d.tokenHash}, ${d.createdAt}, ${d.createdAt}, ${d.createdBy})
        ON CONFLICT (uuid) DO NOTHING RETURNING id`);
      return rows.length === 1;
    },
    async find(orgId, id) {
      const [r] = await q.query(sql`SELECT ${columns} FROM devices d WHERE d.org_id = ${orgId} AND d.id = ${id}`);
      return r && toDevice(r);
    },
    async list(orgId, query) {
      const where = [sql`d.org_id = ${orgId}`];
      if (query.onlyFor) {
        where.push(
          sql`EXISTS (SELECT 1 FROM member_devices md WHERE md.org_id = d.org_id AND md.device_id = d.id AND md.user_id = ${query.onlyFor})`,
        );
      }
      if (query.q) {
        const p = containsPattern(query.q);
        where.push(
          sql`(lower(d.name) LIKE lower(${p}) OR d.uuid::text LIKE lower(${p}) OR lower(coalesce(d.location, '')) LIKE lower(${p}))`,
        );
      }
      if (query.tag) where.push(sql`d.tags @> ${[query.tag]}::text[]`);
      if (query.after) where.push(sql`(lower(d.name), d.id) > (${query.after.key}, ${query.after.id})`);
      const rows = await q.query(sql`
        SELECT ${columns}, lower(d.name) AS sort_key FROM devices d WHERE ${join(where, ' AND ')}
         ORDER BY lower(d.name), d.id LIMIT ${query.limit}`);
      return rows.map((r) => ({ ...toDevice(r), sortKey: r.sort_key as string }));
    },
    async update(d) {
      await q.query(sql`
        UPDATE devices SET name = ${d.name}, location = ${d.location}, tags = ${d.tags}, description = ${d.description}, updated_at = ${d.updatedAt}
         WHERE org_id = ${d.orgId} AND id = ${d.id}`);
    },
    async delete(orgId, id) {
      // Members' grants of the device go with it (foreign key).
      await q.query(sql`DELETE FROM devices WHERE org_id = ${orgId} AND id = ${id}`);
    },
    async setToken(orgId, id, tokenHash, now) {
      await q.query(sql`UPDATE devices SET token_hash = ${tokenHash}, updated_at = ${now} WHERE org_id = ${orgId} AND id = ${id}`);
    },
    async namesOf(orgId, ids) {
      if (ids.length === 0) return [];
      return q.query<{ id: string; name: string }>(
        sql`SELECT id, name FROM devices WHERE org_id = ${orgId} AND id = ANY(${[...ids]}::text[])`,
      );
    },
    async existing(orgId, ids) {
      if (ids.length === 0) return [];
      const rows = await q.query<{ id: string }>(sql`SELECT id FROM devices WHERE org_id = ${orgId} AND id = ANY(${[...ids]}::text[])`);
      return rows.map((r) => r.id);
    },
    async idPage(orgId, after, limit) {
      const rows = await q.query<{ id: string }>(
        sql`SELECT id FROM devices WHERE org_id = ${orgId} AND id > ${after ?? ''} ORDER BY id LIMIT ${limit}`,
      );
      return rows.map((r) => r.id);
    },
  };
}
