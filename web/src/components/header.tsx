// The header of every signed-in page: the active organization (a menu to switch, searchable when
// there are many; create one; its settings), the sections, the Smart Services the member may enter,
// the language, and the user's menu.
import { useId, useState } from 'react';
import { api, ok } from '../api/client.js';
import type { OrganizationRef } from '../api/types.js';
import { defineMessages, type Lang, LANGS, useLang, usePlural, useT } from '../i18n/i18n.js';
import { Link, navigate, useLocation } from '../router.js';
import { homePath, useSession, useSignedIn } from '../session.js';
import { Button, Dialog, ErrorAlert, Form, TextField, useAction, useFieldErrors } from './ui.js';
import { usePopup } from './popup.js';
import { ServicesNav } from './services-nav.js';

const messages = defineMessages({
  en: {
    skip: 'Skip to content',
    organization: 'Organization',
    switchTo: 'Switch organization',
    search: 'Search organizations',
    noMatch: 'No organization matches.',
    create: 'Create organization',
    settings: 'Organization settings',
    users: 'Users',
    roles: 'Roles',
    devices: 'Devices',
    audit: 'Audit log',
    account: 'Account menu',
    profile: 'Profile',
    security: 'Security',
    invitations: 'My invitations',
    signOut: 'Sign out',
    language: 'Language',
    newName: 'Name of the new organization',
    createHint: 'You will be its Admin. You can invite colleagues right after.',
    cancel: 'Cancel',
    main: 'Main navigation',
    'pending.one': '1 pending invitation',
    'pending.other': '{n} pending invitations',
  },
  de: {
    skip: 'Zum Inhalt springen',
    organization: 'Organisation',
    switchTo: 'Organisation wechseln',
    search: 'Organisationen durchsuchen',
    noMatch: 'Keine Organisation passt.',
    create: 'Organisation erstellen',
    settings: 'Organisationseinstellungen',
    users: 'Benutzer',
    roles: 'Rollen',
    devices: 'Geräte',
    audit: 'Protokoll',
    account: 'Kontomenü',
    profile: 'Profil',
    security: 'Sicherheit',
    invitations: 'Meine Einladungen',
    signOut: 'Abmelden',
    language: 'Sprache',
    newName: 'Name der neuen Organisation',
    createHint: 'Sie werden ihr Admin. Danach können Sie gleich Kollegen einladen.',
    cancel: 'Abbrechen',
    main: 'Hauptnavigation',
    'pending.one': '1 offene Einladung',
    'pending.other': '{n} offene Einladungen',
  },
});

