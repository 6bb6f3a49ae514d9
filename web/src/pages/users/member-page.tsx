// One member: Overview (who, role, since, invited by; change role, remove), Devices (all devices
// or a chosen set; Admins always have all), then one tab per resource type of the Smart Services
// (all of the type, or a chosen set from the tree). The tab is kept in the URL (`?tab=devices`,
// `?tab=tsd:dashboard`).
import { useState, type KeyboardEvent } from 'react';
import { api, ok } from '../../api/client.js';
import type { DeviceAccess, MemberDetail } from '../../api/types.js';
import { useQuery } from '../../api/use-query.js';
import { Button, ErrorAlert, Form, Loading, NotAllowed, Notice, PageHeader, useAction, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useFormat, usePlural, useT } from '../../i18n/i18n.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { fullName, useDevices, useRoles } from './data.js';
import { DeviceAccessEditor } from './device-access-editor.js';
import { ResourceAccessEditor } from './resource-access-editor.js';
import { resourceTypesOf, typeLabel, useAccess, useResources, useTypeNames, type TypeAccess } from './resources-data.js';
import { useLang } from '../../i18n/i18n.js';
import { useMemberActions } from './member-actions.js';

const messages = defineMessages({
  en: {
    back: '← Users',
    overview: 'Overview',
    devices: 'Devices',
    email: 'E-mail',
    role: 'Role',
    since: 'Member since',
    invitedBy: 'Invited by',
    founder: "Nobody (founded the organization or the inviter's account is gone)",
    changeRole: 'Change role',
    remove: 'Remove user',
    tabs: 'Member details',
    gone: 'This person is not a member of this organization (any more).',
    adminAll:
      '{name} is an Admin: Admins always have access to every device, present and future. To limit their devices, give them another role first.',
    save: 'Save device access',
    saved: 'Device access saved. It applies from their next click.',
    readOnly: 'Only Admins can change device access.',
    readOnlyOwn: 'Only an Admin can change your own device access.',
    summaryAll: 'Access to all devices, including devices added later.',
    'summarySome.one': 'Access to 1 selected device.',
    'summarySome.other': 'Access to {n} selected devices.',
    removed: '{name} was removed.',
    adminAllResources: '{name} is an Admin: Admins always have access to everything. To limit it, give them another role first.',
    saveAccess: 'Save access',
    savedAccess: "Access saved. It applies from the person's next click.",
    readOnlyAccess: 'Only Admins can change access.',
    readOnlyOwnAccess: 'Only an Admin can change your own access.',
    notAllowed: 'Your role does not allow viewing other members. Ask an Admin of the organization.',
  },
  de: {
    back: '← Benutzer',
    overview: 'Übersicht',
    devices: 'Geräte',
    email: 'E-Mail',
    role: 'Rolle',
    since: 'Mitglied seit',
    invitedBy: 'Eingeladen von',
    founder: 'Niemand (hat die Organisation gegründet oder das Konto der einladenden Person gibt es nicht mehr)',
    changeRole: 'Rolle ändern',
    remove: 'Benutzer entfernen',
    tabs: 'Mitgliedsdetails',
    gone: 'Diese Person ist (nicht mehr) Mitglied dieser Organisation.',
    adminAll:
      '{name} ist Admin: Admins haben immer Zugriff auf alle Geräte, auch künftige. Um die Geräte einzuschränken, geben Sie zuerst eine andere Rolle.',
    save: 'Gerätezugriff speichern',
    saved: 'Gerätezugriff gespeichert. Er gilt ab dem nächsten Klick der Person.',
    readOnly: 'Nur Admins können den Gerätezugriff ändern.',
    readOnlyOwn: 'Nur ein Admin kann Ihren eigenen Gerätezugriff ändern.',
    summaryAll: 'Zugriff auf alle Geräte, auch später hinzugefügte.',
    'summarySome.one': 'Zugriff auf 1 ausgewähltes Gerät.',
    'summarySome.other': 'Zugriff auf {n} ausgewählte Geräte.',
    removed: '{name} wurde entfernt.',
    adminAllResources: '{name} ist Admin: Admins haben immer Zugriff auf alles. Um ihn einzuschränken, geben Sie zuerst eine andere Rolle.',
    saveAccess: 'Zugriff speichern',
    savedAccess: 'Zugriff gespeichert. Er gilt ab dem nächsten Klick der Person.',
    readOnlyAccess: 'Nur Admins können den Zugriff ändern.',
    readOnlyOwnAccess: 'Nur ein Admin kann Ihren eigenen Zugriff ändern.',
    notAllowed: 'Ihre Rolle erlaubt nicht, andere Mitglieder anzusehen. Fragen Sie einen Admin der Organisation.',
  },
});

