// Devices: the devices the member may reach (the API filters by device access), searchable by name,
// UUID or location, filtered by one tag (press a tag chip), paged with "Load more". Adding a device
// takes the UUID printed on its housing; the answer's device token is shown once.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ok } from '../../api/client.js';
import type { DeviceAdded } from '../../api/types.js';
import { usePagedList } from '../../api/use-query.js';
import {
  Button,
  Dialog,
  ErrorAlert,
  Form,
  Loading,
  NotAllowed,
  PageHeader,
  TextField,
  useAction,
  useFieldErrors,
  LoadMore,
} from '../../components/ui.js';
import { defineMessages, useFormat, useT } from '../../i18n/i18n.js';
import { Link } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { bodyOf, DeviceMetadataFields, fieldsOf, TokenOnceDialog, type Device, type DeviceFields } from './device-shared.js';
import '../pages.css';

const messages = defineMessages({
  en: {
    title: 'Devices',
    intro: 'The devices of this organization that you may access.',
    introAll: 'All devices of this organization.',
    add: 'Add device',
    search: 'Search devices',
    searchHint: 'Name, UUID or location',
    name: 'Name',
    uuid: 'UUID',
    location: 'Location',
    tags: 'Tags',
    added: 'Added',
    filterTag: 'Show only devices tagged “{tag}”',
    filteredBy: 'Only devices tagged',
    clearTag: 'Show all tags',
    removeTag: 'Remove the filter “{tag}”',
    none: 'No devices yet.',
    noneAdd: 'No devices yet. Add the first one with its UUID.',
    noMatch: 'No device matches.',
    notAllowed: 'Your role in this organization does not include “View devices”. Ask an Admin of the organization for a role that does.',
    addTitle: 'Add a device',
    uuidLabel: 'Device UUID',
    uuidHint:
      'The UUID (Universally Unique Identifier) is printed on the outside of the device’s housing, e.g. on the type plate of a PLCnext controller such as the AXC F 2152. After installation and commissioning it may no longer be visible, so note the UUIDs down while installing the devices.',
    cancel: 'Cancel',
    addDone: '“{name}” was added.',
    limited: 'You do not have access to every device of this organization; you will have access to the devices you add.',
  },
  de: {
    title: 'Geräte',
    intro: 'Die Geräte dieser Organisation, auf die Sie zugreifen dürfen.',
    introAll: 'Alle Geräte dieser Organisation.',
    add: 'Gerät hinzufügen',
    search: 'Geräte durchsuchen',
    searchHint: 'Name, UUID oder Standort',
    name: 'Name',
    uuid: 'UUID',
    location: 'Standort',
    tags: 'Tags',
    added: 'Hinzugefügt',
    filterTag: 'Nur Geräte mit dem Tag „{tag}“ zeigen',
    filteredBy: 'Nur Geräte mit dem Tag',
    clearTag: 'Alle Tags zeigen',
    removeTag: 'Filter „{tag}“ entfernen',
    none: 'Noch keine Geräte.',
    noneAdd: 'Noch keine Geräte. Fügen Sie das erste mit seiner UUID hinzu.',
    noMatch: 'Kein Gerät passt.',
    notAllowed:
      'Ihre Rolle in dieser Organisation umfasst „Geräte ansehen“ nicht. Bitten Sie einen Admin der Organisation um eine Rolle, die das erlaubt.',
    addTitle: 'Gerät hinzufügen',
    uuidLabel: 'Geräte-UUID',
    uuidHint:
      'Die UUID (Universally Unique Identifier) ist außen auf das Gehäuse des Geräts gedruckt, z. B. auf das Typenschild einer PLCnext-Steuerung wie der AXC F 2152. Nach Installation und Inbetriebnahme ist sie eventuell nicht mehr sichtbar: Notieren Sie die UUIDs daher bei der Installation.',
    cancel: 'Abbrechen',
    addDone: '„{name}“ wurde hinzugefügt.',
    limited: 'Sie haben nicht auf alle Geräte dieser Organisation Zugriff; auf die Geräte, die Sie hinzufügen, schon.',
  },
});

