// Small pieces shared by the repositories' queries and row mappings.
import { raw } from './sql.js';

/** A LIKE pattern matching `s` literally anywhere (`%` and `_` in the search are characters). */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The `invitedBy` person of a row joined to the inviting user; `null` when the account is gone. */
export function inviterOf(r: Record<string, unknown>): { userId: string; firstName: string; lastName: string } | null {
  return r.invited_by && r.invited_by_first_name !== null && r.invited_by_first_name !== undefined
    ? { userId: r.invited_by as string, firstName: r.invited_by_first_name as string, lastName: r.invited_by_last_name as string }
    : null;
}

/**
 * A role's permissions aggregated in catalog order (its services' order, then each manifest's), with
 * `rp` the role_permissions rows: join `catalogJoin` after them.
 */
export const permissionsAgg = raw(
  `coalesce(array_agg(rp.permission ORDER BY cs.position, cp.service, cp.position, rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}')`,
);
/** The same, of the permissions that grant (deprecated ones left out): what a member holds. */
export const activePermissionsAgg = raw(
  `coalesce(array_agg(rp.permission ORDER BY cs.position, cp.service, cp.position, rp.permission) FILTER (WHERE rp.permission IS NOT NULL AND cp.deprecated_at IS NULL), '{}')`,
);
/** The role's deprecated permissions (kept for a re-add; they grant nothing). */
export const deprecatedAgg = raw(`coalesce(array_agg(rp.permission) FILTER (WHERE cp.deprecated_at IS NOT NULL), '{}')`);
export const catalogJoin = raw('LEFT JOIN permissions cp ON cp.key = rp.permission LEFT JOIN services cs ON cs.slug = cp.service');

/** Permissions as aggregated by `permissionsAgg`. */
export const permissionsOf = (value: unknown): string[] => (value as string[] | null) ?? [];
