// The audit log: every change to members, roles, invitations, devices, device access and the
// organization's settings, newest first, filtered by action and actor, paged with "Load more",
// each change in words (audit-words.tsx).
//
// Decision: the page is open to whoever holds `user-management:access` — what the API asks for.
// Among the built-in roles that is only Admin; a custom role may grant it too. The names come from
// what the page can load today (members, devices, roles, invitations, the permission catalog) and
// from the events themselves, which carry the names as they were at the event (`actor`,
// `target.name`, `deviceNames`): a member who has left keeps their name. Events recorded before the
// service kept names fall back to "a former member".
import { useMemo, useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { AuditEvent, Invitation, Member } from '../../api/types.js';
import { usePagedList, useQuery } from '../../api/use-query.js';
import { ErrorAlert, Loading, NotAllowed, PageHeader, SelectField, LoadMore } from '../../components/ui.js';
import { defineMessages, useFormat, useLocalized, useT } from '../../i18n/i18n.js';
import { AUDIT_ACTION_WORDS as actionWords, AUDIT_ACTIONS as ACTIONS } from '../../i18n/audit-actions.js';
import { useSignedIn } from '../../session.js';
import { usePermissionCatalog } from '../permission-matrix.js';
import { loadAllDevices, useRoles } from '../users/data.js';
import { AuditChange, AuditTarget, useActionWords, type Names } from './audit-words.js';
import '../pages.css';

const messages = defineMessages({
  en: {
    title: 'Audit log',
    intro:
      'Every change to members, roles, invitations, devices, device access and the organization’s settings, newest first. Entries cannot be changed or removed.',
    notAllowed:
      'The audit log is for Admins: it needs the permission “Access Smart Service” of the User Management Service, which your role in this organization does not include.',
    action: 'Action',
    actor: 'Who',
    anyAction: 'All actions',
    anyone: 'Everyone',
    time: 'When',
    target: 'What',
    change: 'Change',
    none: 'No entries.',
    noMatch: 'No entry matches these filters.',
    system: 'Gatehouse (automatic)',
    you: '{name} (you)',
    formerMember: 'A former member',
    filters: 'Filters',
  },
  de: {
    title: 'Protokoll',
    intro:
      'Jede Änderung an Mitgliedern, Rollen, Einladungen, Geräten, Gerätezugriff und Organisationseinstellungen, die neueste zuerst. Einträge können nicht geändert oder entfernt werden.',
    notAllowed:
      'Das Protokoll ist für Admins: Es erfordert die Berechtigung „Smart Service aufrufen“ des User Management Service, die Ihre Rolle in dieser Organisation nicht umfasst.',
    action: 'Aktion',
    actor: 'Wer',
    anyAction: 'Alle Aktionen',
    anyone: 'Alle',
    time: 'Wann',
    target: 'Was',
    change: 'Änderung',
    none: 'Keine Einträge.',
    noMatch: 'Kein Eintrag passt zu diesen Filtern.',
    system: 'Gatehouse (automatisch)',
    you: '{name} (Sie)',
    formerMember: 'Ein ehemaliges Mitglied',
    filters: 'Filter',
  },
});

export function AuditPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { can } = useSignedIn();
  if (!can('user-management:access')) {
    return (
      <>
        <PageHeader title={t('title')} />
        <NotAllowed>{t('notAllowed')}</NotAllowed>
      </>
    );
  }
  return <AuditLog />;
}

