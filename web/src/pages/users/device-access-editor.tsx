// "All devices" or "only these devices": used by the invite dialog and the member's Devices tab.
import { useId, useState } from 'react';
import type { Device, DeviceAccess } from '../../api/types.js';
import { Checkbox, ErrorAlert, Loading } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';

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
  },
});

export function DeviceAccessEditor({
  value,
  onChange,
  devices,
  error,
  disabled,
}: {
  value: DeviceAccess;
  onChange: (v: DeviceAccess) => void;
  devices: Device[] | undefined;
  error?: unknown;
  disabled?: boolean;
}) {
  const t = useT(messages);
  const name = useId();
  const [filter, setFilter] = useState('');
  const selected = new Set(value.deviceIds);
  const f = filter.trim().toLowerCase();
  const shown = (devices ?? []).filter(
    (d) => !f || d.name.toLowerCase().includes(f) || d.uuid.includes(f) || (d.location ?? '').toLowerCase().includes(f),
  );
  const toggle = (id: string, on: boolean) =>
    onChange({ allDevices: false, deviceIds: on ? [...value.deviceIds, id] : value.deviceIds.filter((d) => d !== id) });
  return (
    <fieldset className="device-access" disabled={disabled}>
      <legend>{t('legend')}</legend>
      <div className="radio">
        <input
          type="radio"
          id={`${name}-all`}
          name={name}
          checked={value.allDevices}
          onChange={() => onChange({ allDevices: true, deviceIds: [] })}
        />
        <label htmlFor={`${name}-all`}>
          <strong>{t('all')}</strong> <span className="muted">{t('allHint')}</span>
        </label>
      </div>
      <div className="radio">
        <input
          type="radio"
          id={`${name}-some`}
          name={name}
          checked={!value.allDevices}
          onChange={() => onChange({ allDevices: false, deviceIds: value.deviceIds })}
        />
        <label htmlFor={`${name}-some`}>
          <strong>{t('some')}</strong> <span className="muted">{t('someHint')}</span>
        </label>
      </div>
      {!value.allDevices ? (
        <div className="device-pick">
          <ErrorAlert error={error} />
          {devices === undefined && !error ? (
            <Loading />
          ) : devices && devices.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : devices ? (
            <>
              {devices.length > 8 ? (
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
                {t('selected', { n: selected.size, total: devices.length })}
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
            </>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
