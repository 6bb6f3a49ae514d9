// The audit log: every change to members, roles, invitations, devices, device access and the
// organization's settings, newest first, filtered by action and actor, paged with "Load more".
//
// Decision: the page is open to whoever holds `user-management:access` — what the API asks for.
// Among the built-in roles that is only Admin; a custom role may grant it too. Actors are named
// from the member list (same permission); someone who has left shows as their id.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, query, type Page } from '../api.js';
import { Button, ErrorAlert, Loading, NotAllowed, PageHeader, SelectField } from '../components/ui.js';
import { defineMessages, useFormat, useT } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { useSignedIn } from '../session.js';
import { usePagedList } from './paged-list.js';
import { AUDIT_ACTION_WORDS as actionWords, AUDIT_ACTIONS as ACTIONS, type AuditAction as Action } from '../i18n/audit-actions.js';
import './pages.css';

// Field names of before/after in words (others show as the API names them).
const fieldWords = defineMessages({
  en: {
    name: 'Name', companyName: 'Company name', street: 'Street', postalCode: 'Postal code', city: 'City', country: 'Country', vatId: 'VAT ID', billingEmail: 'Billing e-mail',
    role: 'Role', roleId: 'Role', permissions: 'Permissions', description: 'Description', location: 'Location', tags: 'Tags', uuid: 'UUID', email: 'E-mail',
    allDevices: 'All devices', deviceIds: 'Devices', delivery: 'Delivery', status: 'Status',
  },
  de: {
    name: 'Name', companyName: 'Firmenname', street: 'Straße', postalCode: 'Postleitzahl', city: 'Ort', country: 'Land', vatId: 'USt-IdNr.', billingEmail: 'E-Mail für Rechnungen',
    role: 'Rolle', roleId: 'Rolle', permissions: 'Berechtigungen', description: 'Beschreibung', location: 'Standort', tags: 'Tags', uuid: 'UUID', email: 'E-Mail',
    allDevices: 'Alle Geräte', deviceIds: 'Geräte', delivery: 'Zustellung', status: 'Status',
  },
});
type FieldKey = keyof typeof fieldWords.en;

const messages = defineMessages({
  en: {
    title: 'Audit log', intro: 'Every change to members, roles, invitations, devices, device access and the organization’s settings, newest first. Entries cannot be changed or removed.',
    notAllowed: 'The audit log is for Admins: it needs the permission “Access Smart Service” of the User Management Service, which your role in this organization does not include.',
    action: 'Action', actor: 'Who', anyAction: 'All actions', anyone: 'Everyone', time: 'When', target: 'What', change: 'Change', more: 'Load more',
    none: 'No entries.', noMatch: 'No entry matches these filters.', system: 'Gatehouse (automatic)', you: '{name} (you)',
    organization: 'Organization', member: 'Member', role: 'Role', user: 'User', invitation: 'Invitation', device: 'Device', empty: '(empty)', filters: 'Filters',
  },
  de: {
    title: 'Protokoll', intro: 'Jede Änderung an Mitgliedern, Rollen, Einladungen, Geräten, Gerätezugriff und Organisationseinstellungen, die neueste zuerst. Einträge können nicht geändert oder entfernt werden.',
    notAllowed: 'Das Protokoll ist für Admins: Es erfordert die Berechtigung „Smart Service aufrufen“ des User Management Service, die Ihre Rolle in dieser Organisation nicht umfasst.',
    action: 'Aktion', actor: 'Wer', anyAction: 'Alle Aktionen', anyone: 'Alle', time: 'Wann', target: 'Was', change: 'Änderung', more: 'Mehr laden',
    none: 'Keine Einträge.', noMatch: 'Kein Eintrag passt zu diesen Filtern.', system: 'Gatehouse (automatisch)', you: '{name} (Sie)',
    organization: 'Organisation', member: 'Mitglied', role: 'Rolle', user: 'Benutzer', invitation: 'Einladung', device: 'Gerät', empty: '(leer)', filters: 'Filter',
  },
});

interface AuditEvent {
  id: string;
  action: string;
  actorId: string | null;
  target: { type: string; id: string } | null;
  before: unknown;
  after: unknown;
  details: unknown;
  requestId: string | null;
  createdAt: string;
}
interface Member {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
}

const TARGET_TYPES = new Set(['organization', 'member', 'role', 'user', 'invitation', 'device']);

export function AuditPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { can } = useSignedIn();
  if (!can('user-management:access')) {
    return <><PageHeader title={t('title')} /><NotAllowed>{t('notAllowed')}</NotAllowed></>;
  }
  return <AuditLog />;
}

