// Invitations addressed to the signed-in user's (verified) e-mail address. Accepting makes the user
// a member and switches to that organization; declining asks first.
import { useState } from 'react';
import { api } from '../api.js';
import { Button, ConfirmDialog, ErrorAlert, Loading, PageHeader, useAction } from '../components/ui.js';
import { defineMessages, useFormat, useT } from '../i18n/i18n.js';
import { navigate } from '../router.js';
import { useSession, useSignedIn } from '../session.js';
import { usePagedList } from './paged-list.js';
import './pages.css';

const messages = defineMessages({
  en: {
    title: 'My invitations', intro: 'Invitations to join an organization, sent to {email}.', none: 'You have no pending invitations.',
    organization: 'Organization', role: 'Role', from: 'Invited by', expires: 'Expires', never: 'never', actions: 'Actions', message: 'Message',
    accept: 'Accept', acceptLabel: 'Accept the invitation to {org}', decline: 'Decline', declineLabel: 'Decline the invitation to {org}',
    declineTitle: 'Decline the invitation to “{org}”?', declineBody: 'The invitation can then no longer be accepted. To join later, someone in “{org}” has to invite you again.',
    more: 'Load more', unknown: 'someone who has since left',
  },
  de: {
    title: 'Meine Einladungen', intro: 'Einladungen in eine Organisation, gesendet an {email}.', none: 'Sie haben keine offenen Einladungen.',
    organization: 'Organisation', role: 'Rolle', from: 'Eingeladen von', expires: 'Läuft ab', never: 'nie', actions: 'Aktionen', message: 'Nachricht',
    accept: 'Annehmen', acceptLabel: 'Die Einladung in {org} annehmen', decline: 'Ablehnen', declineLabel: 'Die Einladung in {org} ablehnen',
    declineTitle: 'Die Einladung in „{org}“ ablehnen?', declineBody: 'Die Einladung kann danach nicht mehr angenommen werden. Um später beizutreten, muss Sie jemand aus „{org}“ erneut einladen.',
    more: 'Mehr laden', unknown: 'jemand, der nicht mehr Mitglied ist',
  },
});

interface MyInvitation {
  id: string;
  organization: { id: string; name: string };
  role: { id: string; name: string };
  invitedBy: { userId: string; firstName: string; lastName: string } | null;
  createdAt: string;
  expiresAt: string | null;
  message: string | null;
}

export function MyInvitationsPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { me } = useSignedIn();
  const { switchOrganization } = useSession();
  const list = usePagedList<MyInvitation>('/me/invitations');
  const [declining, setDeclining] = useState<MyInvitation>();
  const accept = useAction(async (inv: MyInvitation) => {
    const r = await api.post<{ organizationId: string }>(`/me/invitations/${inv.id}/accept`);
    await switchOrganization(r.organizationId);
    navigate('/users');
  });

  return (
    <>
      <PageHeader title={t('title')}><p className="muted">{t('intro', { email: me.user.email })}</p></PageHeader>
      <ErrorAlert error={list.error ?? accept.error} />
      {list.items === undefined ? (
        list.error ? null : <Loading />
      ) : list.items.length === 0 ? (
        <p className="empty">{t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('organization')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('from')}</th>
                <th scope="col">{t('expires')}</th>
                <th scope="col"><span className="sr-only">{t('actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((inv) => (
                <tr key={inv.id}>
                  <td>
                    <strong>{inv.organization.name}</strong>
                    {inv.message ? <div className="muted">{t('message')}: {inv.message}</div> : null}
                  </td>
                  <td>{inv.role.name}</td>
                  <td>{inv.invitedBy ? `${inv.invitedBy.firstName} ${inv.invitedBy.lastName}` : t('unknown')}</td>
                  <td className="nowrap">{inv.expiresAt ? fmt.date(inv.expiresAt) : t('never')}</td>
                  <td>
                    <div className="form-actions">
                      <Button variant="primary" busy={accept.busy} aria-label={t('acceptLabel', { org: inv.organization.name })} onClick={() => void accept.run(inv)}>{t('accept')}</Button>
                      <Button aria-label={t('declineLabel', { org: inv.organization.name })} onClick={() => setDeclining(inv)}>{t('decline')}</Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.next ? <div className="load-more"><Button busy={list.loadingMore} onClick={() => void list.loadMore()}>{t('more')}</Button></div> : null}
      <ConfirmDialog
        open={declining !== undefined}
        title={t('declineTitle', { org: declining?.organization.name ?? '' })}
        body={<p>{t('declineBody', { org: declining?.organization.name ?? '' })}</p>}
        confirmLabel={t('decline')}
        onClose={() => setDeclining(undefined)}
        onConfirm={async () => {
          await api.post(`/me/invitations/${declining!.id}/decline`);
          list.reload();
        }}
      />
    </>
  );
}
