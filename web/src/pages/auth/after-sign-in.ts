// Where a person goes after signing in. An invitation link that led to sign-up is remembered in
// this browser (localStorage), because the verification mail's link cannot carry it: the service
// accepts that invitation when the address is verified, and after the first sign-in we switch to
// the organization it joined, so the newcomer lands in it rather than in their own empty one.
// The preview names the organization but not its id (it is public): we match it by name and role
// among the user's organizations, and only switch when exactly one matches.
import { api, ok } from '../../api/client.js';

const KEY = 'gatehouse.invitationToken';

export function rememberInvitation(token: string) {
  localStorage.setItem(KEY, token);
}
export function forgetInvitation() {
  localStorage.removeItem(KEY);
}

export interface AfterSignIn {
  /** Where to go: `next`, the pending invitation's page, or (undefined) the home page. */
  path?: string | undefined;
  /** The organization the verification made them join, now active: welcome them into it. */
  joined?: { orgName: string; role: string };
}

export async function afterSignIn(next: string | undefined, switchOrganization: (orgId: string) => Promise<unknown>): Promise<AfterSignIn> {
  const token = localStorage.getItem(KEY);
  if (next || !token) return { path: next };
  forgetInvitation();
  try {
    const preview = await ok(api.GET('/invitations/preview', { params: { query: { token } } }));
    if (preview.status === 'pending') return { path: `/invitation?token=${encodeURIComponent(token)}` };
    if (preview.status !== 'accepted') return {};
    const me = await ok(api.GET('/me'));
    if (me.user.email.toLowerCase() !== preview.email.toLowerCase()) return {};
    const matches = me.organizations.filter((o) => o.name === preview.organization.name && o.role.name === preview.role.name);
    if (matches.length === 1) {
      if (matches[0]!.id !== me.activeOrganizationId) await switchOrganization(matches[0]!.id);
      return { joined: { orgName: preview.organization.name, role: preview.role.name } };
    }
  } catch {
    // The invitation is gone (token dead, revoked): nothing to switch to.
  }
  return {};
}
