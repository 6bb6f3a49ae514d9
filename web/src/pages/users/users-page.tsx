// The Users page: the active organization's members and, greyed out in the same list, its pending
// invitations. Filter by status and role, search (debounced), sort by any column, keyset paging
// ("Load more"). Invite Member in the top bar; per row a three-dot menu with what the caller may do.
import { useEffect, useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { Member, Role } from '../../api/types.js';
import { usePagedList } from '../../api/use-query.js';
import { Button, ErrorAlert, Loading, NotAllowed, PageHeader, SelectField, TextField, LoadMore } from '../../components/ui.js';
import { defineMessages, useFormat, useT } from '../../i18n/i18n.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { fullName, useRoles } from './data.js';
import { InviteDialog } from './invite-dialog.js';
import { useMemberActions } from './member-actions.js';

const messages = defineMessages({
  en: {
    title: 'Users',
    intro: 'The people of {org}, their roles and pending invitations.',
    invite: 'Invite member',
    notAllowed:
      'Your role in {org} is {role}. Managing users needs the Admin role (or a role with “Access Smart Service” of User Management). Ask an Admin of the organization if you need it.',
    search: 'Search',
    searchHint: 'Name or e-mail',
    status: 'Status',
    role: 'Role',
    allRoles: 'All roles',
    active: 'Members',
    invited: 'Pending invitations',
    all: 'Members and invitations',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    invitedBy: 'Invited by',
    since: 'Member since',
    actions: 'Actions',
    pending: 'Invitation pending',
    none: 'Nobody matches.',
    you: 'you',
    sortBy: 'Sort by {col}',
    count: '{n} shown',
    founder: '—',
    removed: '{name} was removed.',
    changed: 'The role was changed.',
    list: 'Members of {org}',
    invitedOn: 'Invited {date}',
    expires: 'The link works until {date}.',
    neverExpires: 'The link does not expire.',
  },
  de: {
    title: 'Benutzer',
    intro: 'Die Personen in {org}, ihre Rollen und offene Einladungen.',
    invite: 'Mitglied einladen',
    notAllowed:
      'Ihre Rolle in {org} ist {role}. Für die Benutzerverwaltung braucht es die Rolle Admin (oder eine Rolle mit „Smart Service aufrufen“ der Benutzerverwaltung). Fragen Sie einen Admin der Organisation, wenn Sie das brauchen.',
    search: 'Suche',
    searchHint: 'Name oder E-Mail',
    status: 'Status',
    role: 'Rolle',
    allRoles: 'Alle Rollen',
    active: 'Mitglieder',
    invited: 'Offene Einladungen',
    all: 'Mitglieder und Einladungen',
    firstName: 'Vorname',
    lastName: 'Nachname',
    email: 'E-Mail',
    invitedBy: 'Eingeladen von',
    since: 'Mitglied seit',
    actions: 'Aktionen',
    pending: 'Einladung offen',
    none: 'Niemand passt.',
    you: 'Sie',
    sortBy: 'Nach {col} sortieren',
    count: '{n} angezeigt',
    founder: '—',
    removed: '{name} wurde entfernt.',
    changed: 'Die Rolle wurde geändert.',
    list: 'Mitglieder von {org}',
    invitedOn: 'Eingeladen am {date}',
    expires: 'Der Link gilt bis {date}.',
    neverExpires: 'Der Link läuft nicht ab.',
  },
});

type Sort = 'firstName' | 'lastName' | 'email' | 'role' | 'joinedAt';
type Status = 'all' | 'active' | 'invited';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function UsersPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { orgId, me, membership, can } = useSignedIn();
  const orgName = me.organizations.find((o) => o.id === orgId)?.name ?? '';
  if (!can('user-management:access')) {
    return (
      <>
        <PageHeader title={t('title')} />
        <NotAllowed>{t('notAllowed', { org: orgName, role: membership?.role.name ?? '—' })}</NotAllowed>
      </>
    );
  }
  return <UsersList key={orgId} orgName={orgName} />;
}

