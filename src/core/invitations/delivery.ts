// The seed's data-protection rule: an invitation is mailed only to an address of the inviter's own
// e-mail domain; for any other domain the Admin gets the link to pass on. Domains are compared
// exactly, after lower-casing, IDNA normalisation and dropping the root dot: `acme.com` is neither
// `sub.acme.com`, `acme.com.evil.net` nor `evil-acme.com`, and `ACME.COM.` is `acme.com`.
import { domainOf, normalizeEmail } from '../email.js';
import type { InvitationRecord, InvitationStatus } from './ports.js';

export type Delivery = { delivery: 'email'; reason: 'same_domain' } | { delivery: 'link'; reason: 'other_domain' };

/** `true` only when both addresses are valid and their canonical domains are identical. */
export function sameDomain(a: string, b: string): boolean {
  const x = normalizeEmail(a);
  const y = normalizeEmail(b);
  return x !== undefined && y !== undefined && domainOf(x) === domainOf(y);
}

export function deliveryFor(inviterEmail: string, inviteeEmail: string): Delivery {
  return sameDomain(inviterEmail, inviteeEmail)
    ? { delivery: 'email', reason: 'same_domain' }
    : { delivery: 'link', reason: 'other_domain' };
}

/** The status a client sees: a pending invitation past its expiry is expired, whatever the row says yet. */
export function effectiveStatus(inv: Pick<InvitationRecord, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  return inv.status === 'pending' && inv.expiresAt !== null && inv.expiresAt <= now ? 'expired' : inv.status;
}