function AuditLog() {
  const t = useT(messages);
  const words = useT(actionWords);
  const fmt = useFormat();
  const { orgId, me } = useSignedIn();
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const list = usePagedList<AuditEvent>(`/orgs/${orgId}/audit-events${query({ action, actorId, limit: 50 })}`);

  useEffect(() => {
    // Names for the actor column and filter (the first 200 members by last name is plenty for a filter).
    api.get<Page<Member>>(`/orgs/${orgId}/members${query({ status: 'active', sort: 'lastName', limit: 200 })}`).then((p) => setMembers(p.items), () => setMembers([]));
  }, [orgId]);
  const names = useMemo(() => new Map(members.map((m) => [m.userId, `${m.firstName} ${m.lastName}`.trim() || m.email])), [members]);
  const actorName = (id: string | null) => {
    if (!id) return t('system');
    const name = id === me.user.id ? `${me.user.firstName} ${me.user.lastName}` : names.get(id);
    if (!name) return id;
    return id === me.user.id ? t('you', { name }) : name;
  };
  const actionText = (a: string) => ((ACTIONS as readonly string[]).includes(a) ? words(a as Action) : a);
  const filtered = action !== '' || actorId !== '';

  return (
    <>
      <PageHeader title={t('title')}><p className="muted">{t('intro')}</p></PageHeader>
      <div className="toolbar" role="group" aria-label={t('filters')}>
        <SelectField label={t('action')} value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">{t('anyAction')}</option>
          {ACTIONS.map((a) => <option key={a} value={a}>{words(a)}</option>)}
        </SelectField>
        <SelectField label={t('actor')} value={actorId} onChange={(e) => setActorId(e.target.value)}>
          <option value="">{t('anyone')}</option>
          {members.map((m) => <option key={m.userId} value={m.userId}>{names.get(m.userId)} ({m.email})</option>)}
        </SelectField>
      </div>
      <ErrorAlert error={list.error} />
      {list.items === undefined ? (
        list.error ? null : <Loading />
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t('noMatch') : t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={list.loading || undefined}>
            <thead>
              <tr>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('actor')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('change')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((ev) => (
                <tr key={ev.id} data-action={ev.action}>
                  <td className="nowrap">{fmt.dateTime(ev.createdAt)}</td>
                  <td>{actorName(ev.actorId)}</td>
                  <td>{actionText(ev.action)}</td>
                  <td><Target event={ev} names={names} /></td>
                  <td className="audit-change"><Change before={ev.before} after={ev.after} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.next ? (
        <div className="load-more">
          <Button busy={list.loadingMore} onClick={() => void list.loadMore()}>{t('more')}</Button>
        </div>
      ) : null}
    </>
  );
}

/** The target's kind and, where the event carries one, its name; members and devices link to their page. */
function Target({ event, names }: { event: AuditEvent; names: Map<string, string> }) {
  const t = useT(messages);
  const { orgId, me } = useSignedIn();
  if (!event.target) return <>—</>;
  const { type, id } = event.target;
  const current = type === 'organization' && id === orgId ? me.organizations.find((o) => o.id === orgId)?.name : undefined;
  const label = TARGET_TYPES.has(type) ? t(type as 'device') : type;
  const named = nameIn(event.after) ?? nameIn(event.before) ?? current ?? (type === 'member' || type === 'user' ? names.get(id) : undefined) ?? emailIn(event.after) ?? emailIn(event.before);
  const text = named ? `${label}: ${named}` : `${label} ${id}`;
  if (type === 'device' && event.action !== 'device.deleted') return <Link to={`/devices/${id}`}>{text}</Link>;
  if (type === 'role' && event.action !== 'role.deleted') return <Link to={`/roles/${id}`}>{text}</Link>;
  return <>{text}</>;
}

const nameIn = (v: unknown) => (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' ? (v as { name: string }).name : undefined);
const emailIn = (v: unknown) => (v && typeof v === 'object' && typeof (v as { email?: unknown }).email === 'string' ? (v as { email: string }).email : undefined);

/** A short before → after of the fields that changed (objects one level deep; lists joined). */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const t = useT(messages);
  const fw = useT(fieldWords);
  const field = (k: string) => (k in fieldWords.en ? fw(k as FieldKey) : k);
  const show = (v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '') return <span className="muted">{t('empty')}</span>;
    if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : <span className="muted">{t('empty')}</span>;
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (before == null && after == null) return <>—</>;
  if (isObj(before) || isObj(after)) {
    const b = isObj(before) ? before : {};
    const a = isObj(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) || before == null || after == null);
    if (keys.length === 0) return <>—</>;
    return (
      <ul>
        {keys.slice(0, 8).map((k) => (
          <li key={k}>
            <strong>{field(k)}</strong>:{' '}
            {before != null && k in b ? <><del>{show(b[k])}</del>{after != null ? ' → ' : ''}</> : null}
            {after != null && k in a ? <ins>{show(a[k])}</ins> : null}
          </li>
        ))}
        {keys.length > 8 ? <li className="muted">…</li> : null}
      </ul>
    );
  }
  return <><del>{show(before)}</del> → <ins>{show(after)}</ins></>;
}
