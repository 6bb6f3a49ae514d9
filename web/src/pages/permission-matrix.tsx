// The permission matrix: rows are the catalog's permissions grouped under each Smart Service,
// columns are roles. Read-only it shows ✓ / — (with words for screen readers); editable it shows
// one column of checkboxes for the role being edited, plus an "all of this service" box per group.
//
// The permission labels and descriptions are the catalog's (GET /permissions serves each in English
// and German, as a service's manifest will) and shown in the UI's language; only the Smart Service
// names are translated here.
import { useMemo, type ReactNode } from 'react';
import { api, ok } from '../api/client.js';
import type { Permission, Role } from '../api/types.js';
import { useQuery } from '../api/use-query.js';
import { defineMessages, useLocalized, useT } from '../i18n/i18n.js';
import './pages.css';

export type { Permission, Role };

const messages = defineMessages({
  en: {
    permission: 'Permission',
    granted: 'granted',
    notGranted: 'not granted',
    caption: 'Permissions of each role, grouped by Smart Service',
    allOf: 'All of {service}',
    deviceScoped: 'Applies per device: needs access to the device too.',
    'device-management': 'Device Management Service',
    'user-management': 'User Management Service',
    'service-store': 'Service Store & Subscription Management',
    organization: 'Organization Settings',
    emma: 'EMMA Service',
    tsd: 'Time Series Data Service',
    'impulse-analytics': 'Impulse Analytics Service',
    notYours: 'You do not hold this permission yourself, so you cannot grant it.',
  },
  de: {
    permission: 'Berechtigung',
    granted: 'erteilt',
    notGranted: 'nicht erteilt',
    caption: 'Berechtigungen jeder Rolle, nach Smart Service gruppiert',
    allOf: 'Alle von {service}',
    deviceScoped: 'Gilt je Gerät: erfordert auch Zugriff auf das Gerät.',
    'device-management': 'Device Management Service (Geräteverwaltung)',
    'user-management': 'User Management Service (Benutzerverwaltung)',
    'service-store': 'Service Store & Abonnementverwaltung',
    organization: 'Organisationseinstellungen',
    emma: 'EMMA Service',
    tsd: 'Time Series Data Service',
    'impulse-analytics': 'Impulse Analytics Service',
    notYours: 'Sie haben diese Berechtigung selbst nicht und können sie daher nicht vergeben.',
  },
});

type ServiceKey = 'device-management' | 'user-management' | 'service-store' | 'organization' | 'emma' | 'tsd' | 'impulse-analytics';
const KNOWN_SERVICES = new Set<string>([
  'device-management',
  'user-management',
  'service-store',
  'organization',
  'emma',
  'tsd',
  'impulse-analytics',
]);

/** The Smart Service's name in the user's language (an unknown service shows its key). */
function useServiceName() {
  const t = useT(messages);
  return (service: string) => (KNOWN_SERVICES.has(service) ? t(service as ServiceKey) : service);
}

/** The catalog, loaded once per page (it is constant for the life of the service). */
export function usePermissionCatalog() {
  const query = useQuery('permissions', (signal) => ok(api.GET('/permissions', { signal })));
  return { catalog: query.data, error: query.error };
}

function groupByService(catalog: Permission[]): [string, Permission[]][] {
  const groups = new Map<string, Permission[]>();
  for (const p of catalog) {
    const g = groups.get(p.service) ?? [];
    g.push(p);
    groups.set(p.service, g);
  }
  return [...groups];
}

/** Read-only: one column per role. `head(role)` renders a column's heading (e.g. a link). */
export function PermissionMatrix({ catalog, roles, head }: { catalog: Permission[]; roles: Role[]; head?: (role: Role) => ReactNode }) {
  const t = useT(messages);
  const serviceName = useServiceName();
  const text = useLocalized();
  const groups = useMemo(() => groupByService(catalog), [catalog]);
  const sets = useMemo(() => roles.map((r) => new Set(r.permissions)), [roles]);
  return (
    <div className="table-wrap">
      <table className="table matrix">
        <caption className="sr-only">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permission')}</th>
            {roles.map((r) => (
              <th key={r.id} scope="col" className="role-col">
                {head ? head(r) : r.name}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map(([service, perms]) => (
          <tbody key={service}>
            <tr className="service-row">
              <th scope="rowgroup" colSpan={roles.length + 1}>
                {serviceName(service)}
              </th>
            </tr>
            {perms.map((p) => (
              <tr key={p.key} data-permission={p.key}>
                <th scope="row">
                  {text(p.label)}
                  <span className="perm-desc">{text(p.description)}</span>
                </th>
                {roles.map((r, i) => (
                  <td key={r.id} className="cell">
                    {sets[i]!.has(p.key) ? (
                      <>
                        <span className="yes" aria-hidden="true">
                          ✓
                        </span>
                        <span className="sr-only">{`${r.name}: ${t('granted')}`}</span>
                      </>
                    ) : (
                      <>
                        <span className="no" aria-hidden="true">
                          —
                        </span>
                        <span className="sr-only">{`${r.name}: ${t('notGranted')}`}</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/**
 * Editable: a checkbox per permission for one role. Permissions the editor does not hold are
 * disabled (the service would refuse them with `authz.escalation`); `held` undefined = all held.
 */
export function PermissionPicker({
  catalog,
  selected,
  onChange,
  held,
  disabled,
  columnLabel,
}: {
  catalog: Permission[];
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
  held?: ReadonlySet<string>;
  disabled?: boolean;
  columnLabel: string;
}) {
  const t = useT(messages);
  const serviceName = useServiceName();
  const text = useLocalized();
  const groups = useMemo(() => groupByService(catalog), [catalog]);
  const grantable = (key: string) => !held || held.has(key);
  const toggle = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const k of keys) if (grantable(k)) on ? next.add(k) : next.delete(k);
    onChange(next);
  };
  return (
    <div className="table-wrap">
      <table className="table matrix">
        <caption className="sr-only">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permission')}</th>
            <th scope="col" className="role-col">
              {columnLabel}
            </th>
          </tr>
        </thead>
        {groups.map(([service, perms]) => {
          const keys = perms.map((p) => p.key);
          const all = keys.every((k) => selected.has(k));
          const some = keys.some((k) => selected.has(k));
          const name = serviceName(service);
          return (
            <tbody key={service}>
              <tr className="service-row">
                <th scope="rowgroup" colSpan={2}>
                  <div className="service-head">
                    <span>{name}</span>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={all}
                        ref={(el) => {
                          if (el) el.indeterminate = some && !all;
                        }}
                        disabled={disabled || !keys.some(grantable)}
                        onChange={(e) => toggle(keys, e.target.checked)}
                      />
                      {t('allOf', { service: name })}
                    </label>
                  </div>
                </th>
              </tr>
              {perms.map((p) => (
                <tr key={p.key} data-permission={p.key}>
                  <th scope="row">
                    <label htmlFor={`perm-${p.key}`}>{text(p.label)}</label>
                    <span className="perm-desc">{text(p.description)}</span>
                    {grantable(p.key) ? null : <span className="perm-desc">{t('notYours')}</span>}
                  </th>
                  <td className="cell">
                    <input
                      id={`perm-${p.key}`}
                      type="checkbox"
                      aria-label={`${text(p.label)} (${name})`}
                      checked={selected.has(p.key)}
                      disabled={disabled || !grantable(p.key)}
                      onChange={(e) => toggle([p.key], e.target.checked)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
