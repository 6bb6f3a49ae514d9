// The authenticator app (TOTP): set up (`POST /me/mfa/totp` → a QR code and the secret as text,
// then `POST /me/mfa/totp/confirm {code}` with the app's first code, which turns it on and answers
// the recovery codes, shown once), and turned off again with the password and a current factor.
import { useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { Answer, Me } from '../../api/types.js';
import { Button, CopyField, ErrorAlert, Form, Notice, TextField, useAction, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { ReauthDialog } from './reauth-dialog.js';
import { RecoveryCodesOnce } from './recovery-codes.js';

type Enrolment = Answer<'/me/mfa/totp', 'post'>;

const messages = defineMessages({
  en: {
    title: 'Authenticator app',
    intro: 'An app such as Microsoft Authenticator, Google Authenticator or FreeOTP shows a new 6-digit code every 30 seconds.',
    on: 'On',
    off: 'Off',
    setUp: 'Set up authenticator app',
    scan: 'Scan this QR code with your authenticator app.',
    manual: 'Cannot scan it? Add an account by hand and enter this key:',
    secret: 'Key for your authenticator app',
    enterCode: 'Enter the 6-digit code the app now shows, to confirm it works.',
    qrAlt: 'QR code for your authenticator app',
    code: 'Code from the app',
    confirm: 'Turn on',
    cancel: 'Cancel',
    enabled: 'The authenticator app is on. From now on Gatehouse asks for a code after your password.',
    turnOff: 'Turn off',
    offTitle: 'Turn off the authenticator app?',
    offBody: 'Signing in will no longer ask for a code from the app. Confirm with your password and a current second factor.',
    offDone: 'The authenticator app is off.',
  },
  de: {
    title: 'Authenticator-App',
    intro:
      'Eine App wie Microsoft Authenticator, Google Authenticator oder FreeOTP zeigt alle 30 Sekunden einen neuen 6-stelligen Code an.',
    on: 'An',
    off: 'Aus',
    setUp: 'Authenticator-App einrichten',
    scan: 'Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.',
    manual: 'Scannen geht nicht? Fügen Sie ein Konto von Hand hinzu und geben Sie diesen Schlüssel ein:',
    secret: 'Schlüssel für Ihre Authenticator-App',
    enterCode: 'Geben Sie den 6-stelligen Code ein, den die App jetzt anzeigt, um zu prüfen, dass es funktioniert.',
    qrAlt: 'QR-Code für Ihre Authenticator-App',
    code: 'Code aus der App',
    confirm: 'Einschalten',
    cancel: 'Abbrechen',
    enabled: 'Die Authenticator-App ist eingeschaltet. Ab jetzt fragt Gatehouse nach Ihrem Passwort nach einem Code.',
    turnOff: 'Ausschalten',
    offTitle: 'Authenticator-App ausschalten?',
    offBody:
      'Bei der Anmeldung wird dann kein Code aus der App mehr abgefragt. Bestätigen Sie mit Ihrem Passwort und einem aktuellen zweiten Faktor.',
    offDone: 'Die Authenticator-App ist ausgeschaltet.',
  },
});

export function TotpSection({ factors, email, onChanged }: { factors: Me['mfa']; email: string; onChanged: () => Promise<unknown> }) {
  const t = useT(messages);
  const enabled = factors.totp;
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[]>();
  const [turningOff, setTurningOff] = useState(false);
  const [done, setDone] = useState<'enabled' | 'off'>();

  const start = useAction(async () => {
    setDone(undefined);
    setEnrolment(await ok(api.POST('/me/mfa/totp')));
    setCode('');
  });
  const confirm = useAction(async () => {
    const answer = await ok(api.POST('/me/mfa/totp/confirm', { body: { code: code.replace(/\s/g, '') } }));
    setEnrolment(undefined);
    setCodes(answer.recoveryCodes);
    setDone('enabled');
    await onChanged();
  });
  const errors = useFieldErrors(confirm.error, { code: ['mfa.code_invalid'] });

  return (
    <section className="section" aria-labelledby="totp-h">
      <h2 id="totp-h">
        {t('title')}{' '}
        <span className={`badge factor-status ${enabled ? 'factor-on' : 'factor-off'}`} data-testid="totp-status">
          {enabled ? t('on') : t('off')}
        </span>
      </h2>
      <p className="muted">{t('intro')}</p>
      {codes ? (
        <>
          <Notice kind="success">{t('enabled')}</Notice>
          <RecoveryCodesOnce codes={codes} email={email} onDone={() => setCodes(undefined)} />
        </>
      ) : enrolment ? (
        <div className="enrol-grid">
          <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('qrAlt')} />
          <div>
            <ol className="enrol-steps">
              <li>{t('scan')}</li>
              <li>
                {t('manual')}
                <CopyField label={t('secret')} value={enrolment.secret} />
              </li>
              <li>{t('enterCode')}</li>
            </ol>
            <Form submit={confirm} className="form-narrow">
              <TextField
                label={t('code')}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={10}
                required
                error={errors.field('code')}
              />
              <ErrorAlert error={errors.general} />
              <div className="form-actions">
                <Button type="submit" variant="primary" busy={confirm.busy}>
                  {t('confirm')}
                </Button>
                <Button onClick={() => setEnrolment(undefined)}>{t('cancel')}</Button>
              </div>
            </Form>
          </div>
        </div>
      ) : (
        <>
          {done === 'off' ? <Notice kind="success">{t('offDone')}</Notice> : null}
          {enabled ? (
            <Button variant="danger" onClick={() => setTurningOff(true)}>
              {t('turnOff')}
            </Button>
          ) : (
            <Button variant="primary" busy={start.busy} onClick={() => void start.run()}>
              {t('setUp')}
            </Button>
          )}
          <ErrorAlert error={start.error} />
        </>
      )}
      <ReauthDialog
        open={turningOff}
        title={t('offTitle')}
        body={<p>{t('offBody')}</p>}
        submitLabel={t('turnOff')}
        factors={factors}
        danger
        onClose={() => setTurningOff(false)}
        onSubmit={async (reauth) => {
          await ok(api.DELETE('/me/mfa/totp', { body: reauth }));
          // The badge reads the reloaded session: say "off" once it does too.
          await onChanged();
          setDone('off');
        }}
      />
    </section>
  );
}
