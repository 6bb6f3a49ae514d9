// Small pieces shared by the repositories.

/** A LIKE pattern matching `s` literally anywhere (`%` and `_` in the search are characters). */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The `invitedBy` person of a row joined to the inviting user; `null` when the account is gone. */
export function inviterOf(r: Record<string, unknown>): { userId: string; firstName: string; lastName: string } | null {
  return r.invited_by && r.invited_by_first_name !== null && r.invited_by_first_name !== undefined
    ? { userId: r.invited_by as string, firstName: r.invited_by_first_name as string, lastName: r.invited_by_last_name as string }
    : null;
}
