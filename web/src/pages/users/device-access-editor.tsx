// "All devices" or "only these devices": used by the invite dialog and the member's Devices tab.
// It offers only what the editor may give (docs/security.md, "Who may do what"): "All devices" only
// to an Admin or a holder of all devices (or to keep it for someone who has it), and only the
// devices the editor reaches (the device list answers with exactly those).
import { useState } from 'react';
import type { Device, DeviceAccess } from '../../api/types.js';
import { Checkbox } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { AllOrSelected } from './all-or-selected.js';

const messages = defineMessages({
  en: {
    legend: 'Device access',
    all: 'All devices',
    allHint: 'Every device of the organization, including devices added later.',
    some: 'Only selected devices',
    someHint: 'Pick the devices this person may see and work with.',
    none: 'The organization has no devices yet.',
    filter: 'Filter devices',
    selected: '{n} of {total} selected',
    noMatch: 'No device matches.',
    onlyYours: 'You can give access only to devices you have access to yourself.',
  },
  de: {
    legend: 'Gerätezugriff',
    all: 'Alle Geräte',
    allHint: 'Alle Geräte der Organisation, auch später hinzugefügte.',
    some: 'Nur ausgewählte Geräte',
    someHint: 'Wählen Sie die Geräte, die diese Person sehen und bearbeiten darf.',
    none: 'Die Organisation hat noch keine Geräte.',
    filter: 'Geräte filtern',
    selected: '{n} von {total} ausgewählt',
    noMatch: 'Kein Gerät passt.',
    onlyYours: 'Sie können nur Zugriff auf Geräte geben, auf die Sie selbst Zugriff haben.',
  },
});

export function DeviceAccessEditor({
  value,
  onChange,
  devices,
  error,
  disabled,
  offerAll = true,
  fieldError,
}: {
  value: DeviceAccess;
  onChange: (v: DeviceAccess) => void;
  devices: Device[] | undefined;
  /** Loading the devices failed. */
  error?: unknown;
  disabled?: boolean;
  /** Whether "All devices" is offered; without it only selected devices can be given. */
  offerAll?: boolean;
  /** The API refused the access chosen here (shown next to it). */
  fieldError?: string | undefined;
}) {
  const t = useT(messages);
  const [filter, setFilter] = useState('');
  const selected = new Set(value.deviceIds);
  const f = filter.trim().toLowerCase();
  const shown = (devices ?? []).filter(
    (d) => !f || d.name.toLowerCase().includes(f) || d.uuid.includes(f) || (d.location ?? '').toLowerCase().includes(f),
  );
  const toggle = (id: string, on: boolean) =>
    onChange({ allDevices: false, deviceIds: on ? [...value.deviceIds, id] : value.deviceIds.filter((d) => d !== id) });
  return (
    <AllOrSelected
      legend={t('legend')}
      texts={{ all: t('all'), allHint: t('allHint'), some: t('some'), someHint: t('someHint'), onlyYours: t('onlyYours'), none: t('none') }}
      all={value.allDevices}
      offerAll={offerAll}
      onChange={(all) => onChange({ allDevices: all, deviceIds: all ? [] : value.deviceIds })}
      items={devices}
      error={error}
      disabled={disabled}
      fieldError={fieldError}
    >
      {devices && devices.length > 8 ? (
        <input
          type="search"
          className="device-filter"
          aria-label={t('filter')}
          placeholder={t('filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      ) : null}
      <p className="muted" aria-live="polite">
        {t('selected', { n: selected.size, total: devices?.length ?? 0 })}
      </p>
      <div className="device-list">
        {shown.map((d) => (
          <Checkbox
            key={d.id}
            checked={selected.has(d.id)}
            onChange={(e) => toggle(d.id, e.target.checked)}
            label={
              <>
                {d.name}
                {d.location ? <span className="muted"> · {d.location}</span> : null}
              </>
            }
          />
        ))}
        {shown.length === 0 ? <p className="muted">{t('noMatch')}</p> : null}
      </div>
    </AllOrSelected>
  );
}
