// One device: its metadata (editable with "Edit data of device"), reset of its token (the new token
// shown once) and deletion, each action only with its permission. A device the member may not reach
// is a 404 from the API, which reads the same as a device that does not exist.
import { useState, type FormEvent } from 'react';
import { api, ApiError, ok } from '../../api/client.js';
import { useQuery } from '../../api/use-query.js';
import {
  Button,
  ConfirmDialog,
  ErrorAlert,
  Form,
  Loading,
  Notice,
  NotAllowed,
  PageHeader,
  useAction,
  useFieldErrors,
} from '../../components/ui.js';
import { defineMessages, useFormat, useT } from '../../i18n/i18n.js';
import { Link, navigate } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { bodyOf, DeviceMetadataFields, fieldsOf, TokenOnceDialog, type Device, type DeviceFields } from './device-shared.js';
import '../pages.css';

const messages = defineMessages({
  en: {
    back: '← All devices',
    uuid: 'UUID',
    id: 'Device id',
    added: 'Added',
    updated: 'Last changed',
    location: 'Location',
    tags: 'Tags',
    description: 'Description',
    details: 'Details',
    edit: 'Device data',
    save: 'Save changes',
    saved: 'Saved.',
    readOnly: 'Changing the device’s data needs the permission “Edit data of device”.',
    resetToken: 'Reset device token',
    resetTitle: 'Reset the token of “{name}”?',
    resetBody:
      'A new device token is created and shown once. The current token stops working at once: the device cannot connect until it is configured with the new token.',
    resetIntro: 'The old token no longer works. Configure the device with this new one.',
    delete: 'Delete device',
    deleteTitle: 'Delete “{name}”?',
    deleteBody:
      'The device is removed from this organization, and every member loses access to it. Its token stops working. To use it again, add it again with its UUID.',
    notFound:
      'This device does not exist in this organization, or you do not have access to it. An Admin can give you access in the user management.',
    notAllowed: 'Your role in this organization does not include “View devices”.',
    actions: 'Actions',
  },
  de: {
    back: '← Alle Geräte',
    uuid: 'UUID',
    id: 'Geräte-ID',
    added: 'Hinzugefügt',
    updated: 'Zuletzt geändert',
    location: 'Standort',
    tags: 'Tags',
    description: 'Beschreibung',
    details: 'Details',
    edit: 'Gerätedaten',
    save: 'Änderungen speichern',
    saved: 'Gespeichert.',
    readOnly: 'Die Daten des Geräts zu ändern erfordert die Berechtigung „Gerätedaten bearbeiten“.',
    resetToken: 'Geräte-Token zurücksetzen',
    resetTitle: 'Das Token von „{name}“ zurücksetzen?',
    resetBody:
      'Ein neues Geräte-Token wird erzeugt und einmal angezeigt. Das bisherige Token funktioniert sofort nicht mehr: Das Gerät kann sich erst wieder verbinden, wenn es mit dem neuen Token eingerichtet ist.',
    resetIntro: 'Das alte Token funktioniert nicht mehr. Richten Sie das Gerät mit diesem neuen ein.',
    delete: 'Gerät löschen',
    deleteTitle: '„{name}“ löschen?',
    deleteBody:
      'Das Gerät wird aus dieser Organisation entfernt, und alle Mitglieder verlieren den Zugriff darauf. Sein Token funktioniert nicht mehr. Um es wieder zu nutzen, fügen Sie es erneut mit seiner UUID hinzu.',
    notFound:
      'Dieses Gerät gibt es in dieser Organisation nicht, oder Sie haben keinen Zugriff darauf. Ein Admin kann Ihnen in der Benutzerverwaltung Zugriff geben.',
    notAllowed: 'Ihre Rolle in dieser Organisation umfasst „Geräte ansehen“ nicht.',
    actions: 'Aktionen',
  },
});

export function DevicePage({ params }: { params: Record<string, string> }) {
  const t = useT(messages);
  const { orgId, can } = useSignedIn();
  const allowed = can('device-management:devices.view');
  const deviceId = params.deviceId ?? '';
  const query = useQuery<Device>(allowed ? `device ${orgId} ${deviceId}` : null, (signal) =>
    ok(api.GET('/orgs/{orgId}/devices/{deviceId}', { params: { path: { orgId, deviceId } }, signal })),
  );
  const { data: device, error } = query;
  const back = (
    <Link className="back-link" to="/devices">
      {t('back')}
    </Link>
  );

  if (!allowed)
    return (
      <>
        {back}
        <NotAllowed>{t('notAllowed')}</NotAllowed>
      </>
    );
  // (Not for a member just removed from the organization: the session notices that and says so.)
  if (error instanceof ApiError && (error.code === 'device.not_found' || error.status === 400))
    return (
      <>
        {back}
        <NotAllowed>{t('notFound')}</NotAllowed>
      </>
    );
  if (error)
    return (
      <>
        {back}
        <ErrorAlert error={error} />
      </>
    );
  if (!device) return <Loading />;
  return <DeviceView key={device.id} device={device} onChange={query.set} back={back} />;
}

