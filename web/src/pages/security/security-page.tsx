// Profile → Security: the person's second factors (the authenticator app, passkeys, recovery
// codes). A member whose active organization requires a second factor, signed in without one, is
// held here (app.tsx) and told why; once they have set one up, they may go on.
import { useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { Button, Notice, PageHeader } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link } from '../../router.js';
import { homePath, useSession, useSignedIn } from '../../session.js';
import { PasskeysSection } from './passkeys-section.js';
import { ProfileTabs } from './profile-tabs.js';
import { ReauthDialog } from './reauth-dialog.js';
import { RecoveryCodesOnce } from './recovery-codes.js';
import { TotpSection } from './totp-section.js';
import '../pages.css';
import './security.css';

const messages = defineMessages({
  en: {
    title: 'Security',
    intro: 'Two-factor authentication: after your password, Gatehouse also asks for a code from your authenticator app or a passkey.',
    held: '“{org}” requires two-factor authentication of its members. Set up an authenticator app or add a passkey to continue working in it.',
    released: 'Two-factor authentication is set up. You can continue in “{org}”.',
    continue: 'Continue to “{org}”',
    recoveryH: 'Recovery codes',
    recoveryIntro: 'If you lose your phone or passkey, a recovery code signs you in once instead.',
    recoveryLeft: '{n} of 10 recovery codes left.',
    recoveryNone: 'You get recovery codes with your first second factor: the authenticator app or a passkey.',
    regenerate: 'Make new recovery codes',
    regenerateTitle: 'Make new recovery codes?',
    regenerateBody: 'Your current recovery codes stop working. Confirm with your password and a current second factor.',
  },
  de: {
    title: 'Sicherheit',
    intro:
      'Zwei-Faktor-Authentifizierung: Nach Ihrem Passwort fragt Gatehouse zusätzlich nach einem Code aus Ihrer Authenticator-App oder einem Passkey.',
    held: '„{org}“ verlangt von seinen Mitgliedern die Zwei-Faktor-Authentifizierung. Richten Sie eine Authenticator-App ein oder fügen Sie einen Passkey hinzu, um dort weiterzuarbeiten.',
    released: 'Die Zwei-Faktor-Authentifizierung ist eingerichtet. Sie können in „{org}“ weiterarbeiten.',
    continue: 'Weiter zu „{org}“',
    recoveryH: 'Wiederherstellungscodes',
    recoveryIntro: 'Wenn Sie Ihr Telefon oder Ihren Passkey verlieren, meldet Sie stattdessen ein Wiederherstellungscode einmal an.',
    recoveryLeft: 'Noch {n} von 10 Wiederherstellungscodes übrig.',
    recoveryNone: 'Wiederherstellungscodes erhalten Sie mit Ihrem ersten zweiten Faktor: der Authenticator-App oder einem Passkey.',
    regenerate: 'Neue Wiederherstellungscodes erstellen',
    regenerateTitle: 'Neue Wiederherstellungscodes erstellen?',
    regenerateBody:
      'Ihre bisherigen Wiederherstellungscodes gelten dann nicht mehr. Bestätigen Sie mit Ihrem Passwort und einem aktuellen zweiten Faktor.',
  },
});

export function SecurityPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { refresh, session } = useSession();
  const { me, mfaHold, orgName } = useSignedIn();
  const factors = me.mfa;
  // Held when the page opened: after enrolment the release is said here, with the way on.
  const [wasHeld] = useState(mfaHold);
  return (
    <>
      <PageHeader title={t('title')}>
        <p className="muted">{t('intro')}</p>
      </PageHeader>
      <ProfileTabs />
      {mfaHold ? <Notice kind="warning">{t('held', { org: orgName })}</Notice> : null}
      {wasHeld && !mfaHold ? (
        <Notice kind="success">
          {t('released', { org: orgName })} <Link to={homePath(session)}>{t('continue', { org: orgName })}</Link>
        </Notice>
      ) : null}
      <TotpSection factors={factors} email={me.user.email} onChanged={refresh} />
      <PasskeysSection factors={factors} email={me.user.email} onChanged={refresh} />
      <RecoveryCodesSection factors={factors} email={me.user.email} />
    </>
  );
}

function RecoveryCodesSection({ factors, email }: { factors: Me['mfa']; email: string }) {
  const left = factors.recoveryCodesLeft;
  const t = useT(messages);
  const { refresh } = useSession();
  const [asking, setAsking] = useState(false);
  const [codes, setCodes] = useState<string[]>();
  return (
    <section className="section" aria-labelledby="recovery-h">
      <h2 id="recovery-h">{t('recoveryH')}</h2>
      <p className="muted">{t('recoveryIntro')}</p>
      {codes ? (
        <RecoveryCodesOnce codes={codes} email={email} onDone={() => setCodes(undefined)} />
      ) : left > 0 ? (
        <>
          <p data-testid="recovery-left">{t('recoveryLeft', { n: left })}</p>
          <Button onClick={() => setAsking(true)}>{t('regenerate')}</Button>
        </>
      ) : (
        <p>{t('recoveryNone')}</p>
      )}
      <ReauthDialog
        open={asking}
        title={t('regenerateTitle')}
        body={<p>{t('regenerateBody')}</p>}
        submitLabel={t('regenerate')}
        factors={factors}
        onClose={() => setAsking(false)}
        onSubmit={async (reauth) => {
          const answer = await ok(api.POST('/me/mfa/recovery-codes', { body: reauth }));
          setCodes(answer.recoveryCodes);
          await refresh();
        }}
      />
    </section>
  );
}
