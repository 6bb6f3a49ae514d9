// SQL for devices, device access and service clients.
import type { Queryable } from './db.js';
import type { ServiceClientsRepo } from '../core/authz/ports.js';
import type { DeviceRecord, DevicesRepo } from '../core/devices/ports.js';
import { containsPattern } from './sql-text.js';
import type { AuthzDelta } from '../core/authz/decision-index.js';

type Row = Record<string, unknown>;

const deviceCols = `d.id, d.org_id, d.uuid::text AS uuid, d.name, d.location, d.tags, d.description, d.created_at, d.updated_at`;
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

export function devicesRepo(q: Queryable, authzChanged: (orgId: string, delta?: AuthzDelta) => Promise<void>): DevicesRepo {
  return {
    async insert(d) {
      const rows = await q.query(
        `INSERT INTO devices (id, org_id, uuid, name, location, tags, description, token_hash, created_at, updated_at, created_by)
         VALUES ($1, $2, $3::uuid, $4, $5, $6, $7, $8, $9, $9, $10) ON CONFLICT (uuid) DO NOTHING RETURNING id`,
        [d.id, d.orgId, d.uuid, d.name, d.location, d.tags, d.description, d.tokenHash, d.createdAt, d.createdBy],
      );
      if (rows.length === 1) await authzChanged(d.orgId, { kind: 'device_added', deviceId: d.id });
      return rows.length === 1;
    },
    async find(orgId, id) {
      const [r] = await q.query(`SELECT ${deviceCols} FROM devices d WHERE d.org_id = $1 AND d.id = $2`, [orgId, id]);
      return r && toDevice(r);
    },
    async list(orgId, query) {
      const params: unknown[] = [orgId];
      const where = ['d.org_id = $1'];
      if (query.onlyFor) {
        params.push(query.onlyFor);
        where.push(`EXISTS (SELECT 1 FROM member_devices md WHERE md.org_id = d.org_id AND md.device_id = d.id AND md.user_id = $${params.length})`);
      }
      if (query.q) {
        params.push(containsPattern(query.q));
        where.push(`(lower(d.name) LIKE lower($${params.length}) OR d.uuid::text LIKE lower($${params.length}) OR lower(coalesce(d.location, '')) LIKE lower($${params.length}))`);
      }
      if (query.tag) {
        params.push([query.tag]);
        where.push(`d.tags @> $${params.length}::text[]`);
      }
      if (query.after) {
        params.push(query.after.key, query.after.id);
        where.push(`(lower(d.name), d.id) > ($${params.length - 1}, $${params.length})`);
      }
      params.push(query.limit);
      const rows = await q.query(
        `SELECT ${deviceCols}, lower(d.name) AS sort_key FROM devices d WHERE ${where.join(' AND ')}
          ORDER BY lower(d.name), d.id LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => ({ ...toDevice(r), sortKey: r.sort_key as string }));
    },
    async update(d) {
      await q.query(
        `UPDATE devices SET name = $3, location = $4, tags = $5, description = $6, updated_at = $7 WHERE org_id = $1 AND id = $2`,
        [d.orgId, d.id, d.name, d.location, d.tags, d.description, d.updatedAt],
      );
    },
    async delete(orgId, id) {
      await q.query(`DELETE FROM devices WHERE org_id = $1 AND id = $2`, [orgId, id]);
      await authzChanged(orgId, { kind: 'device_removed', deviceId: id });
    },
    async setToken(orgId, id, tokenHash, now) {
      await q.query(`UPDATE devices SET token_hash = $3, updated_at = $4 WHERE org_id = $1 AND id = $2`, [orgId, id, tokenHash, now]);
    },
    async hasAccess(orgId, userId, deviceId) {
      const rows = await q.query(`SELECT 1 FROM member_devices WHERE org_id = $1 AND user_id = $2 AND device_id = $3`, [orgId, userId, deviceId]);
      return rows.length === 1;
    },
    async accessOf(orgId, userId) {
      const rows = await q.query<{ device_id: string }>(`SELECT device_id FROM member_devices WHERE org_id = $1 AND user_id = $2 ORDER BY device_id`, [orgId, userId]);
      return rows.map((r) => r.device_id);
    },
    async existing(orgId, ids) {
      if (ids.length === 0) return [];
      const rows = await q.query<{ id: string }>(`SELECT id FROM devices WHERE org_id = $1 AND id = ANY($2::text[])`, [orgId, [...ids]]);
      return rows.map((r) => r.id);
    },
    async grant(orgId, userId, deviceIds) {
      await q.query(
        `INSERT INTO member_devices (org_id, user_id, device_id) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
        [orgId, userId, [...deviceIds]],
      );
      await authzChanged(orgId, { kind: 'grant', userId, deviceIds });
    },
    async replaceAccess(orgId, userId, allDevices, deviceIds) {
      await q.query(`UPDATE memberships SET all_devices = $3 WHERE org_id = $1 AND user_id = $2`, [orgId, userId, allDevices]);
      await q.query(`DELETE FROM member_devices WHERE org_id = $1 AND user_id = $2`, [orgId, userId]);
      if (deviceIds.length > 0) {
        await q.query(`INSERT INTO member_devices (org_id, user_id, device_id) SELECT $1, $2, unnest($3::text[])`, [orgId, userId, [...deviceIds]]);
      }
      await authzChanged(orgId, { kind: 'device_access', userId, allDevices, deviceIds });
    },
    async accessiblePage(orgId, userId, all, after, limit) {
      const rows = all
        ? await q.query<{ id: string }>(`SELECT id FROM devices WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [orgId, after ?? '', limit])
        : await q.query<{ id: string }>(
          `SELECT device_id AS id FROM member_devices WHERE org_id = $1 AND user_id = $2 AND device_id > $3 ORDER BY device_id LIMIT $4`,
          [orgId, userId, after ?? '', limit]);
      return rows.map((r) => r.id);
    },
  };
}

export function serviceClientsRepo(q: Queryable): ServiceClientsRepo {
  return {
    async insert(c) {
      await q.query(`INSERT INTO service_clients (id, name, key_hash, created_at) VALUES ($1, $2, $3, $4)`, [c.id, c.name, c.keyHash, c.createdAt]);
    },
    async findByKeyHash(keyHash) {
      const [r] = await q.query(`SELECT id, name FROM service_clients WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
      return r && { id: r.id as string, name: r.name as string };
    },
    async list() {
      const rows = await q.query(`SELECT id, name, created_at, revoked_at FROM service_clients ORDER BY created_at, id`);
      return rows.map((r) => ({ id: r.id as string, name: r.name as string, createdAt: r.created_at as Date, revokedAt: (r.revoked_at as Date | null) ?? null }));
    },
    async revoke(id, now) {
      const rows = await q.query(`UPDATE service_clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, now]);
      if (rows.length === 1) await q.query(`SELECT pg_notify('gatehouse_service_clients', $1)`, [id]);
      return rows.length === 1;
    },
  };
}
