import { useEffect, useRef, useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { User } from '../../api/types.js';
import { PublicCard } from '../../components/public-card.js';
import { ErrorAlert, Loading, Notice, useAction } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link, useLocation } from '../../router.js';

const messages = defineMessages({
  en: {
    title: 'Confirm your new e-mail address',
    done: 'Done: your account now uses {email}. Sign in with it from now on.',
    signIn: 'Sign in',
    failed:
      'We could not change your address with this link. Links work once and expire; change the address again from your profile to get a new one.',
    noToken: 'This page needs the link from the mail sent to your new address.',
  },
  de: {
    title: 'Neue E-Mail-Adresse bestätigen',
    done: 'Erledigt: Ihr Konto verwendet jetzt {email}. Melden Sie sich ab sofort damit an.',
    signIn: 'Anmelden',
    failed:
      'Mit diesem Link konnten wir Ihre Adresse nicht ändern. Links funktionieren nur einmal und laufen ab; ändern Sie die Adresse erneut im Profil, um einen neuen zu erhalten.',
    noToken: 'Diese Seite braucht den Link aus der Mail an Ihre neue Adresse.',
  },
});

export function ConfirmEmailChangePage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [user, setUser] = useState<User>();
  const confirm = useAction(async () => setUser((await ok(api.POST('/auth/confirm-email-change', { body: { token } }))).user));
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    void confirm.run();
  }, [token, confirm]);
  return (
    <PublicCard title={t('title')}>
      {user ? (
        <>
          <Notice kind="success">{t('done', { email: user.email })}</Notice>
          <Link className="btn btn-primary btn-block" to={`/login?email=${encodeURIComponent(user.email)}`}>
            {t('signIn')}
          </Link>
        </>
      ) : !token ? (
        <div className="alert alert-error" role="alert">
          {t('noToken')}
        </div>
      ) : confirm.error ? (
        <>
          <ErrorAlert error={confirm.error} />
          <p>{t('failed')}</p>
        </>
      ) : (
        <Loading />
      )}
    </PublicCard>
  );
}