export function MemberPage({ params }: { params: Record<string, string> }) {
  const t = useT(messages);
  const { orgId, can, me } = useSignedIn();
  const userId = params.userId ?? '';
  const allowed = can('user-management:access') || userId === me.user.id;
  const query = useQuery<MemberDetail>(allowed ? `member ${orgId} ${userId}` : null, (signal) =>
    ok(api.GET('/orgs/{orgId}/members/{userId}', { params: { path: { orgId, userId } }, signal })),
  );

  if (!allowed)
    return (
      <>
        <PageHeader title={t('overview')} />
        <NotAllowed>{t('notAllowed')}</NotAllowed>
      </>
    );
  if (query.error)
    return (
      <>
        <p>
          <Link to="/users">{t('back')}</Link>
        </p>
        <ErrorAlert error={query.error} />
      </>
    );
  if (!query.data) return <Loading />;
  return <MemberView key={`${orgId}:${userId}`} member={query.data} reload={query.reload} />;
}

function MemberView({ member, reload }: { member: MemberDetail; reload: () => void }) {
  const t = useT(messages);
  const tp = usePlural(messages);
  const format = useFormat();
  const { orgId } = useSignedIn();
  const { query } = useLocation();
  const { roles } = useRoles(orgId);
  const { lang } = useLang();
  const typeNames = useTypeNames();
  const { access: memberAccess, reload: reloadAccess } = useAccess(orgId, member.userId ?? '');
  const types = resourceTypesOf(memberAccess);
  const tabs = ['overview', 'devices', ...types];
  const asked = query.get('tab') ?? 'overview';
  const tab = tabs.includes(asked) ? asked : 'overview';
  const name = fullName(member);
  const actions = useMemberActions(member, roles, (what) => {
    if (what === 'removed') navigate('/users');
    else reload();
  });
  const setTab = (next: string) =>
    navigate(`/users/${member.userId}${next === 'overview' ? '' : `?tab=${encodeURIComponent(next)}`}`, { replace: true });
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const i = tabs.indexOf(tab);
      const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
      setTab(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };
  const tabLabel = (k: string) => (k === 'overview' || k === 'devices' ? t(k) : typeLabel(k, typeNames, lang));
  const changeRole = actions.items.some((i) => i.label === t('changeRole'));
  const remove = actions.items.some((i) => i.label === t('remove'));
  return (
    <>
      <p>
        <Link to="/users">{t('back')}</Link>
      </p>
      <PageHeader
        title={name}
        actions={
          <>
            {changeRole ? <Button onClick={actions.openRole}>{t('changeRole')}</Button> : null}
            {remove ? (
              <Button variant="danger" onClick={actions.openRemove}>
                {t('remove')}
              </Button>
            ) : null}
          </>
        }
      >
        <p className="muted">
          {member.email} · {member.role.name}
        </p>
      </PageHeader>
      <div className="tabs" role="tablist" aria-label={t('tabs')} onKeyDown={onTabKey}>
        {tabs.map((k) => (
          <button
            key={k}
            id={`tab-${k}`}
            type="button"
            role="tab"
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            onClick={() => setTab(k)}
          >
            {tabLabel(k)}
          </button>
        ))}
      </div>
      {tab === 'overview' ? (
        <section id="panel-overview" role="tabpanel" aria-labelledby="tab-overview" className="card">
          <dl className="facts">
            <dt>{t('email')}</dt>
            <dd>{member.email}</dd>
            <dt>{t('role')}</dt>
            <dd>{member.role.name}</dd>
            <dt>{t('since')}</dt>
            <dd>{format.date(member.joinedAt)}</dd>
            <dt>{t('invitedBy')}</dt>
            <dd>{member.invitedBy ? `${member.invitedBy.firstName} ${member.invitedBy.lastName}` : t('founder')}</dd>
            <dt>{t('devices')}</dt>
            <dd>
              {member.role.id === 'admin' || member.deviceAccess.allDevices
                ? t('summaryAll')
                : tp('summarySome', member.deviceAccess.deviceIds.length)}
            </dd>
          </dl>
        </section>
      ) : tab === 'devices' ? (
        <section id="panel-devices" role="tabpanel" aria-labelledby="tab-devices" className="card">
          <DevicesTab member={member} onSaved={reload} />
        </section>
      ) : (
        <section id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="card">
          <ResourceTab
            key={tab}
            member={member}
            type={tab}
            label={tabLabel(tab)}
            value={memberAccess?.[tab] ?? { all: false, ids: [] }}
            onSaved={reloadAccess}
          />
        </section>
      )}
      {actions.dialogs}
    </>
  );
}

