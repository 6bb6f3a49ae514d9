// What can be done to one row of the Users list (or on the member's page): change role, remove; for
// a pending invitation resend or revoke. Only the actions the caller's role allows are offered.
import { useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { InvitationCreated, Member, Role } from '../../api/types.js';
import { MenuButton, type MenuAction } from '../../components/menu.js';
import { Button, ConfirmDialog, Dialog, ErrorAlert, SelectField, useAction } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { navigate } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { fullName, grantableRoles } from './data.js';
import { DeliveryResult } from './invite-dialog.js';

const messages = defineMessages({
  en: {
    actionsFor: 'Actions for {name}',
    open: 'Open details',
    changeRole: 'Change role',
    remove: 'Remove user',
    resend: 'Resend invitation',
    revoke: 'Revoke invitation',
    roleOf: 'Role of {name}',
    save: 'Save role',
    cancel: 'Cancel',
    close: 'Close',
    roleTitle: 'Change the role of {name}',
    roleHint: 'Takes effect on their very next click. Only roles you may grant are listed.',
    removeTitle: 'Remove {name}?',
    removeBody:
      '{name} loses access to this organization and its devices at once. Their account stays; if this was their only organization, they get an empty one of their own. You can invite them again later.',
    removeConfirm: 'Remove user',
    revokeTitle: 'Revoke the invitation to {email}?',
    revokeBody: 'The invitation link stops working. Nobody is added. You can invite the address again later.',
    revokeConfirm: 'Revoke invitation',
    resendTitle: 'Invitation mailed again',
    relinkTitle: 'New invitation link',
  },
  de: {
    actionsFor: 'Aktionen für {name}',
    open: 'Details öffnen',
    changeRole: 'Rolle ändern',
    remove: 'Benutzer entfernen',
    resend: 'Einladung erneut senden',
    revoke: 'Einladung zurückziehen',
    roleOf: 'Rolle von {name}',
    save: 'Rolle speichern',
    cancel: 'Abbrechen',
    close: 'Schließen',
    roleTitle: 'Rolle von {name} ändern',
    roleHint: 'Gilt ab dem nächsten Klick der Person. Nur Rollen, die Sie vergeben dürfen, sind aufgeführt.',
    removeTitle: '{name} entfernen?',
    removeBody:
      '{name} verliert sofort den Zugang zu dieser Organisation und ihren Geräten. Das Konto bleibt bestehen; war dies die einzige Organisation, erhält die Person eine eigene, leere. Sie können sie später erneut einladen.',
    removeConfirm: 'Benutzer entfernen',
    revokeTitle: 'Einladung an {email} zurückziehen?',
    revokeBody: 'Der Einladungslink funktioniert nicht mehr. Niemand wird hinzugefügt. Sie können die Adresse später erneut einladen.',
    revokeConfirm: 'Einladung zurückziehen',
    resendTitle: 'Einladung erneut verschickt',
    relinkTitle: 'Neuer Einladungslink',
  },
});

type Open = 'role' | 'remove' | 'revoke' | 'resent' | undefined;

export function useMemberActions(
  member: Member,
  roles: Role[] | undefined,
  onChanged: (what: 'role' | 'removed' | 'invitation') => void,
  options: { withOpen?: boolean } = {},
) {
  const t = useT(messages);
  const { orgId, can, me, membership, isAdmin } = useSignedIn();
  const [open, setOpen] = useState<Open>();
  const name = fullName(member);
  const [resent, setResent] = useState<InvitationCreated>();
  const resend = useAction(async () => {
    setResent(
      await ok(
        api.POST('/orgs/{orgId}/invitations/{invitationId}/resend', {
          params: { path: { orgId, invitationId: member.invitationId ?? '' } },
        }),
      ),
    );
    setOpen('resent');
    onChanged('invitation');
  });

  const items: MenuAction[] = [];
  if (member.status === 'active') {
    if (options.withOpen && member.userId) items.push({ label: t('open'), onSelect: () => navigate(`/users/${member.userId}`) });
    if (can('user-management:users.change-role')) items.push({ label: t('changeRole'), onSelect: () => setOpen('role') });
    if (can('user-management:users.remove') && member.userId !== me.user.id)
      items.push({ label: t('remove'), onSelect: () => setOpen('remove'), danger: true });
  } else if (can('user-management:users.invite') && member.invitationId) {
    items.push({ label: t('resend'), onSelect: () => void resend.run() });
    items.push({ label: t('revoke'), onSelect: () => setOpen('revoke'), danger: true });
  }

  const dialogs = (
    <>
      {open === 'role' ? (
        <ChangeRoleDialog
          member={member}
          roles={roles ? grantableRoles(roles, membership?.permissions ?? [], isAdmin) : []}
          onClose={() => setOpen(undefined)}
          onSaved={() => onChanged('role')}
        />
      ) : null}
      <ConfirmDialog
        open={open === 'remove'}
        title={t('removeTitle', { name })}
        body={<p>{t('removeBody', { name })}</p>}
        confirmLabel={t('removeConfirm')}
        onConfirm={async () => {
          await ok(api.DELETE('/orgs/{orgId}/members/{userId}', { params: { path: { orgId, userId: member.userId ?? '' } } }));
          onChanged('removed');
        }}
        onClose={() => setOpen(undefined)}
      />
      <ConfirmDialog
        open={open === 'revoke'}
        title={t('revokeTitle', { email: member.email })}
        body={<p>{t('revokeBody')}</p>}
        confirmLabel={t('revokeConfirm')}
        onConfirm={async () => {
          await ok(
            api.DELETE('/orgs/{orgId}/invitations/{invitationId}', {
              params: { path: { orgId, invitationId: member.invitationId ?? '' } },
            }),
          );
          onChanged('invitation');
        }}
        onClose={() => setOpen(undefined)}
      />
      {/* "Mailed again" only when it was: another domain gets a new link to pass on. */}
      <Dialog
        open={open === 'resent'}
        title={resent?.delivery === 'link' ? t('relinkTitle') : t('resendTitle')}
        onClose={() => setOpen(undefined)}
        footer={
          <Button variant="primary" onClick={() => setOpen(undefined)}>
            {t('close')}
          </Button>
        }
      >
        {resent ? <DeliveryResult result={resent} resent /> : null}
      </Dialog>
    </>
  );
  const menu = <MenuButton label={t('actionsFor', { name })} items={items} />;
  return {
    items,
    menu,
    dialogs,
    busy: resend.busy,
    error: resend.error,
    openRole: () => setOpen('role'),
    openRemove: () => setOpen('remove'),
  };
}

function ChangeRoleDialog({
  member,
  roles,
  onClose,
  onSaved,
}: {
  member: Member;
  roles: Role[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(messages);
  const { orgId } = useSignedIn();
  const name = fullName(member);
  const [roleId, setRoleId] = useState(member.role.id);
  // The member's current role stays selectable even where the caller could not grant it.
  const options: { id: string; name: string }[] = roles.some((r) => r.id === member.role.id) ? roles : [member.role, ...roles];
  const save = useAction(async () => {
    await ok(api.PATCH('/orgs/{orgId}/members/{userId}', { params: { path: { orgId, userId: member.userId ?? '' } }, body: { roleId } }));
    onSaved();
    onClose();
  });
  return (
    <Dialog open title={t('roleTitle', { name })} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <SelectField
          label={t('roleOf', { name })}
          hint={t('roleHint')}
          value={roleId}
          onChange={(e) => setRoleId(e.target.value)}
          autoFocus
        >
          {options.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
        <ErrorAlert error={save.error} />
        <div className="dialog-footer">
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="submit" variant="primary" busy={save.busy} disabled={roleId === member.role.id}>
            {t('save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
