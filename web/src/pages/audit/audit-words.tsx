// An audit event in words: what it is about ("Device: Press line PLC") and what changed ("Editor →
// Maintenance", "All devices → 2 devices: Press line PLC, Packaging EMpro"). Ids become names where
// the page knows them (the organization's members, devices, roles and invitations today, and the
// events on the page, which carry the names as they were at the event: `actor`, `target.name`,
// `deviceNames`); otherwise a readable fallback ("a former member", "a deleted device"). What the
// reader may not see arrives as `{ redacted: true }` and reads "hidden". Never raw JSON, never an id.
import type { ReactNode } from 'react';
import type { AuditEvent } from '../../api/types.js';
import { defineMessages, useLang, usePlural, useT } from '../../i18n/i18n.js';
import { INVITATION_DELIVERY_WORDS, AUDIT_ACTION_WORDS, type AuditAction } from '../../i18n/audit-actions.js';
import { Link } from '../../router.js';

/** What the page can name, each `undefined` when it cannot. */
export interface Names {
  member(userId: string): string | undefined;
  device(deviceId: string): string | undefined;
  role(roleId: string): string | undefined;
  invitation(invitationId: string): string | undefined;
  permission(key: string): string | undefined;
  /** Whether the device or role exists today (then the target links to its page). */
  exists(type: 'device' | 'role', id: string): boolean;
}

const fieldWords = defineMessages({
  en: {
    name: 'Name',
    companyName: 'Company name',
    street: 'Street',
    postalCode: 'Postal code',
    city: 'City',
    country: 'Country',
    vatId: 'VAT ID',
    billingEmail: 'Billing e-mail',
    description: 'Description',
    location: 'Location',
    tags: 'Tags',
    uuid: 'UUID',
    email: 'E-mail',
    role: 'Role',
    permissions: 'Permissions',
    memberCount: 'Members',
  },
  de: {
    name: 'Name',
    companyName: 'Firmenname',
    street: 'Straße',
    postalCode: 'Postleitzahl',
    city: 'Ort',
    country: 'Land',
    vatId: 'USt-IdNr.',
    billingEmail: 'E-Mail für Rechnungen',
    description: 'Beschreibung',
    location: 'Standort',
    tags: 'Tags',
    uuid: 'UUID',
    email: 'E-Mail',
    role: 'Rolle',
    permissions: 'Berechtigungen',
    memberCount: 'Mitglieder',
  },
});
type Field = keyof typeof fieldWords.en;