function OrgSwitcher() {
  const t = useT(messages);
  const { me } = useSignedIn();
  const { switchOrganization } = useSession();
  const popup = usePopup();
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const listId = useId();
  const active = me.organizations.find((o) => o.id === me.activeOrganizationId);
  const shown = me.organizations.filter((o) => o.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const pick = async (org: OrganizationRef) => {
    popup.setOpen(false);
    popup.button.current?.focus();
    // A page of the previous organization (a member, a device) means nothing in the next one.
    if (org.id !== me.activeOrganizationId) navigate(homePath(await switchOrganization(org.id)));
  };
  return (
    <div className="org-switcher" ref={popup.root} onKeyDown={popup.onKeyDown}>
      <button
        type="button"
        ref={popup.button}
        className="org-button"
        aria-haspopup="true"
        aria-expanded={popup.open}
        aria-controls={listId}
        onClick={() => popup.setOpen(!popup.open)}
        title={t('switchTo')}
        aria-label={active ? `${t('switchTo')}: ${active.name} (${active.role.name})` : t('switchTo')}
      >
        <span className="org-label">
          {t('organization')}
          {active ? (
            <>
              {' '}
              · <span className="org-role">{active.role.name}</span>
            </>
          ) : null}
        </span>
        <span className="org-name">{active?.name ?? '—'}</span>
        <span className="org-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {popup.open ? (
        <div className="menu org-menu" id={listId}>
          {me.organizations.length > 5 ? (
            <input
              className="menu-search"
              type="search"
              autoFocus
              placeholder={t('search')}
              aria-label={t('search')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          ) : null}
          <ul aria-label={t('switchTo')}>
            {shown.map((org) => (
              <li key={org.id}>
                <button
                  type="button"
                  className={org.id === me.activeOrganizationId ? 'menu-item current' : 'menu-item'}
                  aria-current={org.id === me.activeOrganizationId || undefined}
                  onClick={() => void pick(org)}
                >
                  <span>{org.name}</span>
                  <span className="muted">{org.role.name}</span>
                </button>
              </li>
            ))}
            {shown.length === 0 ? <li className="muted menu-empty">{t('noMatch')}</li> : null}
          </ul>
          <hr />
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              popup.setOpen(false);
              setCreating(true);
            }}
          >
            + {t('create')}
          </button>
          <Link className="menu-item" to="/settings" onClick={() => popup.setOpen(false)}>
            {t('settings')}
          </Link>
        </div>
      ) : null}
      <CreateOrganizationDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function CreateOrganizationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(messages);
  const { switchOrganization } = useSession();
  const [name, setName] = useState('');
  const action = useAction(async () => {
    const org = await ok(api.POST('/orgs', { body: { name: name.trim() } }));
    const session = await switchOrganization(org.id);
    setName('');
    onClose();
    navigate(homePath(session));
  });
  const errors = useFieldErrors(action.error);
  return (
    <Dialog open={open} title={t('create')} onClose={onClose}>
      <Form
        error={action.error}
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <TextField
          label={t('newName')}
          hint={t('createHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          autoFocus
          error={errors.field('name')}
        />
        <ErrorAlert error={errors.general} />
        <div className="dialog-footer">
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="submit" variant="primary" busy={action.busy}>
            {t('create')}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

function UserMenu() {
  const t = useT(messages);
  const tp = usePlural(messages);
  const { me, pendingInvitations } = useSignedIn();
  const { signOut } = useSession();
  const popup = usePopup();
  const initials = `${me.user.firstName[0] ?? ''}${me.user.lastName[0] ?? ''}`.toUpperCase();
  const pending = pendingInvitations > 0 ? tp('pending', pendingInvitations) : undefined;
  return (
    <div className="user-menu" ref={popup.root} onKeyDown={popup.onKeyDown}>
      <button
        type="button"
        ref={popup.button}
        className="avatar"
        aria-haspopup="true"
        aria-expanded={popup.open}
        aria-label={pending ? `${t('account')} (${pending})` : t('account')}
        title={`${me.user.firstName} ${me.user.lastName}`}
        onClick={() => popup.setOpen(!popup.open)}
      >
        {initials}
        {pending ? (
          <span className="avatar-badge" aria-hidden="true">
            {pendingInvitations}
          </span>
        ) : null}
      </button>
      {popup.open ? (
        <div className="menu user-dropdown">
          <div className="menu-who">
            <strong>
              {me.user.firstName} {me.user.lastName}
            </strong>
            <span className="muted menu-email">{me.user.email}</span>
          </div>
          <Link className="menu-item" to="/profile" onClick={() => popup.setOpen(false)}>
            {t('profile')}
          </Link>
          <Link className="menu-item" to="/profile/security" onClick={() => popup.setOpen(false)}>
            {t('security')}
          </Link>
          <Link
            className="menu-item"
            to="/invitations"
            onClick={() => popup.setOpen(false)}
            aria-label={pending ? `${t('invitations')} (${pending})` : undefined}
          >
            <span>{t('invitations')}</span>
            {pending ? (
              <span className="badge badge-count" aria-hidden="true">
                {pendingInvitations}
              </span>
            ) : null}
          </Link>
          <button type="button" className="menu-item" onClick={() => void signOut().then(() => navigate('/login'))}>
            {t('signOut')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function LanguageSwitch() {
  const t = useT(messages);
  const { lang, setLang } = useLang();
  const { session, refresh } = useSession();
  // Signed in, the choice is also the account's language, so that its mails follow. The UI has
  // switched already; should saving fail, the profile page still offers to save it.
  const choose = (l: Lang) => {
    setLang(l);
    if (!session || session.me.user.locale === l) return;
    void ok(api.PATCH('/me', { body: { locale: l } }))
      .then(() => refresh())
      .catch(() => undefined);
  };
  return (
    <div className="lang-switch" role="group" aria-label={t('language')}>
      {LANGS.map((l) => (
        <button type="button" key={l} className={l === lang ? 'current' : ''} aria-pressed={l === lang} onClick={() => choose(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function Header() {
  const t = useT(messages);
  const { path } = useLocation();
  const { can, ...session } = useSignedIn();
  // Only the sections this member can open: Users and the audit log need "Access Smart Service" of
  // the User Management Service (what the API checks); every member may view roles and devices.
  // Held at enrolment (the organization requires a second factor): none of its sections would open.
  const manageUsers = can('user-management:access');
  const held = session.mfaHold;
  const sections: { to: string; label: string; show: boolean }[] = [
    { to: '/users', label: t('users'), show: manageUsers },
    { to: '/roles', label: t('roles'), show: !held },
    { to: '/devices', label: t('devices'), show: !held },
    { to: '/audit', label: t('audit'), show: manageUsers },
  ];
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <Link className="brand" to={homePath(session)}>
        Gatehouse
      </Link>
      <OrgSwitcher />
      <nav aria-label={t('main')}>
        {sections
          .filter((s) => s.show)
          .map((s) => (
            <Link
              key={s.to}
              to={s.to}
              className={path === s.to || path.startsWith(`${s.to}/`) ? 'nav-link current' : 'nav-link'}
              aria-current={path === s.to ? 'page' : undefined}
            >
              {s.label}
            </Link>
          ))}
      </nav>
      {held ? null : <ServicesNav />}
      <div className="header-end">
        <LanguageSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