function DevicesTab({ member, onSaved }: { member: MemberDetail; onSaved: () => void }) {
  const t = useT(messages);
  const { orgId, can, isAdmin, me, membership } = useSignedIn();
  const name = fullName(member);
  const isAdminMember = member.role.id === 'admin';
  const [access, setAccess] = useState<DeviceAccess>(member.deviceAccess);
  const [saved, setSaved] = useState(false);
  const { devices, error } = useDevices(orgId, !isAdminMember);
  // Nobody but an Admin changes their own device access (the API refuses it: authz.device_escalation).
  const own = member.userId === me.user.id;
  const editable = can('user-management:users.device-access') && (isAdmin || !own);
  // "All devices" only from an Admin or a holder of all devices, or kept for someone who has it
  // (keeping is not giving); the device list holds only the devices the editor reaches.
  const offerAll = isAdmin || membership?.deviceAccess.allDevices === true || member.deviceAccess.allDevices;
  const save = useAction(async () => {
    await ok(
      api.PUT('/orgs/{orgId}/members/{userId}/device-access', {
        params: { path: { orgId, userId: member.userId ?? '' } },
        body: access.allDevices ? { allDevices: true, deviceIds: [] } : access,
      }),
    );
    setSaved(true);
    onSaved();
  });
  const errors = useFieldErrors(save.error, { deviceAccess: ['authz.device_escalation'] });
  if (isAdminMember) return <Notice>{t('adminAll', { name })}</Notice>;
  return (
    <Form
      error={save.error}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      {!editable ? <p className="muted">{t(own && can('user-management:users.device-access') ? 'readOnlyOwn' : 'readOnly')}</p> : null}
      <DeviceAccessEditor
        value={access}
        onChange={(v) => {
          setAccess(v);
          setSaved(false);
        }}
        devices={devices}
        error={error}
        disabled={!editable}
        offerAll={offerAll}
        fieldError={errors.field('deviceAccess')}
      />
      {saved ? <Notice kind="success">{t('saved')}</Notice> : null}
      <ErrorAlert error={errors.general} />
      {editable ? (
        <Button type="submit" variant="primary" busy={save.busy}>
          {t('save')}
        </Button>
      ) : null}
    </Form>
  );
}

function ResourceTab({
  member,
  type,
  label,
  value,
  onSaved,
}: {
  member: MemberDetail;
  type: string;
  label: string;
  value: TypeAccess;
  onSaved: () => void;
}) {
  const t = useT(messages);
  const { orgId, can, isAdmin, me } = useSignedIn();
  const name = fullName(member);
  const isAdminMember = member.role.id === 'admin';
  const [access, setAccess] = useState<TypeAccess>(value);
  const [saved, setSaved] = useState(false);
  const { resources, error } = useResources(orgId, !isAdminMember);
  // What the editor may give: their own access to the type (an Admin has all of every type).
  const { access: mine } = useAccess(orgId, me.user.id, !isAdmin);
  const own = member.userId === me.user.id;
  const editable = can('user-management:users.device-access') && (isAdmin || !own);
  const offerAll = isAdmin || mine?.[type]?.all === true || value.all;
  const save = useAction(async () => {
    await ok(
      api.PUT('/orgs/{orgId}/members/{userId}/access/{type}', {
        params: { path: { orgId, userId: member.userId ?? '', type } },
        body: access.all ? { all: true, ids: [] } : access,
      }),
    );
    setSaved(true);
    onSaved();
  });
  const errors = useFieldErrors(save.error, { access: ['authz.access_escalation'] });
  if (isAdminMember) return <Notice>{t('adminAllResources', { name })}</Notice>;
  return (
    <Form
      error={save.error}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      {!editable ? (
        <p className="muted">{t(own && can('user-management:users.device-access') ? 'readOnlyOwnAccess' : 'readOnlyAccess')}</p>
      ) : null}
      <ResourceAccessEditor
        type={type}
        label={label}
        value={access}
        onChange={(v) => {
          setAccess(v);
          setSaved(false);
        }}
        resources={resources}
        error={error}
        disabled={!editable}
        offerAll={offerAll}
        fieldError={errors.field('access')}
      />
      {saved ? <Notice kind="success">{t('savedAccess')}</Notice> : null}
      <ErrorAlert error={errors.general} />
      {editable ? (
        <Button type="submit" variant="primary" busy={save.busy}>
          {t('saveAccess')}
        </Button>
      ) : null}
    </Form>
  );
}
