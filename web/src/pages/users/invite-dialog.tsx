// Invite Member: e-mail, role (only those the inviter may grant), optional message, device access.
// The result says how the invitation travels: mailed (same e-mail domain as the inviter's), or as a
// link for the inviter to pass on (another domain: the service mails nobody outside your domain).
import { useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { DeviceAccess, InvitationCreated, Role } from '../../api/types.js';
import {
  Button,
  CopyField,
  Dialog,
  ErrorAlert,
  Form,
  Notice,
  SelectField,
  TextArea,
  TextField,
  useAction,
  useFieldErrors,
} from '../../components/ui.js';
import { defineMessages, useLang, useT } from '../../i18n/i18n.js';
import { roleDescription } from '../../i18n/built-in-roles.js';
import { useSignedIn } from '../../session.js';
import { grantableRoles, useDevices } from './data.js';
import { ResourceAccessEditor } from './resource-access-editor.js';
import { resourceTypesOf, typeLabel, useAccess, useResources, useTypeNames, type TypeAccess } from './resources-data.js';
import { DeviceAccessEditor } from './device-access-editor.js';

const messages = defineMessages({
  en: {
    title: 'Invite member',
    email: 'E-mail address',
    role: 'Role',
    message: 'Message (optional)',
    messageHint: 'Shown in the invitation.',
    send: 'Send invitation',
    cancel: 'Cancel',
    close: 'Close',
    another: 'Invite someone else',
    mailed: 'Invitation mailed to {email}. They join as {role} when they accept.',
    link: 'Nothing was mailed: {email} is outside your e-mail domain, so pass the invitation link on yourself (for example in your usual e-mail).',
    linkLabel: 'Invitation link',
    resentMailed: 'A new invitation was mailed to {email}; the old link no longer works.',
    resentLink: 'A new link for {email}; the old one no longer works. Pass it on yourself: the address is outside your e-mail domain.',
    adminDevices: 'Admins always have access to every device.',
    loadingRoles: 'Loading roles…',
    noDeviceRight: 'Device access is set later, by someone who may change it.',
  },
  de: {
    title: 'Mitglied einladen',
    email: 'E-Mail-Adresse',
    role: 'Rolle',
    message: 'Nachricht (optional)',
    messageHint: 'Wird in der Einladung angezeigt.',
    send: 'Einladung senden',
    cancel: 'Abbrechen',
    close: 'Schließen',
    another: 'Weitere Person einladen',
    mailed: 'Einladung an {email} gesendet. Mit der Annahme tritt die Person als {role} bei.',
    link: 'Es wurde nichts gesendet: {email} liegt außerhalb Ihrer E-Mail-Domain. Geben Sie den Einladungslink selbst weiter (etwa per E-Mail).',
    linkLabel: 'Einladungslink',
    resentMailed: 'Eine neue Einladung wurde an {email} gesendet; der alte Link gilt nicht mehr.',
    resentLink:
      'Ein neuer Link für {email}; der alte gilt nicht mehr. Geben Sie ihn selbst weiter: Die Adresse liegt außerhalb Ihrer E-Mail-Domain.',
    adminDevices: 'Admins haben immer Zugriff auf alle Geräte.',
    loadingRoles: 'Rollen werden geladen…',
    noDeviceRight: 'Den Gerätezugriff legt später jemand fest, der ihn ändern darf.',
  },
});

/** What an invitation's delivery means for the inviter, after creating or resending it. */
export function DeliveryResult({ result, resent = false }: { result: InvitationCreated; resent?: boolean }) {
  const t = useT(messages);
  const email = result.invitation.email;
  if (result.delivery === 'email')
    return <Notice kind="success">{t(resent ? 'resentMailed' : 'mailed', { email, role: result.invitation.role.name })}</Notice>;
  return (
    <>
      <Notice kind="warning">{t(resent ? 'resentLink' : 'link', { email })}</Notice>
      <CopyField label={t('linkLabel')} value={result.link ?? ''} />
    </>
  );
}

export function InviteDialog({
  open,
  onClose,
  roles,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  roles: Role[] | undefined;
  onInvited: () => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const typeNames = useTypeNames();
  const { orgId, membership, isAdmin, can, me } = useSignedIn();
  // Only what the inviter may give (the API refuses the rest with authz.device_escalation): device
  // access at all only with the permission to set it, "All devices" only from an Admin or a holder
  // of all devices; the device list holds only the devices the inviter reaches.
  const setsDevices = can('user-management:users.device-access');
  const offerAll = isAdmin || membership?.deviceAccess.allDevices === true;
  const offered = roles ? grantableRoles(roles, membership?.permissions ?? [], isAdmin) : [];
  const blank = { email: '', roleId: '', message: '' };
  const [form, setForm] = useState(blank);
  const [access, setAccess] = useState<DeviceAccess>({ allDevices: false, deviceIds: [] });
  // Access per resource type (the types are those the inviter's own access lists; what they may
  // give is their own access: an Admin has all of every type).
  const [typeAccess, setTypeAccess] = useState<Record<string, TypeAccess>>({});
  const { access: mine } = useAccess(orgId, me.user.id, open && setsDevices);
  const types = resourceTypesOf(mine);
  const { resources, error: resourcesError } = useResources(orgId, open && setsDevices && types.length > 0);
  const [result, setResult] = useState<InvitationCreated>();
  const { devices, error: devicesError } = useDevices(orgId, open && setsDevices);
  const roleId = form.roleId || offered.find((r) => r.id === 'viewer')?.id || offered[0]?.id || '';
  const chosen = offered.find((r) => r.id === roleId);

  const invite = useAction(async () => {
    const body = {
      email: form.email.trim(),
      roleId,
      ...(form.message.trim() ? { message: form.message.trim() } : {}),
      ...(roleId === 'admin' || !setsDevices ? {} : { deviceAccess: access }),
      ...(roleId === 'admin' || !setsDevices || Object.keys(typeAccess).length === 0 ? {} : { access: typeAccess }),
    };
    setResult(await ok(api.POST('/orgs/{orgId}/invitations', { params: { path: { orgId } }, body })));
    onInvited();
  });
  // An address that is a member already, or invited already, is the e-mail field's problem.
  const errors = useFieldErrors(invite.error, {
    email: ['invitation.already_pending', 'invitation.already_member'],
    deviceAccess: ['authz.device_escalation'],
    access: ['authz.access_escalation'],
  });
  const reset = () => {
    setForm(blank);
    setAccess({ allDevices: false, deviceIds: [] });
    setTypeAccess({});
    setResult(undefined);
    invite.setError(undefined);
  };
  const close = () => {
    reset();
    onClose();
  };

  return (
    <Dialog open={open} title={t('title')} onClose={close}>
      {result ? (
        <>
          <DeliveryResult result={result} />
          <div className="dialog-footer">
            <Button onClick={reset}>{t('another')}</Button>
            <Button variant="primary" onClick={close} autoFocus>
              {t('close')}
            </Button>
          </div>
        </>
      ) : (
        <Form submit={invite}>
          <TextField
            label={t('email')}
            type="email"
            autoComplete="off"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            required
            autoFocus
            error={errors.field('email')}
          />
          <SelectField
            label={t('role')}
            value={roleId}
            onChange={(e) => setForm({ ...form, roleId: e.target.value })}
            required
            disabled={!roles}
            error={errors.field('roleId')}
            hint={chosen ? roleDescription(chosen, lang) || undefined : undefined}
          >
            {!roles ? <option value="">{t('loadingRoles')}</option> : null}
            {offered.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <TextArea
            label={t('message')}
            hint={t('messageHint')}
            value={form.message}
            maxLength={1000}
            onChange={(e) => setForm({ ...form, message: e.target.value })}
            error={errors.field('message')}
          />
          {roleId === 'admin' ? (
            <p className="muted">{t('adminDevices')}</p>
          ) : !setsDevices ? (
            <p className="muted">{t('noDeviceRight')}</p>
          ) : (
            <DeviceAccessEditor
              value={access}
              onChange={setAccess}
              devices={devices}
              error={devicesError}
              offerAll={offerAll}
              fieldError={errors.field('deviceAccess')}
            />
          )}
          {roleId !== 'admin' && setsDevices
            ? types.map((type) => (
                <ResourceAccessEditor
                  key={type}
                  type={type}
                  label={typeLabel(type, typeNames, lang)}
                  value={typeAccess[type] ?? { all: false, ids: [] }}
                  onChange={(v) => setTypeAccess({ ...typeAccess, [type]: v })}
                  resources={resources}
                  error={resourcesError}
                  offerAll={isAdmin || mine?.[type]?.all === true}
                  fieldError={errors.field('access')}
                />
              ))
            : null}
          <ErrorAlert error={errors.general} />
          <div className="dialog-footer">
            <Button onClick={close}>{t('cancel')}</Button>
            <Button type="submit" variant="primary" busy={invite.busy}>
              {t('send')}
            </Button>
          </div>
        </Form>
      )}
    </Dialog>
  );
}
