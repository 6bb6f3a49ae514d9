// What the Users pages load besides the members: the organization's roles and devices.
import { useEffect, useState } from 'react';
import { api, query, type Device, type Page, type Role } from '../../api.js';

export function useRoles(orgId: string): { roles: Role[] | undefined; error: unknown } {
  const [roles, setRoles] = useState<Role[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    api.get<Role[]>(`/orgs/${orgId}/roles`).then((r) => live && setRoles(r), (e) => live && setError(e));
    return () => { live = false; };
  }, [orgId]);
  return { roles, error };
}

/** Every device the caller may see (paged through; organizations have hundreds, not millions). */
export async function loadAllDevices(orgId: string, signal?: AbortSignal): Promise<Device[]> {
  const all: Device[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Device> = await api.get<Page<Device>>(`/orgs/${orgId}/devices${query({ limit: 200, cursor })}`, { signal });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < 5000);
  return all;
}

export function useDevices(orgId: string, enabled = true): { devices: Device[] | undefined; error: unknown } {
  const [devices, setDevices] = useState<Device[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    loadAllDevices(orgId, abort.signal).then(setDevices, (e) => { if ((e as Error).name !== 'AbortError') setError(e); });
    return () => abort.abort();
  }, [orgId, enabled]);
  return { devices, error };
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
