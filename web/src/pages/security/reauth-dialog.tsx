// Asks again for the password and a current second factor before a change that weakens or
// replaces one (turning the authenticator app off, making new recovery codes): whoever finds a
// browser left signed in must not be able to take the account's second factor away. A wrong
// password is the password field's problem, a wrong code the code field's.
import { useState, type ReactNode } from 'react';
import { Button, Dialog, ErrorAlert, Form, TextField, useAction, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';

const messages = defineMessages({
  en: {
    password: 'Your password',
    code: 'Code from your authenticator app',
    recovery: 'Recovery code',
    useRecovery: 'Use a recovery code instead',
    useCode: 'Use your authenticator app instead',
    cancel: 'Cancel',
  },
  de: {
    password: 'Ihr Passwort',
    code: 'Code aus Ihrer Authenticator-App',
    recovery: 'Wiederherstellungscode',
    useRecovery: 'Stattdessen einen Wiederherstellungscode verwenden',
    useCode: 'Stattdessen die Authenticator-App verwenden',
    cancel: 'Abbrechen',
  },
});

/** What the service asks for with the password: a TOTP code or a recovery code. */
export type Reauthentication = { password: string } & ({ code: string } | { recoveryCode: string });

const WRONG_PASSWORD = ['auth.wrong_password'];
const WRONG_CODE = ['auth.wrong_second_factor'];

export function ReauthDialog({
  open,
  title,
  body,
  submitLabel,
  danger = false,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  body: ReactNode;
  submitLabel: string;
  danger?: boolean;
  onSubmit: (reauth: Reauthentication) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(messages);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [mode, setMode] = useState<'code' | 'recovery'>('code');
  const close = () => {
    setPassword('');
    setCode('');
    setMode('code');
    action.setError(undefined);
    onClose();
  };
  const action = useAction(async () => {
    const factor = mode === 'code' ? { code: code.replace(/\s/g, '') } : { recoveryCode: code.trim() };
    await onSubmit({ password, ...factor });
    close();
  });
  const errors = useFieldErrors(action.error, { password: WRONG_PASSWORD, code: WRONG_CODE, recoveryCode: WRONG_CODE });
  return (
    <Dialog open={open} title={title} onClose={close}>
      <Form
        error={action.error}
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        {body}
        <TextField
          label={t('password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          autoFocus
          error={errors.field('password')}
        />
        <TextField
          key={mode}
          label={mode === 'code' ? t('code') : t('recovery')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode={mode === 'code' ? 'numeric' : 'text'}
          autoComplete={mode === 'code' ? 'one-time-code' : 'off'}
          spellCheck={false}
          maxLength={40}
          required
          error={errors.field(mode === 'code' ? 'code' : 'recoveryCode')}
        />
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setCode('');
              action.setError(undefined);
              setMode(mode === 'code' ? 'recovery' : 'code');
            }}
          >
            {mode === 'code' ? t('useRecovery') : t('useCode')}
          </button>
        </p>
        <ErrorAlert error={errors.general} />
        <div className="dialog-footer">
          <Button onClick={close}>{t('cancel')}</Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} busy={action.busy}>
            {submitLabel}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
