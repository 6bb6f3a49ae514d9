// WebAuthn through @simplewebauthn/server, configured once from PUBLIC_URL: the relying party is the
// public host name, the one accepted origin the public origin. User verification is required
// everywhere (a passkey both signs in alone and serves as a second factor), and registrations ask
// for a discoverable credential (a resident key), so sign-in needs no user name first.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { PasskeyRecord } from './ports.js';

/** How long the browser may take (the challenge lives as long, server-side). */
export const WEBAUTHN_TIMEOUT_MS = 5 * 60_000;
const RP_NAME = 'Gatehouse';

export function webauthnParties(publicUrl: string) {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

export function createWebAuthn(publicUrl: string) {
  const { rpID, origin } = webauthnParties(publicUrl);
  return {
    rpID,
    origin,
    registrationOptions(input: {
      userId: string;
      email: string;
      displayName: string;
      challenge: Uint8Array;
      exclude: readonly PasskeyRecord[];
    }) {
      return generateRegistrationOptions({
        rpName: RP_NAME,
        rpID,
        userName: input.email,
        userDisplayName: input.displayName,
        // The WebAuthn user handle: our user id (not the address, which may change).
        userID: new TextEncoder().encode(input.userId),
        challenge: new Uint8Array(input.challenge),
        timeout: WEBAUTHN_TIMEOUT_MS,
        attestationType: 'none',
        excludeCredentials: input.exclude.map((p) => ({ id: p.credentialId, transports: p.transports })),
        authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
      });
    },

    authenticationOptions(input: { challenge: Uint8Array; allow?: readonly PasskeyRecord[] | undefined }) {
      return generateAuthenticationOptions({
        rpID,
        challenge: new Uint8Array(input.challenge),
        timeout: WEBAUTHN_TIMEOUT_MS,
        userVerification: 'required',
        ...(input.allow && { allowCredentials: input.allow.map((p) => ({ id: p.credentialId, transports: p.transports })) }),
      });
    },

    /** The verified credential, or `undefined` for anything that does not verify (never throws). */
    async verifyRegistration(response: unknown, expectedChallenge: string) {
      try {
        const result = await verifyRegistrationResponse({
          response: response as RegistrationResponseJSON,
          expectedChallenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: true,
        });
        return result.verified ? result.registrationInfo : undefined;
      } catch {
        return undefined;
      }
    },

    async verifyAuthentication(response: unknown, expectedChallenge: string, passkey: PasskeyRecord) {
      try {
        const result = await verifyAuthenticationResponse({
          response: response as AuthenticationResponseJSON,
          expectedChallenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: true,
          credential: {
            id: passkey.credentialId,
            publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
            counter: passkey.counter,
            transports: passkey.transports as never,
          },
        });
        return result.verified ? result.authenticationInfo : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The challenge a WebAuthn response answers (its clientDataJSON), to find our stored one by; `undefined` if unreadable. */
export function challengeOf(response: unknown): string | undefined {
  try {
    const encoded = (response as { response?: { clientDataJSON?: unknown } })?.response?.clientDataJSON;
    if (typeof encoded !== 'string' || encoded.length > 4096) return undefined;
    const data = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' && data.challenge.length <= 512 ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

/** The credential id a WebAuthn assertion names; `undefined` if absent. */
export function credentialIdOf(response: unknown): string | undefined {
  const id = (response as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 1024 ? id : undefined;
}
