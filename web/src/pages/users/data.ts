// What the Users pages load besides the members: the organization's roles and devices.
import { api, ok } from '../../api/client.js';
import type { Device, Page, Role } from '../../api/types.js';
import { useQuery } from '../../api/use-query.js';

export { useRoles } from '../roles/use-roles.js';

/** Every device the caller may see (paged through; organizations have hundreds, not millions). */
export async function loadAllDevices(orgId: string, signal?: AbortSignal): Promise<Device[]> {
  const all: Device[] = [];
  let cursor: string | undefined;
  do {
    const page: Page<Device> = await ok(
      api.GET('/orgs/{orgId}/devices', { params: { path: { orgId }, query: { limit: 200, cursor } }, signal }),
    );
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < 5000);
  return all;
}

export function useDevices(orgId: string, enabled = true): { devices: Device[] | undefined; error: unknown } {
  const query = useQuery(enabled ? `all-devices ${orgId}` : null, (signal) => loadAllDevices(orgId, signal));
  return { devices: query.data, error: query.error };
}

/**
 * The roles the caller may give someone: the server's escalation rule (only an Admin grants Admin;
 * nobody grants a permission they do not hold) applied in advance, so the list offers nothing the
 * server would refuse. The server still checks.
 */
export function grantableRoles(roles: Role[], myPermissions: string[], isAdmin: boolean): Role[] {
  const mine = new Set(myPermissions);
  return roles.filter((r) => (r.id === 'admin' ? isAdmin : r.permissions.every((p) => mine.has(p))));
}

export const fullName = (m: { firstName: string | null; lastName: string | null; email: string }) =>
  [m.firstName, m.lastName].filter(Boolean).join(' ') || m.email;
