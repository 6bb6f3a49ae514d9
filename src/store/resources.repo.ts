// SQL for resources (a Smart Service's objects in an organization) and each member's access to them
// per type (`member_resource_access` for `all`, `member_resources` for the explicit set). Every
// query names the organization. A resource's depth is at most 4 (its type's, checked when the
// parent is set), so "this resource or an ancestor" is four self-joins, not a recursive query.
import type { ResourceAccess, ResourceRecord, ResourcesRepo, ResourceTypeRecord } from '../core/resources/ports.js';
import type { Queryable } from './db.js';
import { join, raw, sql, type Sql } from './sql.js';
import { containsPattern } from './sql-text.js';

type Row = Record<string, unknown>;

const columns = raw(
  `r.id, r.org_id, r.type, r.external_id, r.name, r.parent_id, p.type AS parent_type, p.external_id AS parent_external_id, r.created_at, r.updated_at`,
);
const from = raw(`resources r LEFT JOIN resources p ON p.org_id = r.org_id AND p.id = r.parent_id`);

function toResource(r: Row): ResourceRecord {
  return {
    id: r.id as string,
    orgId: r.org_id as string,
    type: r.type as string,
    externalId: r.external_id as string,
    name: r.name as string,
    parentId: (r.parent_id as string | null) ?? null,
    parent: r.parent_id ? { type: r.parent_type as string, externalId: r.parent_external_id as string } : null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

function toType(r: Row): ResourceTypeRecord {
  return {
    type: r.type as string,
    service: r.service as string,
    parent: (r.parent as string | null) ?? null,
    name: r.name as Record<string, string>,
  };
}

/**
 * The member reaches the resource `r` (joined with its ancestors a1…a3): `all` for the type of `r`
 * or of an ancestor, or a grant on `r` or an ancestor. `IN` ignores the NULLs of missing ancestors.
 */
function reaches(userId: string): Sql {
  return sql`(
    EXISTS (SELECT 1 FROM member_resource_access ma WHERE ma.org_id = r.org_id AND ma.user_id = ${userId} AND ma.all_resources
               AND ma.type IN (r.type, a1.type, a2.type, a3.type))
    OR EXISTS (SELECT 1 FROM member_resources mr WHERE mr.org_id = r.org_id AND mr.user_id = ${userId}
               AND mr.resource_id IN (r.id, a1.id, a2.id, a3.id)))`;
}
const ancestorsJoin = raw(`
  LEFT JOIN resources a1 ON a1.org_id = r.org_id AND a1.id = r.parent_id
  LEFT JOIN resources a2 ON a2.org_id = r.org_id AND a2.id = a1.parent_id
  LEFT JOIN resources a3 ON a3.org_id = r.org_id AND a3.id = a2.parent_id`);

export function resourcesRepo(q: Queryable): ResourcesRepo {
  return {
    async types() {
      return (await q.query(sql`SELECT type, service, parent, name FROM resource_types ORDER BY service, position, type`)).map(toType);
    },
    async findType(type) {
      const [r] = await q.query(sql`SELECT type, service, parent, name FROM resource_types WHERE type = ${type}`);
      return r && toType(r);
    },
    async find(orgId, id) {
      const [r] = await q.query(sql`SELECT ${columns} FROM ${from} WHERE r.org_id = ${orgId} AND r.id = ${id}`);
      return r && toResource(r);
    },
    async findByExternal(orgId, type, externalId) {
      const [r] = await q.query(
        sql`SELECT ${columns} FROM ${from} WHERE r.org_id = ${orgId} AND r.type = ${type} AND r.external_id = ${externalId}`,
      );
      return r && toResource(r);
    },
    async ancestors(orgId, id) {
      return q.query<{ id: string; type: string }>(sql`
        WITH RECURSIVE up(id, type, parent_id, depth) AS (
          SELECT p.id, p.type, p.parent_id, 1 FROM resources r JOIN resources p ON p.org_id = r.org_id AND p.id = r.parent_id
           WHERE r.org_id = ${orgId} AND r.id = ${id}
          UNION ALL
          SELECT p.id, p.type, p.parent_id, up.depth + 1 FROM up JOIN resources p ON p.org_id = ${orgId} AND p.id = up.parent_id
           WHERE up.depth < 10)
        SELECT id, type FROM up ORDER BY depth`);
    },
    async upsert(r) {
      const [row] = await q.query<{ id: string; created: boolean }>(sql`
        INSERT INTO resources (id, org_id, type, external_id, name, parent_id, created_at, updated_at)
        VALUES (${r.id}, ${r.orgId}, ${r.type}, ${r.externalId}, ${r.name}, ${r.parentId}, ${r.createdAt}, ${r.updatedAt})
        ON CONFLICT (org_id, type, external_id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, updated_at = excluded.updated_at
        RETURNING id, (xmax = 0) AS created`);
      return { id: row!.id, created: row!.created };
    },
    async subtree(orgId, id) {
      const rows = await q.query<{ id: string }>(sql`
        WITH RECURSIVE down(id, depth) AS (
          SELECT id, 0 FROM resources WHERE org_id = ${orgId} AND id = ${id}
          UNION ALL
          SELECT c.id, down.depth + 1 FROM down JOIN resources c ON c.org_id = ${orgId} AND c.parent_id = down.id WHERE down.depth < 10)
        SELECT id FROM down ORDER BY depth, id`);
      return rows.map((r) => r.id);
    },
    async delete(orgId, id) {
      await q.query(sql`DELETE FROM resources WHERE org_id = ${orgId} AND id = ${id}`);
    },
    async list(orgId, query) {
      const where = [sql`r.org_id = ${orgId}`];
      if (query.type) where.push(sql`r.type = ${query.type}`);
      if (query.parentId) where.push(sql`r.parent_id = ${query.parentId}`);
      if (query.q) {
        const p = containsPattern(query.q);
        where.push(sql`(lower(r.name) LIKE lower(${p}) OR lower(r.external_id) LIKE lower(${p}))`);
      }
      if (query.onlyFor) where.push(reaches(query.onlyFor));
      if (query.after) where.push(sql`(lower(r.name), r.id) > (${query.after.key}, ${query.after.id})`);
      const rows = await q.query(sql`
        SELECT ${columns}, lower(r.name) AS sort_key FROM ${from} ${ancestorsJoin}
         WHERE ${join(where, ' AND ')} ORDER BY lower(r.name), r.id LIMIT ${query.limit}`);
      return rows.map((r) => ({ ...toResource(r), sortKey: r.sort_key as string }));
    },
    async existing(orgId, ids) {
      if (ids.length === 0) return [];
      return q.query<{ id: string; type: string }>(
        sql`SELECT id, type FROM resources WHERE org_id = ${orgId} AND id = ANY(${[...ids]}::text[])`,
      );
    },
    async idPage(orgId, type, onlyFor, after, limit) {
      const where = [sql`r.org_id = ${orgId}`, sql`r.type = ${type}`, sql`r.id > ${after ?? ''}`];
      if (onlyFor !== null) where.push(reaches(onlyFor));
      const rows = await q.query<{ id: string; external_id: string }>(sql`
        SELECT r.id, r.external_id FROM resources r ${ancestorsJoin} WHERE ${join(where, ' AND ')} ORDER BY r.id LIMIT ${limit}`);
      return rows.map((r) => ({ id: r.id, externalId: r.external_id }));
    },

    async reachable(orgId, userId, ids) {
      if (ids.length === 0) return [];
      const rows = await q.query<{ id: string }>(sql`
        SELECT r.id FROM resources r ${ancestorsJoin}
         WHERE r.org_id = ${orgId} AND r.id = ANY(${[...ids]}::text[]) AND ${reaches(userId)}`);
      return rows.map((r) => r.id);
    },
    async accessOf(orgId, userId) {
      const access = new Map<string, ResourceAccess>();
      const rows = await q.query<{ type: string; all_resources: boolean }>(
        sql`SELECT type, all_resources FROM member_resource_access WHERE org_id = ${orgId} AND user_id = ${userId}`,
      );
      for (const r of rows) access.set(r.type, { all: r.all_resources, ids: [] });
      const grants = await q.query<{ type: string; id: string }>(sql`
        SELECT r.type, r.id FROM member_resources g JOIN resources r ON r.org_id = g.org_id AND r.id = g.resource_id
         WHERE g.org_id = ${orgId} AND g.user_id = ${userId} ORDER BY r.id`);
      for (const g of grants) {
        let a = access.get(g.type);
        if (!a) {
          a = { all: false, ids: [] };
          access.set(g.type, a);
        }
        a.ids.push(g.id);
      }
      return access;
    },
    async setAccess(orgId, userId, type, access) {
      await q.query(sql`
        INSERT INTO member_resource_access (org_id, user_id, type, all_resources) VALUES (${orgId}, ${userId}, ${type}, ${access.all})
        ON CONFLICT (org_id, user_id, type) DO UPDATE SET all_resources = excluded.all_resources`);
      await q.query(sql`
        DELETE FROM member_resources g USING resources r
         WHERE g.org_id = ${orgId} AND g.user_id = ${userId} AND r.org_id = g.org_id AND r.id = g.resource_id AND r.type = ${type}`);
      if (access.ids.length > 0)
        await q.query(sql`
          INSERT INTO member_resources (org_id, user_id, resource_id)
          SELECT ${orgId}, ${userId}, unnest(${access.ids}::text[]) ON CONFLICT DO NOTHING`);
    },
    async grant(orgId, userId, type, resourceId) {
      await q.query(sql`
        INSERT INTO member_resource_access (org_id, user_id, type, all_resources) VALUES (${orgId}, ${userId}, ${type}, false)
        ON CONFLICT DO NOTHING`);
      await q.query(
        sql`INSERT INTO member_resources (org_id, user_id, resource_id) VALUES (${orgId}, ${userId}, ${resourceId}) ON CONFLICT DO NOTHING`,
      );
    },
  };
}
