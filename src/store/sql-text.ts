// Small pieces shared by the repositories' queries and row mappings.
import { isPermission, PERMISSION_KEYS, type Permission } from '../core/authz/permissions.js';

/** A LIKE pattern matching `s` literally anywhere (`%` and `_` in the search are characters). */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The `invitedBy` person of a row joined to the inviting user; `null` when the account is gone. */
export function inviterOf(r: Record<string, unknown>): { userId: string; firstName: string; lastName: string } | null {
  return r.invited_by && r.invited_by_first_name !== null && r.invited_by_first_name !== undefined
    ? { userId: r.invited_by as string, firstName: r.invited_by_first_name as string, lastName: r.invited_by_last_name as string }
    : null;
}

const catalogOrder = new Map<string, number>(PERMISSION_KEYS.map((k, i) => [k, i]));

/** Permissions as stored (an aggregated array), in catalog order, dropping any key the running code does not know. */
export function permissionsOf(value: unknown): Permission[] {
  return ((value as string[] | null) ?? []).filter(isPermission).sort((a, b) => catalogOrder.get(a)! - catalogOrder.get(b)!);
}
