import { useEffect, useRef, useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { User } from '../../api/types.js';
import { PublicCard } from '../../components/public-card.js';
import { Button, ErrorAlert, Loading, Notice, TextField, useAction } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link, useLocation } from '../../router.js';
import { homePath, useSession } from '../../session.js';

const messages = defineMessages({
  en: {
    title: 'Confirm your e-mail address', working: 'Confirming your address…', done: 'Thank you, {email} is confirmed.', signIn: 'Sign in now', continue: 'Continue',
    failed: 'We could not confirm your address with this link.', why: 'Links work once and expire after a while. Ask for a new one:',
    email: 'E-mail address', resend: 'Send a new link', resent: 'If this address has an unconfirmed account, a new link is on its way. Check your mail.',
    noToken: 'This page needs the link from your confirmation mail.',
  },
  de: {
    title: 'E-Mail-Adresse bestätigen', working: 'Ihre Adresse wird bestätigt…', done: 'Danke, {email} ist bestätigt.', signIn: 'Jetzt anmelden', continue: 'Weiter',
    failed: 'Mit diesem Link konnten wir Ihre Adresse nicht bestätigen.', why: 'Links funktionieren nur einmal und laufen nach einiger Zeit ab. Fordern Sie einen neuen an:',
    email: 'E-Mail-Adresse', resend: 'Neuen Link senden', resent: 'Falls zu dieser Adresse ein unbestätigtes Konto gehört, ist ein neuer Link unterwegs. Bitte prüfen Sie Ihr Postfach.',
    noToken: 'Diese Seite braucht den Link aus Ihrer Bestätigungsmail.',
  },
});

export function VerifyEmailPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { query } = useLocation();
  const { state, session } = useSession();
  const token = query.get('token') ?? '';
  const [user, setUser] = useState<User>();
  const verify = useAction(async () => setUser((await ok(api.POST('/auth/verify-email', { body: { token } }))).user));
  const started = useRef(false);
  // The token is single-use: submit it once, even under StrictMode's double effects.
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    void verify.run();
  }, [token, verify]);

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
          {state === 'signed-in'
            ? <Link className="btn btn-primary btn-block" to={homePath(session)}>{t('continue')}</Link>
            : <Link className="btn btn-primary btn-block" to={`/login?email=${encodeURIComponent(user.email)}`}>{t('signIn')}</Link>}
        </>
      ) : token && !verify.error ? (
        <Loading />
      ) : (
        <>
          <p><strong>{token ? t('failed') : t('noToken')}</strong></p>
          {verify.error ? <ErrorAlert error={verify.error} /> : null}
          <p>{t('why')}</p>
          {resent ? <Notice kind="success">{t('resent')}</Notice> : (
            <form onSubmit={(e) => { e.preventDefault(); void resend.run(); }}>
              <TextField label={t('email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
              <ErrorAlert error={resend.error} />
              <Button type="submit" variant="primary" busy={resend.busy}>{t('resend')}</Button>
            </form>
          )}
        </>
      )}
    </PublicCard>
  );
}
