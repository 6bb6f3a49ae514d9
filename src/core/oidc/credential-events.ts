// Credential events end OpenID Connect state. A Gatehouse sign-in is also the single sign-on of
// every Smart Service, so what ends or replaces a credential must end the provider's state too,
// in the same transaction as the event (never a cleanup afterwards that a crash could skip):
//   - password changed, password reset, e-mail change requested or confirmed, account deleted:
//     everything of the user — provider sessions, grants, codes, access and refresh tokens,
//     offline ones included. Whoever held a token or a session from before must sign in again.
//   - signed out of Gatehouse: the provider sessions signed in through that Gatehouse session and
//     what was issued in them; grants with offline access stay, as in the provider's own
//     RP-initiated logout (offline access is the relying party's to keep while the user is away;
//     a password change or reset ends it).
// All of it lives in PostgreSQL (oidc_payloads), read by the provider at every use on every
// instance: nothing to invalidate in memory.
import type { OidcAccountStateRepo } from './ports.js';

export type CredentialEvent =
  | { kind: 'signed_out'; userId: string; sessionId: string }
  | { kind: 'password_changed' | 'password_reset' | 'email_change_requested' | 'email_changed' | 'account_deleted'; userId: string };

/** Ends the OpenID Connect state a credential event invalidates; call it inside the event's transaction. */
export async function endOpenIdConnectState(repos: { oidc: OidcAccountStateRepo }, event: CredentialEvent): Promise<void> {
  if (event.kind === 'signed_out') await repos.oidc.endSignedInThrough(event.sessionId);
  else await repos.oidc.endAllOfUser(event.userId);
}
