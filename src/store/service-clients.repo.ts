// SQL for service clients (the Smart Services' keys for the authorization API).
import type { ServiceClientsRepo } from '../core/authz/ports.js';
import type { Queryable } from './db.js';
import { sql } from './sql.js';

type Row = Record<string, unknown>;

function toServiceClient(r: Row) {
  return { id: r.id as string, name: r.name as string, createdAt: r.created_at as Date, revokedAt: (r.revoked_at as Date | null) ?? null };
}

export function serviceClientsRepo(q: Queryable): ServiceClientsRepo {
  return {
    async insert(c) {
      await q.query(
        sql`INSERT INTO service_clients (id, name, key_hash, created_at) VALUES (${c.id}, ${c.name}, ${c.keyHash}, ${c.createdAt})`,
      );
    },
    async findByKeyHash(keyHash) {
      const [r] = await q.query(sql`SELECT id, name, service FROM service_clients WHERE key_hash = ${keyHash} AND revoked_at IS NULL`);
      return r && { id: r.id as string, name: r.name as string, service: (r.service as string | null) ?? null };
    },
    async list() {
      return (await q.query(sql`SELECT id, name, created_at, revoked_at FROM service_clients ORDER BY created_at, id`)).map(
        toServiceClient,
      );
    },
    async revoke(id, now) {
      const rows = await q.query(sql`UPDATE service_clients SET revoked_at = ${now} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`);
      return rows.length === 1;
    },
  };
}
