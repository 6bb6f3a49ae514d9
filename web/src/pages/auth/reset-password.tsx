import { useState } from 'react';
import { api, ApiError, ok } from '../../api/client.js';
import { PasswordField } from '../../components/password-field.js';
import { PublicCard } from '../../components/public-card.js';
import { Button, ErrorAlert, Form, Notice, useAction } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link, useLocation } from '../../router.js';
import { useSession } from '../../session.js';

const messages = defineMessages({
  en: {
    title: 'Choose a new password',
    password: 'New password',
    submit: 'Save the new password',
    done: 'Your password has been changed. For your safety, every session was signed out.',
    signIn: 'Sign in',
    newLink: 'Ask for a new link',
    noToken: 'This page needs the link from your password reset mail.',
  },
  de: {
    title: 'Neues Passwort wählen',
    password: 'Neues Passwort',
    submit: 'Neues Passwort speichern',
    done: 'Ihr Passwort wurde geändert. Zu Ihrer Sicherheit wurden alle Sitzungen abgemeldet.',
    signIn: 'Anmelden',
    newLink: 'Neuen Link anfordern',
    noToken: 'Diese Seite braucht den Link aus Ihrer Mail zum Zurücksetzen des Passworts.',
  },
});

export function ResetPasswordPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { query } = useLocation();
  const { refresh } = useSession();
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    await ok(api.POST('/auth/password-reset/confirm', { body: { token, password } }));
    setDone(true);
    // Every session ended, this browser's too.
    await refresh().catch(() => undefined);
  });
  const deadLink = action.error instanceof ApiError && action.error.code === 'token.invalid';
  return (
    <PublicCard title={t('title')}>
      {!token ? (
        <div className="alert alert-error" role="alert">
          {t('noToken')} <Link to="/forgot-password">{t('newLink')}</Link>
        </div>
      ) : done ? (
        <>
          <Notice kind="success">{t('done')}</Notice>
          <Link className="btn btn-primary btn-block" to="/login">
            {t('signIn')}
          </Link>
        </>
      ) : (
        <Form submit={action}>
          <PasswordField label={t('password')} value={password} onChange={setPassword} error={action.error} autoFocus />
          <ErrorAlert error={action.error} />
          {deadLink ? (
            <p>
              <Link to="/forgot-password">{t('newLink')}</Link>
            </p>
          ) : null}
          <Button type="submit" variant="primary" className="btn-block" busy={action.busy}>
            {t('submit')}
          </Button>
        </Form>
      )}
    </PublicCard>
  );
}
