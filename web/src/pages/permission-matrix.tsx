// The permission matrix: rows are the catalog's permissions grouped under each registered service,
// columns are roles. Read-only it shows ✓ / — (with words for screen readers); editable it shows
// one column of checkboxes for the role being edited, plus an "all of this service" box per group.
//
// Everything about the services comes from GET /services, as each service's manifest says it: the
// service names, the permission labels and descriptions (in English and German; English where the
// manifest brings no German), and which permissions are deprecated (greyed; a role keeps one it
// holds, none gains it anew). A newly registered service appears here without a change to the UI.
import { useMemo, type ReactNode } from 'react';
import { api, ok } from '../api/client.js';
import type { Role, Service } from '../api/types.js';
import { useQuery } from '../api/use-query.js';
import { defineMessages, useLocalized, useT } from '../i18n/i18n.js';
import './pages.css';

export type { Role };
/** A permission of the catalog, with the service it belongs to. */
export type CatalogPermission = Service['permissions'][number] & { service: string };

const messages = defineMessages({
  en: {
    permission: 'Permission',
    granted: 'granted',
    notGranted: 'not granted',
    caption: 'Permissions of each role, grouped by Smart Service',
    allOf: 'All of {service}',
    deviceScoped: 'Applies per device: needs access to the device too.',
    notYours: 'You do not hold this permission yourself, so you cannot grant it.',
    deprecated: 'Deprecated by its service: it grants nothing any more and cannot be granted anew.',
  },
  de: {
    permission: 'Berechtigung',
    granted: 'erteilt',
    notGranted: 'nicht erteilt',
    caption: 'Berechtigungen jeder Rolle, nach Smart Service gruppiert',
    allOf: 'Alle von {service}',
    deviceScoped: 'Gilt je Gerät: erfordert auch Zugriff auf das Gerät.',
    notYours: 'Sie haben diese Berechtigung selbst nicht und können sie daher nicht vergeben.',
    deprecated: 'Von ihrem Service abgekündigt: Sie erlaubt nichts mehr und kann nicht neu vergeben werden.',
  },
});

/**
 * The registered services and the catalog they make up, loaded once per page. `catalog` is every
 * permission in the services' order (for labels and counts); `services` is what the matrix groups by.
 */
export function usePermissionCatalog() {
  const query = useQuery('services', (signal) => ok(api.GET('/services', { signal })));
  const services = query.data;
  const catalog = useMemo(
    () => services?.flatMap((s) => s.permissions.map((p): CatalogPermission => ({ ...p, service: s.slug }))),
    [services],
  );
  return { catalog, services, error: query.error };
}

type Group = { slug: string; name: string; permissions: CatalogPermission[] };

/** The groups of the matrix: each service with its permissions, in the services' order. */
function useGroups(services: Service[]): Group[] {
  const text = useLocalized();
  return useMemo(
    () =>
      services
        .filter((s) => s.permissions.length > 0)
        .map((s) => ({ slug: s.slug, name: text(s.name), permissions: s.permissions.map((p) => ({ ...p, service: s.slug })) })),
    [services, text],
  );
}

/** Read-only: one column per role. `head(role)` renders a column's heading (e.g. a link). */
export function PermissionMatrix({ services, roles, head }: { services: Service[]; roles: Role[]; head?: (role: Role) => ReactNode }) {
  const t = useT(messages);
  const text = useLocalized();
  const groups = useGroups(services);
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
        {groups.map((group) => (
          <tbody key={group.slug} data-service={group.slug}>
            <tr className="service-row">
              <th scope="rowgroup" colSpan={roles.length + 1}>
                {group.name}
              </th>
            </tr>
            {group.permissions.map((p) => (
              <tr key={p.key} data-permission={p.key} className={p.deprecated ? 'deprecated' : undefined}>
                <th scope="row">
                  {text(p.label)}
                  <span className="perm-desc">{text(p.description)}</span>
                  {p.deprecated ? <span className="perm-desc">{t('deprecated')}</span> : null}
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
 * A deprecated permission can be taken away from the role, never given to it.
 */
export function PermissionPicker({
  services,
  selected,
  onChange,
  held,
  disabled,
  columnLabel,
}: {
  services: Service[];
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
  held?: ReadonlySet<string>;
  disabled?: boolean;
  columnLabel: string;
}) {
  const t = useT(messages);
  const text = useLocalized();
  const groups = useGroups(services);
  const deprecated = useMemo(
    () => new Set(services.flatMap((s) => s.permissions.filter((p) => p.deprecated).map((p) => p.key))),
    [services],
  );
  const yours = (key: string) => !held || held.has(key);
  // Checkable: held by the editor, and either active or already in the role (to take it away).
  const grantable = (key: string) => yours(key) && (!deprecated.has(key) || selected.has(key));
  const toggle = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const k of keys) if (grantable(k)) on && !deprecated.has(k) ? next.add(k) : next.delete(k);
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
        {groups.map((group) => {
          const perms = group.permissions;
          const keys = perms.filter((p) => !p.deprecated).map((p) => p.key);
          const all = keys.length > 0 && keys.every((k) => selected.has(k));
          const some = perms.some((p) => selected.has(p.key));
          const name = group.name;
          return (
            <tbody key={group.slug} data-service={group.slug}>
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
                <tr key={p.key} data-permission={p.key} className={p.deprecated ? 'deprecated' : undefined}>
                  <th scope="row">
                    <label htmlFor={`perm-${p.key}`}>{text(p.label)}</label>
                    <span className="perm-desc">{text(p.description)}</span>
                    {p.deprecated ? <span className="perm-desc">{t('deprecated')}</span> : null}
                    {yours(p.key) ? null : <span className="perm-desc">{t('notYours')}</span>}
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
