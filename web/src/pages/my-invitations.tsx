// Invitations addressed to the signed-in user's (verified) e-mail address. Accepting makes the user
// a member and switches to that organization; declining asks first.
import { useState } from 'react';
import { api, ok } from '../api/client.js';
import type { MyInvitation } from '../api/types.js';
import { usePagedList } from '../api/use-query.js';
import { Button, ConfirmDialog, ErrorAlert, Loading, PageHeader, useAction, LoadMore } from '../components/ui.js';
import { defineMessages, useFormat, useT } from '../i18n/i18n.js';
import { homePath, useSession, useSignedIn } from '../session.js';
import './pages.css';

const messages = defineMessages({
  en: {
    title: 'My invitations',
    intro: 'Invitations to join an organization, addressed to {email} (mailed, or passed on to you as a link).',
    none: 'You have no pending invitations.',
    organization: 'Organization',
    role: 'Role',
    from: 'Invited by',
    expires: 'Expires',
    never: 'never',
    actions: 'Actions',
    message: 'Message',
    accept: 'Accept',
    acceptLabel: 'Accept the invitation to {org}',
    decline: 'Decline',
    declineLabel: 'Decline the invitation to {org}',
    declineTitle: 'Decline the invitation to “{org}”?',
    declineBody: 'The invitation can then no longer be accepted. To join later, someone in “{org}” has to invite you again.',
    unknown: 'someone who has since left',
  },
  de: {
    title: 'Meine Einladungen',
    intro: 'Einladungen in eine Organisation für {email} (per E-Mail oder als weitergegebener Link).',
    none: 'Sie haben keine offenen Einladungen.',
    organization: 'Organisation',
    role: 'Rolle',
    from: 'Eingeladen von',
    expires: 'Läuft ab',
    never: 'nie',
    actions: 'Aktionen',
    message: 'Nachricht',
    accept: 'Annehmen',
    acceptLabel: 'Die Einladung in {org} annehmen',
    decline: 'Ablehnen',
    declineLabel: 'Die Einladung in {org} ablehnen',
    declineTitle: 'Die Einladung in „{org}“ ablehnen?',
    declineBody:
      'Die Einladung kann danach nicht mehr angenommen werden. Um später beizutreten, muss Sie jemand aus „{org}“ erneut einladen.',
    unknown: 'jemand, der nicht mehr Mitglied ist',
  },
});

export function MyInvitationsPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { me } = useSignedIn();
  const { switchOrganization, refresh, announce } = useSession();
  const list = usePagedList<MyInvitation>('my-invitations', (_cursor, signal) => ok(api.GET('/me/invitations', { signal })));
  const [declining, setDeclining] = useState<MyInvitation>();
  // Into the organization just joined, on its first page (Users or Devices), with a welcome.
  const accept = useAction(async (inv: MyInvitation) => {
    const r = await ok(api.POST('/me/invitations/{invitationId}/accept', { params: { path: { invitationId: inv.id } } }));
    const next = await switchOrganization(r.organizationId);
    announce({ kind: 'welcome', orgName: inv.organization.name, role: r.role.name, path: homePath(next) });
  });

  return (
    <>
      <PageHeader title={t('title')}>
        <p className="muted">{t('intro', { email: me.user.email })}</p>
      </PageHeader>
      <ErrorAlert error={list.error ?? accept.error} />
      {list.items === undefined ? (
        list.error ? null : (
          <Loading />
        )
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
                <th scope="col">
                  <span className="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((inv) => (
                <tr key={inv.id}>
                  <td>
                    <strong>{inv.organization.name}</strong>
                    {inv.message ? (
                      <div className="muted">
                        {t('message')}: {inv.message}
                      </div>
                    ) : null}
                  </td>
                  <td>{inv.role.name}</td>
                  <td>{inv.invitedBy ? `${inv.invitedBy.firstName} ${inv.invitedBy.lastName}` : t('unknown')}</td>
                  <td className="nowrap">{inv.expiresAt ? fmt.date(inv.expiresAt) : t('never')}</td>
                  <td>
                    <div className="form-actions">
                      <Button
                        variant="primary"
                        busy={accept.busy}
                        aria-label={t('acceptLabel', { org: inv.organization.name })}
                        onClick={() => void accept.run(inv)}
                      >
                        {t('accept')}
                      </Button>
                      <Button aria-label={t('declineLabel', { org: inv.organization.name })} onClick={() => setDeclining(inv)}>
                        {t('decline')}
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
      <ConfirmDialog
        open={declining !== undefined}
        title={t('declineTitle', { org: declining?.organization.name ?? '' })}
        body={<p>{t('declineBody', { org: declining?.organization.name ?? '' })}</p>}
        confirmLabel={t('decline')}
        onClose={() => setDeclining(undefined)}
        onConfirm={async () => {
          await ok(api.POST('/me/invitations/{invitationId}/decline', { params: { path: { invitationId: declining!.id } } }));
          list.reload();
          // The badge on "My invitations" counts one fewer.
          await refresh();
        }}
      />
    </>
  );
}
