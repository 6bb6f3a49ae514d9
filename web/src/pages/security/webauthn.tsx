// The browser's side of passkeys, through @simplewebauthn/browser: the service hands out the
// options (challenge, relying party, credentials to allow), the browser asks the authenticator,
// and the answer goes back to the service as JSON. What can go wrong in the browser (the person
// closed the prompt, the passkey is already registered, no WebAuthn at all) is not an API problem:
// it is said here in words, in the user's language, instead of "something went wrong on our side".
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { ErrorAlert } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';

const messages = defineMessages({
  en: {
    cancelled: 'The passkey prompt was closed or timed out. Try again when you are ready.',
    exists: 'This passkey is already registered to your account.',
    unsupported: 'This browser cannot use passkeys. Use another browser, or your authenticator app.',
    failed: 'The passkey could not be used. Try again, or use another way to sign in.',
  },
  de: {
    cancelled: 'Die Passkey-Abfrage wurde geschlossen oder ist abgelaufen. Versuchen Sie es erneut, wenn Sie bereit sind.',
    exists: 'Dieser Passkey ist bereits für Ihr Konto registriert.',
    unsupported: 'Dieser Browser kann keine Passkeys verwenden. Nutzen Sie einen anderen Browser oder Ihre Authenticator-App.',
    failed: 'Der Passkey konnte nicht verwendet werden. Versuchen Sie es erneut oder melden Sie sich auf andere Weise an.',
  },
});

/** A failure in the browser's part of a passkey ceremony (never the service's). */
class PasskeyBrowserError extends Error {
  constructor(readonly reason: 'cancelled' | 'exists' | 'unsupported' | 'failed') {
    super(reason);
    this.name = 'PasskeyBrowserError';
  }
}

function browserFailure(err: unknown): PasskeyBrowserError {
  const e = err as { name?: string; code?: string } | undefined;
  if (e?.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || e?.name === 'InvalidStateError') return new PasskeyBrowserError('exists');
  // NotAllowedError is what the browser says for "closed the prompt", "timed out" and "no passkey here" alike.
  if (e?.name === 'NotAllowedError' || e?.name === 'AbortError' || e?.code === 'ERROR_CEREMONY_ABORTED')
    return new PasskeyBrowserError('cancelled');
  return new PasskeyBrowserError('failed');
}

/** A WebAuthn response as the API takes it: plain JSON, which the service verifies. */
type WebAuthnJson = Record<string, unknown>;

/** Creates a passkey from the service's creation options (`POST /me/passkeys/options`). */
export async function createPasskey(optionsJSON: unknown): Promise<WebAuthnJson> {
  if (!browserSupportsWebAuthn()) throw new PasskeyBrowserError('unsupported');
  try {
    return { ...(await startRegistration({ optionsJSON: optionsJSON as PublicKeyCredentialCreationOptionsJSON })) };
  } catch (err) {
    throw browserFailure(err);
  }
}

/** Signs with a passkey for the service's request options (sign-in, or the second step of one). */
export async function signWithPasskey(optionsJSON: unknown): Promise<WebAuthnJson> {
  if (!browserSupportsWebAuthn()) throw new PasskeyBrowserError('unsupported');
  try {
    return { ...(await startAuthentication({ optionsJSON: optionsJSON as PublicKeyCredentialRequestOptionsJSON })) };
  } catch (err) {
    throw browserFailure(err);
  }
}

/** ErrorAlert that also puts the browser's passkey failures in words. */
export function PasskeyErrorAlert({ error }: { error: unknown }) {
  const t = useT(messages);
  if (error instanceof PasskeyBrowserError) {
    return (
      <div className="alert alert-error" role="alert" data-code={`passkey-${error.reason}`} tabIndex={-1}>
        {t(error.reason)}
      </div>
    );
  }
  return <ErrorAlert error={error} />;
}
