// A member's device access as the API shows it: Admins and members with all devices have every
// device (no list); anyone else has exactly their explicit set.
import type { Repos } from '../store.js';

export async function deviceAccessOf(repos: Repos, orgId: string, member: { userId: string; isAdmin: boolean; allDevices: boolean }) {
  if (member.isAdmin || member.allDevices) return { allDevices: true, deviceIds: [] as string[] };
  return { allDevices: false, deviceIds: await repos.memberships.deviceIdsOf(orgId, member.userId) };
}
