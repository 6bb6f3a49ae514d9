// Asks again for the password and a current second factor before a change that weakens or
// replaces one (turning the authenticator app off, removing a passkey, making new recovery codes)
// or deletes the account: whoever finds a browser left signed in must not be able to take the
// account's factors away. The factor is whichever the person has: a code from the app, a passkey,
// or a recovery code; someone without a factor is asked for the password alone (deleting the
// account). A wrong password is the password field's problem, a wrong code the code field's.
import { useState, type ReactNode } from 'react';
import { api, ok } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { Button, Dialog, ErrorAlert, Form, TextField, useAction, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { PasskeyErrorAlert, signWithPasskey } from './webauthn.js';

const messages = defineMessages({
  en: {
    password: 'Your password',
    code: 'Code from your authenticator app',
    recovery: 'Recovery code',
    passkeyNote: 'When you continue, your browser asks for one of your passkeys.',
    use: 'Confirm with:',
    'mode-code': 'Authenticator app',
    'mode-passkey': 'Passkey',
    'mode-recovery': 'Recovery code',
    cancel: 'Cancel',
  },
  de: {
    password: 'Ihr Passwort',
    code: 'Code aus Ihrer Authenticator-App',
    recovery: 'Wiederherstellungscode',
    passkeyNote: 'Wenn Sie fortfahren, fragt Ihr Browser nach einem Ihrer Passkeys.',
    use: 'Bestätigen mit:',
    'mode-code': 'Authenticator-App',
    'mode-passkey': 'Passkey',
    'mode-recovery': 'Wiederherstellungscode',
    cancel: 'Abbrechen',
  },
});

/** The password and one current factor, as the service asks for them. */
export type Reauthentication = { password: string; code?: string; recoveryCode?: string; passkeyResponse?: Record<string, unknown> };
type Mode = 'code' | 'passkey' | 'recovery';

const WRONG_PASSWORD = ['auth.wrong_password'];
const WRONG_CODE = ['auth.wrong_second_factor'];

/** The ways this person can confirm, the authenticator app first (it needs nothing but the phone). */
function modesOf(factors: Me['mfa']): Mode[] {
  const modes: Mode[] = [];
  if (factors.totp) modes.push('code');
  if (factors.passkeys > 0) modes.push('passkey');
  if (factors.recoveryCodesLeft > 0) modes.push('recovery');
  return modes;
}

export function ReauthDialog({
  open,
  title,
  body,
  submitLabel,
  passwordLabel,
  factors,
  danger = false,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  body: ReactNode;
  submitLabel: string;
  /** The password field's label, where "Your password" says too little. */
  passwordLabel?: string;
  factors: Me['mfa'];
  danger?: boolean;
  onSubmit: (reauth: Reauthentication) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(messages);
  const modes = modesOf(factors);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [chosen, setChosen] = useState<Mode>();
  // No mode: the account has no factor, and the password alone is asked for.
  const mode: Mode | undefined = chosen && modes.includes(chosen) ? chosen : modes[0];
  const close = () => {
    setPassword('');
    setCode('');
    setChosen(undefined);
    action.setError(undefined);
    onClose();
  };
  const action = useAction(async () => {
    let factor: Omit<Reauthentication, 'password'> = {};
    if (mode === 'passkey') {
      // Any of the person's passkeys: the options without an mfaToken allow every passkey of this site.
      const options = await ok(api.POST('/auth/passkey/options', { body: {} }));
      factor = { passkeyResponse: await signWithPasskey(options) };
    } else if (mode === 'code') factor = { code: code.replace(/\s/g, '') };
    else if (mode === 'recovery') factor = { recoveryCode: code.trim() };
    await onSubmit({ password, ...factor });
    close();
  });
  // A wrong passkey has no field to sit at: it is the dialog's alert.
  const codeName = mode === 'code' ? 'code' : mode === 'recovery' ? 'recoveryCode' : undefined;
  const codeField: Record<string, readonly string[]> = codeName ? { [codeName]: WRONG_CODE } : {};
  const errors = useFieldErrors(action.error, { password: WRONG_PASSWORD, ...codeField });
  return (
    <Dialog open={open} title={title} onClose={close}>
      <Form submit={action}>
        {body}
        <TextField
          label={passwordLabel ?? t('password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          autoFocus
          error={errors.field('password')}
        />
        {modes.length > 1 ? (
          <fieldset className="factor-choice">
            <legend>{t('use')}</legend>
            {modes.map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name="reauth-factor"
                  value={m}
                  checked={mode === m}
                  onChange={() => {
                    setCode('');
                    action.setError(undefined);
                    setChosen(m);
                  }}
                />{' '}
                {t(`mode-${m}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {mode === undefined ? null : mode === 'passkey' ? (
          <p className="muted">{t('passkeyNote')}</p>
        ) : (
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
            error={codeName && errors.field(codeName)}
          />
        )}
        {mode === 'passkey' ? <PasskeyErrorAlert error={errors.general} /> : <ErrorAlert error={errors.general} />}
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
