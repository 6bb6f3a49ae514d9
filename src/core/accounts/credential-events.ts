// Every event that changes or ends a user's credentials passes through `credentialsChanged`, in
// the transaction of the change, so that what the old credentials opened ends with them, in one
// place: the user's sessions, the mailed links the event makes stale, and the user's OpenID Connect
// state. Whatever else a credential opens belongs here too, so that no event can forget it.
//
// A Gatehouse sign-in is also the single sign-on of every Smart Service, so what ends or replaces a
// credential ends the provider's state too, in the same transaction (never a cleanup afterwards that
// a crash could skip):
//   - password changed, password reset, e-mail change requested or confirmed, account deleted:
//     everything of the user — provider sessions, grants, codes, access and refresh tokens,
//     offline ones included. Whoever held a token or a session from before must sign in again.
//     A sign-in waiting for its second factor (an mfaToken) ends too.
//   - signed out of Gatehouse: the provider sessions signed in through that Gatehouse session and
//     what was issued in them; grants with offline access stay, as in the provider's own
//     RP-initiated logout (offline access is the relying party's to keep while the user is away;
//     a password change or reset ends it).
// All of it lives in PostgreSQL (oidc_payloads), read by the provider at every use on every
// instance: nothing to invalidate in memory.
import type { Tx } from '../store.js';
import type { TokenPurpose } from './ports.js';

export type CredentialEvent =
  /** This session signed out. */
  | { kind: 'logout'; userId: string; sessionId: string }
  /** The user changed their password, signed in through `keepSessionId` (which stays). */
  | { kind: 'password_changed'; userId: string; keepSessionId: string }
  /** A mailed reset link set a new password. */
  | { kind: 'password_reset'; userId: string }
  /** The user asked to move to another address: signed out everywhere (as in Proficloud). */
  | { kind: 'email_change_requested'; userId: string }
  /** The new address was confirmed. */
  | { kind: 'email_changed'; userId: string }
  /** The account is being deleted (its rows go with it by foreign keys). */
  | { kind: 'account_deleted'; userId: string };

/** Mailed links that must stop working after the event. */
const STALE_LINKS: Record<CredentialEvent['kind'], readonly TokenPurpose[]> = {
  logout: [],
  // A reset link mailed before would set the password back.
  password_changed: ['password_reset'],
  password_reset: ['password_reset'],
  email_change_requested: [],
  // Links sent to the old address must not work for the new one.
  email_changed: ['verify_email', 'password_reset', 'email_change'],
  account_deleted: [],
};

export async function credentialsChanged(tx: Tx, event: CredentialEvent, now: Date): Promise<void> {
  if (event.kind === 'logout') {
    await tx.sessions.delete(event.sessionId);
    await tx.oidc.endSignedInThrough(event.sessionId);
  } else {
    await tx.sessions.deleteAllOfUser(event.userId, event.kind === 'password_changed' ? event.keepSessionId : undefined);
    await tx.oidc.endAllOfUser(event.userId);
    // A sign-in waiting for its second factor was opened by the old password (or address).
    await tx.mfa.deleteChallengesOfUser(event.userId);
  }
  for (const purpose of STALE_LINKS[event.kind]) await tx.tokens.invalidate(event.userId, purpose, now);
}
