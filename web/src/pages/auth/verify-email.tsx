import { useState } from 'react';
import { api, ApiError, ok } from '../../api/client.js';
import type { User } from '../../api/types.js';
import { PublicCard } from '../../components/public-card.js';
import { Button, ErrorAlert, Form, Notice, TextField, useAction } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link, useLocation } from '../../router.js';
import { homePath, useSession } from '../../session.js';

const messages = defineMessages({
  en: {
    title: 'Confirm your e-mail address',
    working: 'Confirming your address…',
    done: 'Thank you, {email} is confirmed.',
    signIn: 'Sign in now',
    continue: 'Continue',
    failed: 'We could not confirm your address with this link.',
    why: 'Links work once and expire after a while. Ask for a new one:',
    email: 'E-mail address',
    resend: 'Send a new link',
    resent: 'If this address has an unconfirmed account, a new link is on its way. Check your mail.',
    noToken: 'This page needs the link from your confirmation mail.',
    ask: 'To confirm, enter the password you chose when you signed up.',
    password: 'Your password',
    confirm: 'Confirm e-mail address',
    wrongPassword:
      'This is not the password chosen at sign-up. If you did not sign up yourself, sign up again with this address: that replaces what someone else chose.',
  },
  de: {
    title: 'E-Mail-Adresse bestätigen',
    working: 'Ihre Adresse wird bestätigt…',
    done: 'Danke, {email} ist bestätigt.',
    signIn: 'Jetzt anmelden',
    continue: 'Weiter',
    failed: 'Mit diesem Link konnten wir Ihre Adresse nicht bestätigen.',
    why: 'Links funktionieren nur einmal und laufen nach einiger Zeit ab. Fordern Sie einen neuen an:',
    email: 'E-Mail-Adresse',
    resend: 'Neuen Link senden',
    resent: 'Falls zu dieser Adresse ein unbestätigtes Konto gehört, ist ein neuer Link unterwegs. Bitte prüfen Sie Ihr Postfach.',
    noToken: 'Diese Seite braucht den Link aus Ihrer Bestätigungsmail.',
    ask: 'Geben Sie zur Bestätigung das Passwort ein, das Sie bei der Registrierung gewählt haben.',
    password: 'Ihr Passwort',
    confirm: 'E-Mail-Adresse bestätigen',
    wrongPassword:
      'Das ist nicht das bei der Registrierung gewählte Passwort. Wenn Sie sich nicht selbst registriert haben, registrieren Sie sich erneut mit dieser Adresse: Das ersetzt, was jemand anders gewählt hat.',
  },
});

export function VerifyEmailPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { query } = useLocation();
  const { state, session } = useSession();
  const token = query.get('token') ?? '';
  const [user, setUser] = useState<User>();
  const [password, setPassword] = useState('');
  // The link proves the mailbox, the password that its owner chose the account (docs/security.md).
  const verify = useAction(async () => setUser((await ok(api.POST('/auth/verify-email', { body: { token, password } }))).user));
  const wrongPassword = verify.error instanceof ApiError && verify.error.code === 'auth.invalid_credentials';
  const deadLink =
    verify.error instanceof ApiError && !wrongPassword && verify.error.code !== 'auth.throttled' && verify.error.code !== 'service.busy';

  const [email, setEmail] = useState('');
  const [resent, setResent] = useState(false);
  const resend = useAction(async () => {
    await ok(api.POST('/auth/resend-verification', { body: { email: email.trim() } }));
    setResent(true);
  });

  return (
    <PublicCard title={t('title')}>
      {user ? (
        <>
          <Notice kind="success">{t('done', { email: user.email })}</Notice>
          {state === 'signed-in' ? (
            <Link className="btn btn-primary btn-block" to={homePath(session)}>
              {t('continue')}
            </Link>
          ) : (
            <Link className="btn btn-primary btn-block" to={`/login?email=${encodeURIComponent(user.email)}`}>
              {t('signIn')}
            </Link>
          )}
        </>
      ) : token && !deadLink ? (
        <Form submit={verify}>
          <p>{t('ask')}</p>
          <TextField
            label={t('password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={wrongPassword ? t('wrongPassword') : undefined}
            required
            autoFocus
          />
          {wrongPassword ? null : <ErrorAlert error={verify.error} />}
          <Button type="submit" variant="primary" className="btn-block" busy={verify.busy}>
            {t('confirm')}
          </Button>
        </Form>
      ) : (
        <>
          <p>
            <strong>{token ? t('failed') : t('noToken')}</strong>
          </p>
          {verify.error ? <ErrorAlert error={verify.error} /> : null}
          <p>{t('why')}</p>
          {resent ? (
            <Notice kind="success">{t('resent')}</Notice>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void resend.run();
              }}
            >
              <TextField
                label={t('email')}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
              />
              <ErrorAlert error={resend.error} />
              <Button type="submit" variant="primary" busy={resend.busy}>
                {t('resend')}
              </Button>
            </form>
          )}
        </>
      )}
    </PublicCard>
  );
}