export function DevicesPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { orgId, can, membership } = useSignedIn();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [adding, setAdding] = useState(false);
  const allowed = can('device-management:devices.view');

  // Typing searches after a short pause (one request per pause, not per key).
  useEffect(() => {
    const h = setTimeout(() => setSearch(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  const list = usePagedList<Device>(allowed ? `devices ${orgId} ${search} ${tag}` : null, (cursor, signal) =>
    ok(
      api.GET('/orgs/{orgId}/devices', {
        params: { path: { orgId }, query: { q: search || undefined, tag: tag || undefined, limit: 50, cursor } },
        signal,
      }),
    ),
  );
  const { items } = list;

  if (!allowed)
    return (
      <>
        <PageHeader title={t('title')} />
        <NotAllowed>{t('notAllowed')}</NotAllowed>
      </>
    );
  const canAdd = can('device-management:devices.add');
  const filtered = search !== '' || tag !== '';

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          canAdd ? (
            <Button variant="primary" onClick={() => setAdding(true)}>
              + {t('add')}
            </Button>
          ) : undefined
        }
      >
        <p className="muted">{membership?.deviceAccess.allDevices || membership?.role.id === 'admin' ? t('introAll') : t('intro')}</p>
      </PageHeader>
      <div className="toolbar" role="search">
        <TextField
          label={t('search')}
          type="search"
          placeholder={t('searchHint')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={100}
        />
      </div>
      {tag ? (
        <div className="filter-active">
          <span>{t('filteredBy')}</span>
          <button type="button" className="chip current" aria-label={t('removeTag', { tag })} onClick={() => setTag('')}>
            {tag} ✕
          </button>
        </div>
      ) : null}
      <ErrorAlert error={list.error} />
      {items === undefined ? (
        list.error ? null : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <p className="empty">{filtered ? t('noMatch') : canAdd ? t('noneAdd') : t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={list.loading || undefined}>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('uuid')}</th>
                <th scope="col">{t('location')}</th>
                <th scope="col">{t('tags')}</th>
                <th scope="col" className="nowrap">
                  {t('added')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/devices/${d.id}`}>{d.name}</Link>
                  </td>
                  <td className="mono">{d.uuid}</td>
                  <td>{d.location ?? '—'}</td>
                  <td>
                    <div className="chips">
                      {d.tags.map((tg) => (
                        <button
                          key={tg}
                          type="button"
                          className={tg === tag ? 'chip current' : 'chip'}
                          aria-pressed={tg === tag}
                          title={t('filterTag', { tag: tg })}
                          aria-label={t('filterTag', { tag: tg })}
                          onClick={() => setTag(tg === tag ? '' : tg)}
                        >
                          {tg}
                        </button>
                      ))}
                    </div>
                  </td>
                  <td className="nowrap">{fmt.date(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
      <AddDeviceDialog open={adding} onClose={() => setAdding(false)} onAdded={list.reload} />
    </>
  );
}

function AddDeviceDialog({ open, onClose, onAdded }: { open: boolean; onClose(): void; onAdded(): void }) {
  const t = useT(messages);
  const { orgId, membership } = useSignedIn();
  const [uuid, setUuid] = useState('');
  const [fields, setFields] = useState<DeviceFields>(fieldsOf());
  const [result, setResult] = useState<DeviceAdded>();
  const add = useAction(async () => {
    const r = await ok(api.POST('/orgs/{orgId}/devices', { params: { path: { orgId } }, body: { uuid: uuid.trim(), ...bodyOf(fields) } }));
    setResult(r);
    setUuid('');
    setFields(fieldsOf());
    onAdded();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run();
  };
  const limited = !membership?.deviceAccess.allDevices && membership?.role.id !== 'admin';
  // A UUID registered already is a problem of the UUID field: shown there, and focus goes there.
  const errors = useFieldErrors(add.error, { uuid: ['device.already_registered'] });
  return (
    <>
      <Dialog open={open && !result} title={t('addTitle')} onClose={onClose}>
        <Form error={add.error} onSubmit={submit}>
          <TextField
            label={t('uuidLabel')}
            hint={t('uuidHint')}
            value={uuid}
            onChange={(e) => setUuid(e.target.value)}
            required
            maxLength={60}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            placeholder="123e4567-e89b-12d3-a456-426614174000"
            error={errors.field('uuid')}
          />
          <DeviceMetadataFields value={fields} onChange={setFields} error={add.error} />
          {limited ? <p className="muted">{t('limited')}</p> : null}
          <ErrorAlert error={errors.general} />
          <div className="dialog-footer">
            <Button onClick={onClose}>{t('cancel')}</Button>
            <Button type="submit" variant="primary" busy={add.busy}>
              {t('add')}
            </Button>
          </div>
        </Form>
      </Dialog>
      <TokenOnceDialog
        token={result?.deviceToken}
        deviceName={result?.device.name ?? ''}
        intro={result ? <p>{t('addDone', { name: result.device.name })}</p> : null}
        onClose={() => {
          setResult(undefined);
          onClose();
        }}
      />
    </>
  );
}
