// The page behind an invitation link. It works signed in or not: it shows who invites whom to what,
// then, depending on who is looking, Accept/Decline, "this is for another address", or the
// way in (sign in, or create an account with that address) keeping the token all along.
import { useState } from 'react';
import { api, ok } from '../api/client.js';
import { useQuery } from '../api/use-query.js';
import { PublicCard } from '../components/public-card.js';
import { Button, ErrorAlert, Loading, Notice, useAction } from '../components/ui.js';
import { defineMessages, useFormat, useT } from '../i18n/i18n.js';
import { Link, navigate, useLocation } from '../router.js';
import { homePath, useSession } from '../session.js';
import { forgetInvitation, rememberInvitation } from './auth/after-sign-in.js';

const messages = defineMessages({
  en: {
    title: 'Invitation',
    invites: '{who} invites you to join {org} as {role}.',
    invitesNoOne: 'You are invited to join {org} as {role}.',
    sentTo: 'The invitation is for {email}.',
    accept: 'Accept and join',
    decline: 'Decline',
    declined: 'You declined the invitation. Nobody was added.',
    toApp: 'Go to Gatehouse',
    mismatch:
      'You are signed in as {me}, but this invitation is for {email}. Sign out and sign in (or create an account) with {email} to accept it.',
    signOut: 'Sign out',
    newHere: 'New to Gatehouse? Create an account with {email}; you join as soon as you confirm the address.',
    signup: 'Create account',
    haveAccount: 'Already have an account with {email}?',
    signIn: 'Sign in',
    notPending:
      'This invitation can no longer be used (it was accepted, declined, revoked or has expired). Ask the person who invited you for a new one.',
    noToken: 'This page needs the link of your invitation (from the invitation mail, or as the person who invited you passed it on).',
    gone: 'This invitation link is not valid. Ask the person who invited you for a new one.',
    messageFrom: 'Message from {who}',
    message: 'Message',
    expires: 'The invitation is valid until {date}.',
    neverExpires: 'The invitation does not expire.',
  },
  de: {
    title: 'Einladung',
    invites: '{who} lädt Sie ein, {org} als {role} beizutreten.',
    invitesNoOne: 'Sie sind eingeladen, {org} als {role} beizutreten.',
    sentTo: 'Die Einladung gilt für {email}.',
    accept: 'Annehmen und beitreten',
    decline: 'Ablehnen',
    declined: 'Sie haben die Einladung abgelehnt. Niemand wurde hinzugefügt.',
    toApp: 'Zu Gatehouse',
    mismatch:
      'Sie sind als {me} angemeldet, die Einladung gilt aber für {email}. Melden Sie sich ab und mit {email} an (oder erstellen Sie damit ein Konto), um sie anzunehmen.',
    signOut: 'Abmelden',
    newHere: 'Neu bei Gatehouse? Erstellen Sie ein Konto mit {email}; sobald Sie die Adresse bestätigen, treten Sie bei.',
    signup: 'Konto erstellen',
    haveAccount: 'Sie haben schon ein Konto mit {email}?',
    signIn: 'Anmelden',
    notPending:
      'Diese Einladung kann nicht mehr verwendet werden (angenommen, abgelehnt, zurückgezogen oder abgelaufen). Bitten Sie die einladende Person um eine neue.',
    noToken:
      'Diese Seite braucht den Link Ihrer Einladung (aus der Einladungsmail oder so, wie die einladende Person ihn weitergegeben hat).',
    gone: 'Dieser Einladungslink ist ungültig. Bitten Sie die einladende Person um einen neuen.',
    messageFrom: 'Nachricht von {who}',
    message: 'Nachricht',
    expires: 'Die Einladung gilt bis {date}.',
    neverExpires: 'Die Einladung läuft nicht ab.',
  },
});

