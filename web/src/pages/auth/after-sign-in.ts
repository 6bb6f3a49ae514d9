// Where a person goes after signing in. An invitation link that led to sign-up is remembered in
// this browser (localStorage), because the verification mail's link cannot carry it: the service
// accepts that invitation when the address is verified, and after the first sign-in we switch to
// the organization it joined, so the newcomer lands in it rather than in their own empty one.
// The preview names the organization but not its id (it is public): we match it by name and role
// among the user's organizations, and only switch when exactly one matches.
import { api, type InvitationPreview, type Me } from '../../api.js';

const KEY = 'gatehouse.invitationToken';

export function rememberInvitation(token: string) {
  localStorage.setItem(KEY, token);
}
export function forgetInvitation() {
  localStorage.removeItem(KEY);
}

/** Returns the path to go to: `next` if given, the pending invitation's page, or the home page. */
export async function afterSignIn(next: string | undefined, switchOrganization: (orgId: string) => Promise<unknown>): Promise<string | undefined> {
  const token = localStorage.getItem(KEY);
  if (next || !token) return next;
  forgetInvitation();
  try {
    const preview = await api.get<InvitationPreview>(`/invitations/preview?token=${encodeURIComponent(token)}`);
    if (preview.status === 'pending') return `/invitation?token=${encodeURIComponent(token)}`;
    if (preview.status !== 'accepted') return undefined;
    const me = await api.get<Me>('/me');
    if (me.user.email.toLowerCase() !== preview.email.toLowerCase()) return undefined;
    const matches = me.organizations.filter((o) => o.name === preview.organization.name && o.role.name === preview.role.name);
    if (matches.length === 1 && matches[0]!.id !== me.activeOrganizationId) await switchOrganization(matches[0]!.id);
  } catch {
    // The invitation is gone (token dead, revoked): nothing to switch to.
  }
  return undefined;
}
