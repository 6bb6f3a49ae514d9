// Checks on the database's state shared by the concurrency tests, the security matrix and the proof
// suite (`npm run proof`): the membership invariants as one SQL query, and a fingerprint of every
// table to show that a request changed nothing. They take a query function, so they run through a
// test service's Db as well as through a plain `pg` client of another process.

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface InvariantViolations {
  orgs_without_members: string;
  orgs_without_admin: string;
  users_without_org: string;
  users_with_foreign_active_org: string;
}

export const NO_VIOLATIONS: InvariantViolations = {
  orgs_without_members: '',
  orgs_without_admin: '',
  users_without_org: '',
  users_with_foreign_active_org: '',
};

/**
 * The invariants of organizations (membership-rules.ts), over the whole database: every organization
 * has a member and an Admin; every user has an organization, and their active organization is one
 * of theirs. Each field lists the offending ids ('' when none).
 */
export async function invariantViolations(query: Query): Promise<InvariantViolations> {
  const [r] = await query<InvariantViolations>(`
    SELECT
      (SELECT coalesce(string_agg(o.id, ','), '') FROM organizations o
        WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = o.id)) AS orgs_without_members,
      (SELECT coalesce(string_agg(o.id, ','), '') FROM organizations o
        WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = o.id)
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = o.id AND m.role_id = 'admin')) AS orgs_without_admin,
      (SELECT coalesce(string_agg(u.id, ','), '') FROM users u
        WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)) AS users_without_org,
      (SELECT coalesce(string_agg(u.id, ','), '') FROM users u
        WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.org_id = u.active_org_id)) AS users_with_foreign_active_org`);
  return r!;
}

/**
 * What the service changes in the background, with no request asking for it: a session's last use,
 * a mail's delivery state (and its body, erased once delivered), a webhook delivery's state. Left
 * out of the fingerprint.
 */
const BACKGROUND_COLUMNS: Record<string, string[]> = {
  sessions: ['last_seen_at'],
  outbox: ['attempts', 'next_attempt_at', 'sent_at', 'delivered_via', 'failed_at', 'last_error', 'text_body', 'html_body', 'links'],
  webhook_deliveries: ['status', 'attempts', 'next_attempt_at', 'leased_until', 'last_status', 'last_error', 'finished_at'],
};

/** The service's tables, found in the catalog (so a new table is covered too). */
export async function tableNames(query: Query): Promise<string[]> {
  return (
    await query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).map((t) => t.name);
}

/** One query giving the row count and an md5 of the rows of each table named. */
export function fingerprintSql(tables: readonly string[], background: Record<string, string[]> = BACKGROUND_COLUMNS): string {
  return tables
    .map((name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${name}`);
      const skip = background[name]?.map((c) => `'${c}'`).join(', ');
      const row = skip ? `(to_jsonb(t) - ARRAY[${skip}]::text[])::text` : 'to_jsonb(t)::text';
      return `SELECT '${name}' AS name, count(*)::int AS n, md5(coalesce(string_agg(j, '|' ORDER BY j), '')) AS h FROM (SELECT ${row} AS j FROM "${name}" t) s`;
    })
    .join(' UNION ALL ');
}

/** Count and hash of the rows of every table, by table. */
export async function fingerprint(query: Query, sql: string): Promise<Record<string, string>> {
  const rows = await query<{ name: string; n: number; h: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n} rows, ${r.h}`]));
}
