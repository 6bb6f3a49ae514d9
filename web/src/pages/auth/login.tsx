import { useState } from 'react';
import { api, ApiError, ok } from '../../api/client.js';
import { PublicCard } from '../../components/public-card.js';
import { Button, ErrorAlert, Form, Notice, TextField, useAction } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { goTo, Link, safeNext, useLocation } from '../../router.js';
import { homePath, useSession } from '../../session.js';
import { afterSignIn } from './after-sign-in.js';
import { SecondFactorStep, type MfaChallenge } from './second-factor.js';
import { useSsoClientName } from './sso-client.js';
import { PasskeyErrorAlert, signWithPasskey } from '../security/webauthn.js';
import '../security/security.css';

const messages = defineMessages({
  en: {
    title: 'Sign in',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in',
    forgot: 'Forgot your password?',
    noAccount: 'New to Gatehouse?',
    signup: 'Create an account',
    resend: 'Send the confirmation link again',
    resent: 'If this address has an unconfirmed account, a new link is on its way.',
    oidc: 'Sign in to continue to the application that sent you here.',
    oidcNamed: 'Sign in to continue to {client}.',
    again: 'Sign in again',
    againText: 'The application that sent you here asks you to confirm it is you: enter your password again.',
    againNamed: '{client} asks you to confirm it is you: enter your password again.',
    invitation: 'Sign in to answer your invitation.',
    'notice-email-change':
      'You have been signed out everywhere. Open the link we mailed to your new address to confirm it, then sign in with the new address.',
    'notice-account-deleted': 'Your account has been deleted.',
    or: 'or',
    passkey: 'Sign in with a passkey',
  },
  de: {
    title: 'Anmelden',
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    submit: 'Anmelden',
    forgot: 'Passwort vergessen?',
    noAccount: 'Neu bei Gatehouse?',
    signup: 'Konto erstellen',
    resend: 'Bestätigungslink erneut senden',
    resent: 'Falls zu dieser Adresse ein unbestätigtes Konto gehört, ist ein neuer Link unterwegs.',
    oidc: 'Melden Sie sich an, um zur Anwendung zurückzukehren, die Sie hierher geschickt hat.',
    oidcNamed: 'Melden Sie sich an, um mit {client} fortzufahren.',
    again: 'Erneut anmelden',
    againText:
      'Die Anwendung, die Sie hierher geschickt hat, bittet Sie zu bestätigen, dass Sie es sind: Geben Sie Ihr Passwort erneut ein.',
    againNamed: '{client} bittet Sie zu bestätigen, dass Sie es sind: Geben Sie Ihr Passwort erneut ein.',
    invitation: 'Melden Sie sich an, um Ihre Einladung zu beantworten.',
    'notice-email-change':
      'Sie wurden überall abgemeldet. Öffnen Sie den Link, den wir an Ihre neue Adresse geschickt haben, um sie zu bestätigen, und melden Sie sich dann mit der neuen Adresse an.',
    'notice-account-deleted': 'Ihr Konto wurde gelöscht.',
    or: 'oder',
    passkey: 'Mit einem Passkey anmelden',
  },
});

export function LoginPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { query } = useLocation();
  const { refresh, switchOrganization, announce, session } = useSession();
  const next = query.get('next');
  // A Smart Service asked for a fresh sign-in (prompt=login, max_age): shown even when signed in.
  const again = query.get('prompt') === 'login';
  const client = useSsoClientName(next);
  // `?notice=` from a page that ended the session (profile: e-mail change, account deleted).
  const notice = query.get('notice');
  const [email, setEmail] = useState(query.get('email') ?? (again ? session?.me.user.email : undefined) ?? '');
  const [password, setPassword] = useState('');
  // Set when the password was right and the account asks for its second factor.
  const [challenge, setChallenge] = useState<MfaChallenge>();
  // Signed in (by password, second factor or passkey): on to `next`, the invitation, or home.
  const finish = async () => {
    const target = await afterSignIn(safeNext(next, '') || undefined, switchOrganization);
    const session = await refresh();
    // A newcomer whose verification accepted an invitation is welcomed into that organization.
    if (target.joined) announce({ kind: 'welcome', ...target.joined, path: homePath(session) });
    // `next` may be a server page (an OpenID Connect sign-in): goTo loads it in full.
    else goTo(target.path ?? homePath(session));
  };
  const login = useAction(async () => {
    const answer = await ok(api.POST('/auth/login', { body: { email: email.trim(), password } }));
    if ('mfaRequired' in answer && answer.mfaRequired) {
      setChallenge({ mfaToken: answer.mfaToken, methods: answer.methods });
      return;
    }
    await finish();
  });
  // A discoverable passkey: the authenticator says whose it is, so no e-mail or password is asked.
  const passkey = useAction(async () => {
    const options = await ok(api.POST('/auth/passkey/options', { body: {} }));
    const response = await signWithPasskey(options);
    await ok(api.POST('/auth/passkey', { body: { response } }));
    await finish();
  });
  const [resent, setResent] = useState(false);
  const resend = useAction(async () => {
    await ok(api.POST('/auth/resend-verification', { body: { email: email.trim() } }));
    setResent(true);
  });
  const unverified = login.error instanceof ApiError && login.error.code === 'auth.email_not_verified';
  const signupHref = next?.startsWith('/invitation?')
    ? `/signup?invitationToken=${encodeURIComponent(new URLSearchParams(next.split('?')[1]).get('token') ?? '')}`
    : '/signup';
  if (challenge) {
    return (
      <SecondFactorStep
        challenge={challenge}
        onSignedIn={finish}
        onRestart={() => {
          setChallenge(undefined);
          setPassword('');
        }}
      />
    );
  }
  return (
    <PublicCard
      title={again ? t('again') : t('title')}
      footer={
        <>
          {t('noAccount')} <Link to={signupHref}>{t('signup')}</Link>
        </>
      }
    >
      {notice === 'email-change' || notice === 'account-deleted' ? <Notice>{t(`notice-${notice}`)}</Notice> : null}
      {next?.startsWith('/oidc/') ? (
        <p className="muted">
          {again ? (client ? t('againNamed', { client }) : t('againText')) : client ? t('oidcNamed', { client }) : t('oidc')}
        </p>
      ) : null}
      {next?.startsWith('/invitation') ? <p className="muted">{t('invitation')}</p> : null}
      <Form submit={login}>
        <TextField
          label={t('email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          autoFocus={!(again && email)}
        />
        <TextField
          label={t('password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          autoFocus={again && email !== ''}
        />
        <ErrorAlert error={login.error} />
        {unverified ? (
          <div className="stack-sm">
            {resent ? (
              <p className="muted" role="status">
                {t('resent')}
              </p>
            ) : (
              <Button onClick={() => void resend.run()} busy={resend.busy}>
                {t('resend')}
              </Button>
            )}
            <ErrorAlert error={resend.error} />
          </div>
        ) : null}
        <Button type="submit" variant="primary" className="btn-block" busy={login.busy}>
          {t('submit')}
        </Button>
      </Form>
      <p className="divider-or">{t('or')}</p>
      <Button className="btn-block" busy={passkey.busy} onClick={() => void passkey.run()}>
        {t('passkey')}
      </Button>
      <PasskeyErrorAlert error={passkey.error} />
      <p className="center">
        <Link to="/forgot-password">{t('forgot')}</Link>
      </p>
    </PublicCard>
  );
}