function DeviceView({ device, onChange, back }: { device: Device; onChange(d: Device): void; back: React.ReactNode }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { orgId, can } = useSignedIn();
  const [fields, setFields] = useState<DeviceFields>(() => fieldsOf(device));
  const [saved, setSaved] = useState(false);
  const [confirm, setConfirm] = useState<'reset' | 'delete' | undefined>();
  const [token, setToken] = useState<string>();
  const canEdit = can('device-management:devices.edit');
  const canReset = can('device-management:devices.reset-token');
  const canDelete = can('device-management:devices.delete');
  const where = { params: { path: { orgId, deviceId: device.id } } };

  const edit = (next: DeviceFields) => {
    setFields(next);
    setSaved(false);
  };
  const save = useAction(async () => {
    const updated = await ok(api.PATCH('/orgs/{orgId}/devices/{deviceId}', { ...where, body: bodyOf(fields) }));
    onChange(updated);
    setFields(fieldsOf(updated));
    setSaved(true);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const errors = useFieldErrors(save.error);

  return (
    <>
      {back}
      <PageHeader
        title={device.name}
        actions={
          canReset || canDelete ? (
            <>
              {canReset ? <Button onClick={() => setConfirm('reset')}>{t('resetToken')}</Button> : null}
              {canDelete ? (
                <Button variant="danger" onClick={() => setConfirm('delete')}>
                  {t('delete')}
                </Button>
              ) : null}
            </>
          ) : undefined
        }
      >
        <p className="muted mono">{device.uuid}</p>
      </PageHeader>

      <section className="section" aria-labelledby="device-details">
        <h2 id="device-details">{t('details')}</h2>
        <dl className="details">
          <dt>{t('uuid')}</dt>
          <dd className="mono">{device.uuid}</dd>
          <dt>{t('id')}</dt>
          <dd className="mono">{device.id}</dd>
          <dt>{t('added')}</dt>
          <dd>{fmt.dateTime(device.createdAt)}</dd>
          <dt>{t('updated')}</dt>
          <dd>{fmt.dateTime(device.updatedAt)}</dd>
          {canEdit ? null : (
            <>
              <dt>{t('location')}</dt>
              <dd>{device.location ?? '—'}</dd>
              <dt>{t('tags')}</dt>
              <dd>
                <div className="chips">
                  {device.tags.length
                    ? device.tags.map((tg) => (
                        <span key={tg} className="tag">
                          {tg}
                        </span>
                      ))
                    : '—'}
                </div>
              </dd>
              <dt>{t('description')}</dt>
              <dd>{device.description ?? '—'}</dd>
            </>
          )}
        </dl>
      </section>

      {canEdit ? (
        <section className="section form-narrow" aria-labelledby="device-edit">
          <h2 id="device-edit">{t('edit')}</h2>
          <Form error={save.error} onSubmit={submit}>
            <DeviceMetadataFields value={fields} onChange={edit} error={save.error} />
            <ErrorAlert error={errors.general} />
            {saved ? <Notice kind="success">{t('saved')}</Notice> : null}
            <Button type="submit" variant="primary" busy={save.busy}>
              {t('save')}
            </Button>
          </Form>
        </section>
      ) : (
        <p className="muted">{t('readOnly')}</p>
      )}

      <ConfirmDialog
        open={confirm === 'reset'}
        title={t('resetTitle', { name: device.name })}
        body={<p>{t('resetBody')}</p>}
        confirmLabel={t('resetToken')}
        onClose={() => setConfirm(undefined)}
        onConfirm={async () => {
          const r = await ok(api.POST('/orgs/{orgId}/devices/{deviceId}/token', where));
          setToken(r.deviceToken);
        }}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        title={t('deleteTitle', { name: device.name })}
        body={<p>{t('deleteBody')}</p>}
        confirmLabel={t('delete')}
        onClose={() => setConfirm(undefined)}
        onConfirm={async () => {
          await ok(api.DELETE('/orgs/{orgId}/devices/{deviceId}', where));
          navigate('/devices');
        }}
      />
      <TokenOnceDialog token={token} deviceName={device.name} intro={<p>{t('resetIntro')}</p>} onClose={() => setToken(undefined)} />
    </>
  );
}
