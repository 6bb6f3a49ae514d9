// A member's device access as the API shows it: Admins and members with all devices have every
// device (no list); anyone else has exactly their explicit set.
import type { Repos } from '../store.js';
import type { Reach } from '../authz/delegation.js';

export async function deviceAccessOf(repos: Repos, orgId: string, member: { userId: string; isAdmin: boolean; allDevices: boolean }) {
  if (member.isAdmin || member.allDevices) return { allDevices: true, deviceIds: [] as string[] };
  return { allDevices: false, deviceIds: await repos.memberships.deviceIdsOf(orgId, member.userId) };
}

/** What a member reaches, as the delegation rules (authz/delegation.ts) need it. */
export async function reachOf(
  repos: Repos,
  member: { orgId: string; userId: string; isAdmin: boolean; allDevices: boolean },
): Promise<Reach> {
  if (member.isAdmin || member.allDevices) return { allDevices: true, deviceIds: new Set() };
  return { allDevices: false, deviceIds: new Set(await repos.memberships.deviceIdsOf(member.orgId, member.userId)) };
}