const full = (p: { firstName: string | null; lastName: string | null; email: string }) =>
  `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim() || p.email;

/**
 * What the page can name. Each source is optional: a role with the audit log but without "View
 * devices" simply sees "a deleted device"-style fallbacks for devices, never an error.
 */
function useNames(orgId: string, events: AuditEvent[] | undefined): { names: Names; members: Member[] } {
  const quiet = <T,>(p: Promise<T>) => p.catch(() => undefined);
  const members = useQuery(`audit-members ${orgId}`, (signal) =>
    quiet(
      ok(
        api.GET('/orgs/{orgId}/members', {
          params: { path: { orgId }, query: { status: 'active', sort: 'lastName', order: 'asc', limit: 200 } },
          signal,
        }),
      ),
    ),
  );
  const invitations = useQuery(`audit-invitations ${orgId}`, (signal) =>
    quiet(ok(api.GET('/orgs/{orgId}/invitations', { params: { path: { orgId }, query: { status: 'all', limit: 200 } }, signal }))),
  );
  const devices = useQuery(`audit-devices ${orgId}`, (signal) => quiet(loadAllDevices(orgId, signal)));
  const { roles } = useRoles(orgId);
  const { catalog } = usePermissionCatalog();
  const text = useLocalized();

  return useMemo(() => {
    const memberNames = new Map((members.data?.items ?? []).map((m) => [m.userId ?? '', full(m)]));
    const invitationEmails = new Map((invitations.data?.items ?? []).map((i: Invitation) => [i.id, i.email]));
    const deviceNames = new Map((devices.data ?? []).map((d) => [d.id, d.name]));
    const roleNames = new Map((roles ?? []).map((r) => [r.id, r.name]));
    const live = { device: new Set(deviceNames.keys()), role: new Set(roleNames.keys()) };
    const acceptedBy = new Map<string, string>();
    // Names as recorded at the event, newest first (a live member's current name wins over them).
    const recordedMembers = new Map<string, string>();
    for (const ev of events ?? []) {
      if (ev.actor?.name && !recordedMembers.has(ev.actor.id)) recordedMembers.set(ev.actor.id, ev.actor.name);
      const targetName = ev.target?.name;
      if (
        (ev.target?.type === 'member' || ev.target?.type === 'user') &&
        typeof targetName === 'string' &&
        !recordedMembers.has(ev.target.id)
      )
        recordedMembers.set(ev.target.id, targetName);
      for (const [id, name] of Object.entries(ev.deviceNames ?? {}))
        if (typeof name === 'string' && !deviceNames.has(id)) deviceNames.set(id, name);
      if (ev.target?.type === 'device' && typeof targetName === 'string' && !deviceNames.has(ev.target.id))
        deviceNames.set(ev.target.id, targetName);
    }
    // The events carry the names of what they created, changed or deleted: a deleted device is named
    // by its own `device.deleted` event, a member who joined by invitation by that invitation's address.
    for (const ev of [...(events ?? [])].reverse()) {
      const after = (ev.after ?? {}) as Record<string, unknown>;
      const before = (ev.before ?? {}) as Record<string, unknown>;
      const name = typeof after.name === 'string' ? after.name : typeof before.name === 'string' ? before.name : undefined;
      const email = typeof after.email === 'string' ? after.email : typeof before.email === 'string' ? before.email : undefined;
      if (ev.target?.type === 'device' && name && !deviceNames.has(ev.target.id)) deviceNames.set(ev.target.id, name);
      if (ev.target?.type === 'role' && name && !roleNames.has(ev.target.id)) roleNames.set(ev.target.id, name);
      if (ev.target?.type === 'invitation' && email && !invitationEmails.has(ev.target.id)) invitationEmails.set(ev.target.id, email);
      if (ev.action === 'invitation.accepted' && ev.target && typeof after.userId === 'string') acceptedBy.set(after.userId, ev.target.id);
    }
    const labels = new Map((catalog ?? []).map((p) => [p.key, text(p.label)]));
    const names: Names = {
      member: (id) => memberNames.get(id) ?? recordedMembers.get(id) ?? invitationEmails.get(acceptedBy.get(id) ?? ''),
      device: (id) => deviceNames.get(id),
      role: (id) => roleNames.get(id),
      invitation: (id) => invitationEmails.get(id),
      permission: (key) => labels.get(key),
      exists: (type, id) => live[type].has(id),
    };
    return { names, members: members.data?.items ?? [] };
  }, [members.data, invitations.data, devices.data, roles, catalog, events, text]);
}

function AuditLog() {
  const t = useT(messages);
  const words = useT(actionWords);
  const actionText = useActionWords();
  const fmt = useFormat();
  const { orgId, orgName, me } = useSignedIn();
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState('');
  const list = usePagedList<AuditEvent>(`audit ${orgId} ${action} ${actorId}`, (cursor, signal) =>
    ok(
      api.GET('/orgs/{orgId}/audit-events', {
        params: { path: { orgId }, query: { action: action || undefined, actorId: actorId || undefined, limit: 50, cursor } },
        signal,
      }),
    ),
  );
  const { names, members } = useNames(orgId, list.items);
  const actorName = (id: string | null) => {
    if (!id) return t('system');
    if (id === me.user.id) return t('you', { name: `${me.user.firstName} ${me.user.lastName}` });
    return names.member(id) ?? t('formerMember');
  };
  const filtered = action !== '' || actorId !== '';

  return (
    <>
      <PageHeader title={t('title')}>
        <p className="muted">{t('intro')}</p>
      </PageHeader>
      <div className="toolbar" role="group" aria-label={t('filters')}>
        <SelectField label={t('action')} value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">{t('anyAction')}</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {words(a)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('actor')} value={actorId} onChange={(e) => setActorId(e.target.value)}>
          <option value="">{t('anyone')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId ?? ''}>
              {full(m)} ({m.email})
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert error={list.error} />
      {list.items === undefined ? (
        list.error ? null : (
          <Loading />
        )
      ) : list.items.length === 0 ? (
        <p className="empty">{filtered ? t('noMatch') : t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table audit-table" aria-busy={list.loading || undefined}>
            <colgroup>
              <col className="audit-col-time" />
              <col className="audit-col-actor" />
              <col className="audit-col-action" />
              <col className="audit-col-target" />
              <col />
            </colgroup>
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
                  <td>{fmt.dateTime(ev.createdAt)}</td>
                  <td>{actorName(ev.actorId)}</td>
                  <td>{actionText(ev)}</td>
                  <td>
                    <AuditTarget event={ev} names={names} orgName={ev.target?.id === orgId ? orgName : undefined} />
                  </td>
                  <td className="audit-change">
                    <AuditChange event={ev} names={names} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </>
  );
}