export function InvitationPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { query } = useLocation();
  const { state, session, signOut, switchOrganization, announce } = useSession();
  const token = query.get('token') ?? '';
  const previewQuery = useQuery(token ? `invitation-preview ${token}` : null, (signal) =>
    ok(api.GET('/invitations/preview', { params: { query: { token } }, signal })),
  );
  const { data: preview, error: loadError } = previewQuery;
  const [declined, setDeclined] = useState(false);

  const accept = useAction(async () => {
    const result = await ok(api.POST('/invitations/accept', { body: { token } }));
    forgetInvitation();
    // Into the organization just joined, on its first page (Users, or Devices for roles that may not
    // manage users), welcomed there.
    const next = await switchOrganization(result.organizationId);
    announce({ kind: 'welcome', orgName: preview?.organization.name ?? '', role: result.role.name, path: homePath(next) });
  });
  const decline = useAction(async () => {
    await ok(api.POST('/invitations/decline', { body: { token } }));
    forgetInvitation();
    setDeclined(true);
  });

  if (!token)
    return (
      <PublicCard title={t('title')}>
        <div className="alert alert-error" role="alert">
          {t('noToken')}
        </div>
      </PublicCard>
    );
  if (loadError)
    return (
      <PublicCard title={t('title')}>
        <div className="alert alert-error" role="alert">
          {t('gone')}
        </div>
      </PublicCard>
    );
  if (!preview)
    return (
      <PublicCard title={t('title')}>
        <Loading />
      </PublicCard>
    );

  const who = preview.invitedBy ? `${preview.invitedBy.firstName} ${preview.invitedBy.lastName}` : undefined;
  const what = { org: preview.organization.name, role: preview.role.name, who: who ?? '' };
  const here = `/invitation?token=${encodeURIComponent(token)}`;
  const myEmail = session?.me.user.email;
  const mine = myEmail !== undefined && myEmail.toLowerCase() === preview.email.toLowerCase();

  return (
    <PublicCard title={t('title')}>
      <p className="lead">{who ? t('invites', what) : t('invitesNoOne', what)}</p>
      {preview.message ? (
        <figure className="invitation-message">
          <figcaption className="muted">{who ? t('messageFrom', { who }) : t('message')}</figcaption>
          <blockquote>{preview.message}</blockquote>
        </figure>
      ) : null}
      <p className="muted">{t('sentTo', { email: preview.email })}</p>
      {preview.status === 'pending' ? (
        <p className="muted">{preview.expiresAt ? t('expires', { date: fmt.dateTime(preview.expiresAt) }) : t('neverExpires')}</p>
      ) : null}
      {declined ? (
        <>
          <Notice>{t('declined')}</Notice>
          <Link className="btn btn-block" to={state === 'signed-in' ? homePath(session) : '/login'}>
            {t('toApp')}
          </Link>
        </>
      ) : preview.status !== 'pending' ? (
        <div className="alert alert-warning" role="alert">
          {t('notPending')}
        </div>
      ) : state !== 'signed-in' ? (
        <div className="stack">
          <p>{t('newHere', { email: preview.email })}</p>
          <Link
            className="btn btn-primary btn-block"
            to={`/signup?invitationToken=${encodeURIComponent(token)}`}
            onClick={() => rememberInvitation(token)}
          >
            {t('signup')}
          </Link>
          <p>{t('haveAccount', { email: preview.email })}</p>
          <Link className="btn btn-block" to={`/login?next=${encodeURIComponent(here)}&email=${encodeURIComponent(preview.email)}`}>
            {t('signIn')}
          </Link>
        </div>
      ) : !mine ? (
        <>
          <div className="alert alert-warning" role="alert">
            {t('mismatch', { me: myEmail ?? '', email: preview.email })}
          </div>
          <Button
            variant="primary"
            onClick={() =>
              void signOut().then(() => navigate(`/login?next=${encodeURIComponent(here)}&email=${encodeURIComponent(preview.email)}`))
            }
          >
            {t('signOut')}
          </Button>
        </>
      ) : (
        <>
          <ErrorAlert error={accept.error ?? decline.error} />
          <div className="button-row">
            <Button variant="primary" busy={accept.busy} disabled={decline.busy} onClick={() => void accept.run()}>
              {t('accept')}
            </Button>
            <Button busy={decline.busy} disabled={accept.busy} onClick={() => void decline.run()}>
              {t('decline')}
            </Button>
          </div>
        </>
      )}
    </PublicCard>
  );
}