const messages = defineMessages({
  en: {
    organization: 'Organization',
    member: 'Member',
    role: 'Role',
    user: 'User',
    invitation: 'Invitation',
    device: 'Device',
    formerMember: 'a former member',
    deletedDevice: 'a deleted device',
    deletedRole: 'a deleted role',
    someInvitation: 'an invitation',
    empty: '(empty)',
    allDevices: 'All devices',
    noDevices: 'No devices',
    'devices.one': '1 device: {list}',
    'devices.other': '{n} devices: {list}',
    'deletedDevices.one': '1 deleted device',
    'deletedDevices.other': '{n} deleted devices',
    hadRole: 'Had the role {role}.',
    accountDeleted: 'Their account was deleted.',
    joinedAs: '{name} joined as {role}.',
    alreadyMember: '{name} was a member already.',
    asRole: 'As {role}',
    mailedTo: 'Mailed to {email}.',
    notMailed: 'Not mailed: {email} is outside the inviter’s e-mail domain, so the inviter got the link to pass on.',
    mailedAgain: 'Mailed again; the old link no longer works.',
    newLink: 'A new link for the inviter to pass on; the old one no longer works.',
    tokenReset: 'The old device token no longer works.',
    added: 'Added: {list}',
    removed: 'Removed: {list}',
    'permissions.one': '1 permission: {list}',
    'permissions.other': '{n} permissions: {list}',
    noPermissions: 'No permissions',
    more: '{list} and {n} more',
    'membersThen.one': '{name}, 1 member at the time',
    'membersThen.other': '{name}, {n} members at the time',
    createdFor: 'Created automatically: its Admin had lost their last organization.',
    deviceAccess: 'Device access',
    hidden: 'hidden',
    hiddenDetails: 'Details hidden: your role may not see them.',
    'hiddenDevices.one': '1 hidden device',
    'hiddenDevices.other': '{n} hidden devices',
    mfaRequired: 'Two-factor authentication is now required of the members.',
    mfaNotRequired: 'Two-factor authentication is no longer required.',
    'mfa-totp_enabled': 'Turned the authenticator app on.',
    'mfa-totp_disabled': 'Turned the authenticator app off.',
    'mfa-passkey_added': 'Added the passkey “{name}”.',
    'mfa-passkey_removed': 'Removed the passkey “{name}”.',
    'mfa-recovery_codes_regenerated': 'Made new recovery codes.',
    'mfa-reset_by_operator': 'The operator removed all second factors.',
    mfaNone: 'No second factor left.',
  },
  de: {
    organization: 'Organisation',
    member: 'Mitglied',
    role: 'Rolle',
    user: 'Benutzer',
    invitation: 'Einladung',
    device: 'Gerät',
    formerMember: 'ein ehemaliges Mitglied',
    deletedDevice: 'ein gelöschtes Gerät',
    deletedRole: 'eine gelöschte Rolle',
    someInvitation: 'eine Einladung',
    empty: '(leer)',
    allDevices: 'Alle Geräte',
    noDevices: 'Keine Geräte',
    'devices.one': '1 Gerät: {list}',
    'devices.other': '{n} Geräte: {list}',
    'deletedDevices.one': '1 gelöschtes Gerät',
    'deletedDevices.other': '{n} gelöschte Geräte',
    hadRole: 'Hatte die Rolle {role}.',
    accountDeleted: 'Das Konto wurde gelöscht.',
    joinedAs: '{name} ist als {role} beigetreten.',
    alreadyMember: '{name} war bereits Mitglied.',
    asRole: 'Als {role}',
    mailedTo: 'Per E-Mail an {email} verschickt.',
    notMailed: 'Nicht verschickt: {email} liegt außerhalb der E-Mail-Domain der einladenden Person; sie erhielt den Link zur Weitergabe.',
    mailedAgain: 'Erneut per E-Mail verschickt; der alte Link gilt nicht mehr.',
    newLink: 'Ein neuer Link zur Weitergabe; der alte gilt nicht mehr.',
    tokenReset: 'Das alte Geräte-Token funktioniert nicht mehr.',
    added: 'Hinzugefügt: {list}',
    removed: 'Entfernt: {list}',
    'permissions.one': '1 Berechtigung: {list}',
    'permissions.other': '{n} Berechtigungen: {list}',
    noPermissions: 'Keine Berechtigungen',
    more: '{list} und {n} weitere',
    'membersThen.one': '{name}, damals 1 Mitglied',
    'membersThen.other': '{name}, damals {n} Mitglieder',
    createdFor: 'Automatisch angelegt: Ihr Admin hatte seine letzte Organisation verloren.',
    deviceAccess: 'Gerätezugriff',
    hidden: 'verborgen',
    hiddenDetails: 'Details verborgen: Ihre Rolle darf sie nicht sehen.',
    'hiddenDevices.one': '1 verborgenes Gerät',
    'hiddenDevices.other': '{n} verborgene Geräte',
    mfaRequired: 'Die Zwei-Faktor-Authentifizierung wird jetzt von den Mitgliedern verlangt.',
    mfaNotRequired: 'Die Zwei-Faktor-Authentifizierung wird nicht mehr verlangt.',
    'mfa-totp_enabled': 'Authenticator-App eingeschaltet.',
    'mfa-totp_disabled': 'Authenticator-App ausgeschaltet.',
    'mfa-passkey_added': 'Passkey „{name}“ hinzugefügt.',
    'mfa-passkey_removed': 'Passkey „{name}“ entfernt.',
    'mfa-recovery_codes_regenerated': 'Neue Wiederherstellungscodes erstellt.',
    'mfa-reset_by_operator': 'Der Betreiber hat alle zweiten Faktoren entfernt.',
    mfaNone: 'Kein zweiter Faktor mehr.',
  },
});

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** A value the reader may not see (the API's `{ redacted: true }`). */
const isRedacted = (v: unknown): boolean => isObj(v) && v.redacted === true;
const anyRedacted = (...values: unknown[]) => values.some((v) => isRedacted(v) || (isObj(v) && Object.values(v).some(isRedacted)));
const roleName = (v: unknown) => str(obj(v).name) ?? str(obj(v).id);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The action in words; an invitation is "mailed" or "a link", never "sent" when it was not mailed. */
export function useActionWords() {
  const { lang } = useLang();
  return (event: AuditEvent) => {
    const delivery = str(obj(event.details).delivery);
    if ((event.action === 'invitation.created' || event.action === 'invitation.resent') && (delivery === 'email' || delivery === 'link')) {
      return INVITATION_DELIVERY_WORDS[lang][`${event.action}.${delivery}`];
    }
    return (AUDIT_ACTION_WORDS[lang] as Record<string, string>)[event.action] ?? event.action.replace(/[._]/g, ' ');
  };
}

/** "Device: Press line PLC", linked where the target still exists; a readable fallback otherwise. */
export function AuditTarget({ event, names, orgName }: { event: AuditEvent; names: Names; orgName: string | undefined }) {
  const t = useT(messages);
  if (!event.target) return <>—</>;
  const { type, id } = event.target;
  const own = str(obj(event.after).name) ?? str(obj(event.before).name) ?? str(event.target.name);
  switch (type) {
    case 'organization':
      return (
        <>
          {t('organization')}: {own ?? orgName ?? '—'}
        </>
      );
    case 'member':
    case 'user':
      return (
        <>
          {t('member')}: {names.member(id) ?? str(event.target.name) ?? str(event.target.email) ?? t('formerMember')}
        </>
      );
    case 'role': {
      const name = names.role(id);
      if (name && names.exists('role', id))
        return (
          <Link to={`/roles/${id}`}>
            {t('role')}: {name}
          </Link>
        );
      return (
        <>
          {t('role')}: {own ?? name ?? t('deletedRole')}
        </>
      );
    }
    case 'device': {
      if (isRedacted(event.target.name))
        return (
          <>
            {t('device')}: <span className="muted">{t('hidden')}</span>
          </>
        );
      const name = names.device(id) ?? str(event.target.name);
      if (name && names.exists('device', id))
        return (
          <Link to={`/devices/${id}`}>
            {t('device')}: {name}
          </Link>
        );
      return (
        <>
          {t('device')}: {own ?? name ?? t('deletedDevice')}
        </>
      );
    }
    case 'invitation':
      return (
        <>
          {t('invitation')}: {str(obj(event.after).email) ?? str(obj(event.before).email) ?? names.invitation(id) ?? t('someInvitation')}
        </>
      );
    default:
      return <>{type}</>;
  }
}

function Was({ before, after }: { before: ReactNode; after: ReactNode }) {
  return (
    <>
      <del>{before}</del> → <ins>{after}</ins>
    </>
  );
}

/** The change of one event, in sentences and "before → after" lines. */
export function AuditChange({ event, names }: { event: AuditEvent; names: Names }) {
  const t = useT(messages);
  const tp = usePlural(messages);
  const fw = useT(fieldWords);
  const { lang } = useLang();
  const before = obj(event.before);
  const after = obj(event.after);
  const details = obj(event.details);

  const list = (items: string[], max = 6) =>
    items.length > max ? t('more', { list: items.slice(0, max).join(', '), n: items.length - max }) : items.join(', ');
  const devices = (access: Obj): string => {
    if (access.allDevices === true) return t('allDevices');
    const ids = strings(access.deviceIds);
    if (ids.length === 0) return t('noDevices');
    const recorded = obj(event.deviceNames);
    const hidden = ids.filter((id) => isRedacted(recorded[id])).length;
    const known = ids
      .filter((id) => !isRedacted(recorded[id]))
      .map((id) => names.device(id) ?? str(recorded[id]))
      .filter((n): n is string => !!n);
    const gone = ids.length - known.length - hidden;
    const parts = [...known, ...(gone > 0 ? [tp('deletedDevices', gone)] : []), ...(hidden > 0 ? [tp('hiddenDevices', hidden)] : [])];
    return tp('devices', ids.length, { list: parts.join(', ') });
  };
  const permissions = (keys: string[]) =>
    keys.length === 0 ? t('noPermissions') : tp('permissions', keys.length, { list: list(keys.map((k) => names.permission(k) ?? k)) });
  const value = (field: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
      return <span className="muted">{t('empty')}</span>;
    if (isRedacted(v)) return <span className="muted">{t('hidden')}</span>;
    if (field === 'country' && typeof v === 'string') return countryName(v, lang);
    if (Array.isArray(v)) return strings(v).join(', ');
    if (isObj(v))
      return (
        str(v.name) ??
        str(v.email) ??
        Object.entries(v)
          .map(([k, x]) => `${k in fieldWords.en ? fw(k as Field) : k}: ${String(x)}`)
          .join(', ')
      );
    return String(v);
  };
  const fieldName = (k: string) => (k in fieldWords.en ? fw(k as Field) : k);
  /** One line per field that differs between before and after. */
  const fields = (keys?: string[]) => {
    // Hidden values cannot be compared: one line says so rather than a list of "hidden → hidden".
    if (anyRedacted(event.before, event.after)) return <span className="muted">{t('hiddenDetails')}</span>;
    const all = keys ?? [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = all.filter((k) => !same(before[k], after[k]));
    if (changed.length === 0) return <>—</>;
    return (
      <ul>
        {changed.map((k) => (
          <li key={k}>
            <span className="audit-field">{fieldName(k)}:</span>{' '}
            {event.before == null ? <ins>{value(k, after[k])}</ins> : <Was before={value(k, before[k])} after={value(k, after[k])} />}
          </li>
        ))}
      </ul>
    );
  };

  switch (event.action as AuditAction) {
    case 'organization.created':
      return (
        <>
          {fieldName('name')}: {str(after.name) ?? '—'}
          {details.reason === 'last_organization_lost' ? <div className="muted">{t('createdFor')}</div> : null}
        </>
      );
    case 'organization.renamed':
    case 'organization.billing_changed':
    case 'device.changed':
      return fields();
    case 'organization.deleted':
      return (
        <>
          {tp('membersThen', Number(before.memberCount ?? 0), { name: str(before.name) ?? '—' })}
          {details.reason === 'account_deleted' ? <div className="muted">{t('accountDeleted')}</div> : null}
        </>
      );
    case 'member.role_changed':
      return <Was before={roleName(before.role) ?? '—'} after={roleName(after.role) ?? '—'} />;
    case 'member.removed':
    case 'member.left':
      return (
        <>
          {before.role ? t('hadRole', { role: roleName(before.role) ?? '—' }) : null}
          {details.reason === 'account_deleted' ? <div className="muted">{t('accountDeleted')}</div> : null}
        </>
      );
    case 'member.device_access_changed':
      return (
        <>
          <span className="audit-field">{t('deviceAccess')}:</span> <Was before={devices(before)} after={devices(after)} />
        </>
      );
    case 'role.created':
      return (
        <ul>
          <li>{permissions(strings(after.permissions))}</li>
          {str(after.description) ? (
            <li>
              {fieldName('description')}: {str(after.description)}
            </li>
          ) : null}
        </ul>
      );
    case 'role.deleted':
      return <>{permissions(strings(before.permissions))}</>;
    case 'role.changed': {
      const was = new Set(strings(before.permissions));
      const now = new Set(strings(after.permissions));
      const gained = [...now].filter((k) => !was.has(k)).map((k) => names.permission(k) ?? k);
      const lost = [...was].filter((k) => !now.has(k)).map((k) => names.permission(k) ?? k);
      const other = ['name', 'description'].filter((k) => !same(before[k], after[k]));
      if (gained.length === 0 && lost.length === 0 && other.length === 0) return <>—</>;
      return (
        <ul>
          {other.map((k) => (
            <li key={k}>
              <span className="audit-field">{fieldName(k)}:</span> <Was before={value(k, before[k])} after={value(k, after[k])} />
            </li>
          ))}
          {gained.length ? (
            <li>
              <ins>{t('added', { list: list(gained) })}</ins>
            </li>
          ) : null}
          {lost.length ? (
            <li>
              <del>{t('removed', { list: list(lost) })}</del>
            </li>
          ) : null}
        </ul>
      );
    }
    case 'invitation.created': {
      const email = str(after.email) ?? '';
      const access = isObj(after.deviceAccess) ? after.deviceAccess : undefined;
      return (
        <ul>
          <li>
            {t('asRole', { role: roleName(after.role) ?? '—' })}
            {access && roleName(after.role) !== 'Admin' ? ` · ${devices(access)}` : ''}
          </li>
          {details.delivery === 'email' ? (
            <li>{t('mailedTo', { email })}</li>
          ) : details.delivery === 'link' ? (
            <li>{t('notMailed', { email })}</li>
          ) : null}
        </ul>
      );
    }
    case 'invitation.resent':
      return <>{details.delivery === 'email' ? t('mailedAgain') : details.delivery === 'link' ? t('newLink') : '—'}</>;
    case 'invitation.revoked':
      return <>{t('asRole', { role: roleName(before.role) ?? '—' })}</>;
    case 'invitation.accepted': {
      const who = (str(after.userId) && names.member(str(after.userId)!)) || names.invitation(event.target?.id ?? '') || t('formerMember');
      return (
        <>{details.alreadyMember ? t('alreadyMember', { name: who }) : t('joinedAs', { name: who, role: roleName(after.role) ?? '—' })}</>
      );
    }
    case 'device.added':
    case 'device.deleted': {
      if (anyRedacted(event.before, event.after)) return <span className="muted">{t('hiddenDetails')}</span>;
      const uuid = str(after.uuid) ?? str(before.uuid);
      return uuid ? (
        <>
          {fieldName('uuid')}: <span className="mono">{uuid}</span>
        </>
      ) : (
        <>—</>
      );
    }
    case 'device.token_reset':
      return <>{t('tokenReset')}</>;
    case 'organization.mfa_policy_changed':
      return <>{after.requireMfa === true ? t('mfaRequired') : t('mfaNotRequired')}</>;
    case 'member.mfa_changed': {
      const change = str(details.change);
      const known = [
        'totp_enabled',
        'totp_disabled',
        'passkey_added',
        'passkey_removed',
        'recovery_codes_regenerated',
        'reset_by_operator',
      ];
      const none = after.totp === false && Number(after.passkeys ?? 0) === 0;
      return (
        <>
          {change && known.includes(change) ? t(`mfa-${change}` as 'mfa-totp_enabled', { name: str(details.passkeyName) ?? '—' }) : '—'}
          {none ? <div className="muted">{t('mfaNone')}</div> : null}
        </>
      );
    }
    case 'invitation.declined':
      return <>—</>;
    default:
      return event.before == null && event.after == null ? <>—</> : fields();
  }
}

function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