function UsersList({ orgName }: { orgName: string }) {
  const t = useT(messages);
  const { orgId, can } = useSignedIn();
  const { query: q0 } = useLocation();
  // Filters and order live in the URL, so a reload or a shared link shows the same list.
  const status = (['all', 'active', 'invited'].includes(q0.get('status') ?? '') ? q0.get('status') : 'all') as Status;
  const role = q0.get('role') ?? '';
  const sort = (q0.get('sort') ?? 'lastName') as Sort;
  const order = q0.get('order') === 'desc' ? 'desc' : 'asc';
  const setParams = (patch: Record<string, string>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    const s = next.toString();
    navigate(`/users${s ? `?${s}` : ''}`, { replace: true });
  };
  const [search, setSearch] = useState(q0.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const { roles } = useRoles(orgId);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string>();

  const list = usePagedList<Member>(`members ${orgId} ${status} ${role} ${q} ${sort} ${order}`, (cursor, signal) =>
    ok(
      api.GET('/orgs/{orgId}/members', {
        params: { path: { orgId }, query: { status, role: role || undefined, q: q || undefined, sort, order, limit: 50, cursor } },
        signal,
      }),
    ),
  );
  const { items: rows, reload } = list;

  const columns: { key: Sort | null; label: string }[] = [
    { key: 'firstName', label: t('firstName') },
    { key: 'lastName', label: t('lastName') },
    { key: 'email', label: t('email') },
    { key: 'role', label: t('role') },
    { key: null, label: t('invitedBy') },
    { key: 'joinedAt', label: t('since') },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          can('user-management:users.invite') ? (
            <Button variant="primary" onClick={() => setInviting(true)}>
              + {t('invite')}
            </Button>
          ) : null
        }
      >
        <p className="muted">{t('intro', { org: orgName })}</p>
      </PageHeader>
      <div className="toolbar" role="search">
        <TextField
          label={t('search')}
          type="search"
          placeholder={t('searchHint')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
          }}
          onBlur={() => setParams({ q: search.trim() })}
        />
        <SelectField label={t('status')} value={status} onChange={(e) => setParams({ status: e.target.value })}>
          <option value="all">{t('all')}</option>
          <option value="active">{t('active')}</option>
          <option value="invited">{t('invited')}</option>
        </SelectField>
        <SelectField label={t('role')} value={role} onChange={(e) => setParams({ role: e.target.value })}>
          <option value="">{t('allRoles')}</option>
          {(roles ?? []).map((r: Role) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
      </div>
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      <ErrorAlert error={list.error} />
      {rows === undefined && !list.error ? (
        <Loading />
      ) : rows ? (
        <>
          <div className="members-wrap">
            <table className="table members-table" aria-label={t('list', { org: orgName })} aria-busy={list.loading || undefined}>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.label}
                      scope="col"
                      aria-sort={c.key && c.key === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {c.key ? (
                        <button
                          type="button"
                          title={t('sortBy', { col: c.label })}
                          onClick={() => setParams({ sort: c.key!, order: c.key === sort && order === 'asc' ? 'desc' : 'asc' })}
                        >
                          {c.label}{' '}
                          <span aria-hidden="true" className="sort-mark">
                            {c.key === sort ? (order === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <MemberRow
                    key={m.userId ?? m.invitationId ?? m.email}
                    member={m}
                    roles={roles}
                    onChanged={(what) => {
                      if (what === 'removed') setNotice(t('removed', { name: fullName(m) }));
                      else if (what === 'role') setNotice(t('changed'));
                      reload();
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 ? <p className="empty">{t('none')}</p> : null}
          <div className="list-footer">
            <span className="muted">{t('count', { n: rows.length })}</span>
            <LoadMore list={list} inline />
          </div>
        </>
      ) : null}
      <InviteDialog open={inviting} onClose={() => setInviting(false)} roles={roles} onInvited={reload} />
    </>
  );
}

function MemberRow({
  member,
  roles,
  onChanged,
}: {
  member: Member;
  roles: Role[] | undefined;
  onChanged: (what: 'role' | 'removed' | 'invitation') => void;
}) {
  const t = useT(messages);
  const { me } = useSignedIn();
  const format = useFormat();
  const actions = useMemberActions(member, roles, onChanged, { withOpen: true });
  const pending = member.status === 'invited';
  const isMe = member.userId === me.user.id;
  // data-label: on a phone the rows are stacked as cards, each value under its column's name.
  return (
    <tr className={pending ? 'pending' : undefined}>
      {pending ? (
        <td colSpan={2} className="cell-name">
          <span className="badge badge-pending">{t('pending')}</span>
        </td>
      ) : (
        <>
          <td className="cell-name" data-label={t('firstName')}>
            <Link to={`/users/${member.userId}`}>{member.firstName}</Link>
            {isMe ? <span className="muted"> ({t('you')})</span> : null}
          </td>
          <td className="cell-name" data-label={t('lastName')}>
            {member.lastName}
          </td>
        </>
      )}
      <td className="cell-email" data-label={t('email')}>
        {member.email}
      </td>
      <td data-label={t('role')}>{member.role.name}</td>
      <td data-label={t('invitedBy')}>{member.invitedBy ? `${member.invitedBy.firstName} ${member.invitedBy.lastName}` : t('founder')}</td>
      {pending ? (
        <td
          className="muted"
          data-label={t('since')}
          title={member.expiresAt ? t('expires', { date: format.date(member.expiresAt) }) : t('neverExpires')}
        >
          {t('invitedOn', { date: format.date(member.invitedAt) })}
        </td>
      ) : (
        <td data-label={t('since')}>{format.date(member.joinedAt)}</td>
      )}
      <td className="cell-actions">
        {actions.busy ? <span className="spinner" aria-hidden="true" /> : actions.menu}
        {actions.error ? <ErrorAlert error={actions.error} /> : null}
        {actions.dialogs}
      </td>
    </tr>
  );
}
