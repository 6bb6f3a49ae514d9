// The second step of signing in, after a correct password for an account with a second factor:
// the service answered `{ mfaRequired, mfaToken, methods }` and no session yet. The person proves
// it is them with a code from their authenticator app, a passkey, or one of their recovery codes
// (`POST /auth/login/mfa`); only then is there a session. The token lives five minutes and five
// tries: when it is spent, they start again with the password.
import { useState } from 'react';
import { api, ApiError, ok } from '../../api/client.js';
import { PublicCard } from '../../components/public-card.js';
import { Button, ErrorAlert, Form, TextField, useAction, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { PasskeyErrorAlert, signWithPasskey } from '../security/webauthn.js';
import '../security/security.css';

const messages = defineMessages({
  en: {
    title: 'Two-factor authentication',
    intro: 'Your password was right. Now confirm it is you.',
    code: 'Code from your authenticator app',
    codeHint: 'The 6-digit code your app shows for Gatehouse.',
    recovery: 'Recovery code',
    recoveryHint: 'One of the codes you saved when you set up two-factor authentication. Each works once.',
    verify: 'Verify',
    usePasskey: 'Use a passkey',
    useRecovery: 'Use a recovery code instead',
    useCode: 'Use your authenticator app instead',
    or: 'or',
    startAgain: 'Start again',
    passkeyOnly: 'Use the passkey you registered for this account.',
  },
  de: {
    title: 'Zwei-Faktor-Authentifizierung',
    intro: 'Ihr Passwort war richtig. Bestätigen Sie jetzt, dass Sie es sind.',
    code: 'Code aus Ihrer Authenticator-App',
    codeHint: 'Der 6-stellige Code, den Ihre App für Gatehouse anzeigt.',
    recovery: 'Wiederherstellungscode',
    recoveryHint: 'Einer der Codes, die Sie beim Einrichten der Zwei-Faktor-Authentifizierung gespeichert haben. Jeder gilt einmal.',
    verify: 'Bestätigen',
    usePasskey: 'Passkey verwenden',
    useRecovery: 'Stattdessen einen Wiederherstellungscode verwenden',
    useCode: 'Stattdessen die Authenticator-App verwenden',
    or: 'oder',
    startAgain: 'Neu beginnen',
    passkeyOnly: 'Verwenden Sie den Passkey, den Sie für dieses Konto registriert haben.',
  },
});

export interface MfaChallenge {
  mfaToken: string;
  methods: string[];
}

/** Codes that mean "this code was wrong" (the field's problem) rather than "start again". */
const WRONG_CODE = ['auth.invalid_second_factor'];
/** The challenge itself is over (expired, tries used up): only a new password step helps. */
const SPENT = ['auth.mfa_token_invalid'];

export function SecondFactorStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: MfaChallenge;
  onSignedIn: () => Promise<void>;
  onRestart: () => void;
}) {
  const t = useT(messages);
  const hasTotp = challenge.methods.includes('totp');
  const hasPasskey = challenge.methods.includes('passkey');
  const hasRecovery = challenge.methods.includes('recovery_code');
  const [mode, setMode] = useState<'code' | 'recovery'>(hasTotp ? 'code' : 'recovery');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');

  const verify = useAction(async () => {
    const body =
      mode === 'code'
        ? { mfaToken: challenge.mfaToken, code: code.replace(/\s/g, '') }
        : { mfaToken: challenge.mfaToken, recoveryCode: recoveryCode.trim() };
    await ok(api.POST('/auth/login/mfa', { body }));
    await onSignedIn();
  });
  const passkey = useAction(async () => {
    const options = await ok(api.POST('/auth/passkey/options', { body: { mfaToken: challenge.mfaToken } }));
    const passkeyResponse = await signWithPasskey(options);
    await ok(api.POST('/auth/login/mfa', { body: { mfaToken: challenge.mfaToken, passkeyResponse } }));
    await onSignedIn();
  });
  const errors = useFieldErrors(verify.error, { code: WRONG_CODE, recoveryCode: WRONG_CODE });
  const spent = [verify.error, passkey.error].some((e) => e instanceof ApiError && SPENT.includes(e.code));
  const switchTo = (next: 'code' | 'recovery') => {
    verify.setError(undefined);
    setMode(next);
  };

  return (
    <PublicCard title={t('title')}>
      <p className="muted">{hasTotp || hasRecovery ? t('intro') : t('passkeyOnly')}</p>
      {hasTotp || hasRecovery ? (
        <Form submit={verify}>
          {mode === 'code' ? (
            <TextField
              key="code"
              label={t('code')}
              hint={t('codeHint')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={10}
              required
              autoFocus
              error={mode === 'code' ? errors.field('code') : undefined}
            />
          ) : (
            <TextField
              key="recovery"
              label={t('recovery')}
              hint={t('recoveryHint')}
              value={recoveryCode}
              onChange={(e) => setRecoveryCode(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              required
              autoFocus
              error={errors.field('recoveryCode')}
            />
          )}
          <ErrorAlert error={errors.general} />
          <Button type="submit" variant="primary" className="btn-block" busy={verify.busy}>
            {t('verify')}
          </Button>
          {hasTotp && hasRecovery ? (
            <p className="center">
              <button type="button" className="link-button" onClick={() => switchTo(mode === 'code' ? 'recovery' : 'code')}>
                {mode === 'code' ? t('useRecovery') : t('useCode')}
              </button>
            </p>
          ) : null}
        </Form>
      ) : null}
      {hasPasskey ? (
        <>
          {hasTotp || hasRecovery ? <p className="divider-or">{t('or')}</p> : null}
          <Button className="btn-block" busy={passkey.busy} onClick={() => void passkey.run()} autoFocus={!hasTotp && !hasRecovery}>
            {t('usePasskey')}
          </Button>
          <PasskeyErrorAlert error={passkey.error} />
        </>
      ) : null}
      {spent ? (
        <Button variant="primary" className="btn-block" onClick={onRestart}>
          {t('startAgain')}
        </Button>
      ) : (
        <p className="center">
          <button type="button" className="link-button" onClick={onRestart}>
            {t('startAgain')}
          </button>
        </p>
      )}
    </PublicCard>
  );
}
