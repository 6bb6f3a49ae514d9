// One member: Overview (who, role, since, invited by; change role, remove), Devices (all devices
// or a chosen set; Admins always have all), then one tab per resource type of the Smart Services
// (all of the type, or a chosen set from the tree). The tab is kept in the URL (`?tab=devices`,
// `?tab=tsd:dashboard`).
import { useState, type KeyboardEvent, type ReactNode } from 'react';
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
        <TabPanel id="overview">
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
        </TabPanel>
      ) : tab === 'devices' ? (
        <TabPanel id="devices">
          <DevicesTab member={member} onSaved={reload} />
        </TabPanel>
      ) : (
        <TabPanel id={tab}>
          <ResourceTab
            key={tab}
            member={member}
            type={tab}
            label={tabLabel(tab)}
            value={memberAccess?.[tab] ?? { all: false, ids: [] }}
            onSaved={reloadAccess}
          />
        </TabPanel>
      )}
      {actions.dialogs}
    </>
  );
}

/** One tab of the member page: its panel, labelled by its tab button. */
function TabPanel({ id, children }: { id: string; children: ReactNode }) {
  return (
    <section id={`panel-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} className="card">
      {children}
    </section>
  );
}

/**
 * What the Devices tab and a resource type's tab share: the chosen access is kept until it is
 * saved; an Admin member has everything (nothing to choose); nobody but an Admin changes their own
 * access (the API refuses it as an escalation), and the refusal is shown at the editor.
 */
function AccessTab<V>({
  member,
  initial,
  texts,
  escalation,
  save,
  onSaved,
  editor,
}: {
  member: MemberDetail;
  initial: V;
  texts: { adminAll: string; readOnly: string; readOnlyOwn: string; saved: string; save: string };
  /** The field the editor's refusal is shown at, and the codes that mean it. */
  escalation: { field: string; codes: readonly string[] };
  save: (value: V) => Promise<unknown>;
  onSaved: () => void;
  editor: (props: { value: V; onChange: (v: V) => void; disabled: boolean; fieldError: string | undefined }) => ReactNode;
}) {
  const { can, isAdmin, me } = useSignedIn();
  const [access, setAccess] = useState<V>(initial);
  const [saved, setSaved] = useState(false);
  const own = member.userId === me.user.id;
  const mayChange = can('user-management:users.device-access');
  const editable = mayChange && (isAdmin || !own);
  const action = useAction(async () => {
    await save(access);
    setSaved(true);
    onSaved();
  });
  const errors = useFieldErrors(action.error, { [escalation.field]: escalation.codes });
  if (member.role.id === 'admin') return <Notice>{texts.adminAll}</Notice>;
  return (
    <Form submit={action}>
      {!editable ? <p className="muted">{own && mayChange ? texts.readOnlyOwn : texts.readOnly}</p> : null}
      {editor({
        value: access,
        onChange: (v) => {
          setAccess(v);
          setSaved(false);
        },
        disabled: !editable,
        fieldError: errors.field(escalation.field),
      })}
      {saved ? <Notice kind="success">{texts.saved}</Notice> : null}
      <ErrorAlert error={errors.general} />
      {editable ? (
        <Button type="submit" variant="primary" busy={action.busy}>
          {texts.save}
        </Button>
      ) : null}
    </Form>
  );
}

function DevicesTab({ member, onSaved }: { member: MemberDetail; onSaved: () => void }) {
  const t = useT(messages);
  const { orgId, isAdmin, membership } = useSignedIn();
  const { devices, error } = useDevices(orgId, member.role.id !== 'admin');
  // "All devices" only from an Admin or a holder of all devices, or kept for someone who has it
  // (keeping is not giving); the device list holds only the devices the editor reaches.
  const offerAll = isAdmin || membership?.deviceAccess.allDevices === true || member.deviceAccess.allDevices;
  return (
    <AccessTab<DeviceAccess>
      member={member}
      initial={member.deviceAccess}
      texts={{
        adminAll: t('adminAll', { name: fullName(member) }),
        readOnly: t('readOnly'),
        readOnlyOwn: t('readOnlyOwn'),
        saved: t('saved'),
        save: t('save'),
      }}
      escalation={{ field: 'deviceAccess', codes: ['authz.device_escalation'] }}
      save={(access) =>
        ok(
          api.PUT('/orgs/{orgId}/members/{userId}/device-access', {
            params: { path: { orgId, userId: member.userId ?? '' } },
            body: access.allDevices ? { allDevices: true, deviceIds: [] } : access,
          }),
        )
      }
      onSaved={onSaved}
      editor={(p) => <DeviceAccessEditor {...p} devices={devices} error={error} offerAll={offerAll} />}
    />
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
  const { orgId, isAdmin, me } = useSignedIn();
  const { resources, error } = useResources(orgId, member.role.id !== 'admin');
  // What the editor may give: their own access to the type (an Admin has all of every type).
  const { access: mine } = useAccess(orgId, me.user.id, !isAdmin);
  const offerAll = isAdmin || mine?.[type]?.all === true || value.all;
  return (
    <AccessTab<TypeAccess>
      member={member}
      initial={value}
      texts={{
        adminAll: t('adminAllResources', { name: fullName(member) }),
        readOnly: t('readOnlyAccess'),
        readOnlyOwn: t('readOnlyOwnAccess'),
        saved: t('savedAccess'),
        save: t('saveAccess'),
      }}
      escalation={{ field: 'access', codes: ['authz.access_escalation'] }}
      save={(access) =>
        ok(
          api.PUT('/orgs/{orgId}/members/{userId}/access/{type}', {
            params: { path: { orgId, userId: member.userId ?? '', type } },
            body: access.all ? { all: true, ids: [] } : access,
          }),
        )
      }
      onSaved={onSaved}
      editor={(p) => <ResourceAccessEditor {...p} type={type} label={label} resources={resources} error={error} offerAll={offerAll} />}
    />
  );
}
