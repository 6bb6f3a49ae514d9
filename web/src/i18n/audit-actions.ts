// Every audit action the API records, in words, in English and German; the order is the action
// filter's. An invitation is "sent" only when it was mailed: those rows use the words of
// INVITATION_DELIVERY_WORDS, by the event's `details.delivery`. A unit test (test/unit/web-audit-actions.test.ts) checks the keys against the service's
// AUDIT_ACTIONS, so an action added there cannot show up raw here. (No React here: the test imports it.)
const en = {
  'organization.created': 'Organization created',
  'organization.renamed': 'Organization renamed',
  'organization.deleted': 'Organization deleted',
  'organization.billing_changed': 'Billing information changed',
  'organization.mfa_policy_changed': 'Two-factor rule changed',
  'member.role_changed': 'Role of a member changed',
  'member.removed': 'Member removed',
  'member.left': 'Member left',
  'member.device_access_changed': 'Device access changed',
  'member.mfa_changed': 'Second factor of a member changed',
  'member.access_changed': 'Access changed',
  'role.created': 'Role created',
  'role.changed': 'Role changed',
  'role.deleted': 'Role deleted',
  'invitation.created': 'Invitation created',
  'invitation.resent': 'Invitation renewed',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Invitation accepted',
  'invitation.declined': 'Invitation declined',
  'device.added': 'Device added',
  'device.changed': 'Device data changed',
  'device.deleted': 'Device deleted',
  'device.token_reset': 'Device token reset',
  'service.manifest_changed': 'Smart Service manifest changed',
};
export type AuditAction = keyof typeof en;

const de: Record<AuditAction, string> = {
  'organization.created': 'Organisation erstellt',
  'organization.renamed': 'Organisation umbenannt',
  'organization.deleted': 'Organisation gelöscht',
  'organization.billing_changed': 'Rechnungsdaten geändert',
  'organization.mfa_policy_changed': 'Zwei-Faktor-Regel geändert',
  'member.role_changed': 'Rolle eines Mitglieds geändert',
  'member.removed': 'Mitglied entfernt',
  'member.left': 'Mitglied ausgetreten',
  'member.device_access_changed': 'Gerätezugriff geändert',
  'member.mfa_changed': 'Zweiter Faktor eines Mitglieds geändert',
  'member.access_changed': 'Zugriff geändert',
  'role.created': 'Rolle angelegt',
  'role.changed': 'Rolle geändert',
  'role.deleted': 'Rolle gelöscht',
  'invitation.created': 'Einladung erstellt',
  'invitation.resent': 'Einladung erneuert',
  'invitation.revoked': 'Einladung zurückgezogen',
  'invitation.accepted': 'Einladung angenommen',
  'invitation.declined': 'Einladung abgelehnt',
  'device.added': 'Gerät hinzugefügt',
  'device.changed': 'Gerätedaten geändert',
  'device.deleted': 'Gerät gelöscht',
  'device.token_reset': 'Geräte-Token zurückgesetzt',
  'service.manifest_changed': 'Manifest eines Smart Service geändert',
};

export const AUDIT_ACTION_WORDS = { en, de };
export const AUDIT_ACTIONS = Object.keys(en) as AuditAction[];

/** An invitation created or renewed, by how it travelled: mailed, or a link handed to the inviter. */
export const INVITATION_DELIVERY_WORDS = {
  en: {
    'invitation.created.email': 'Invitation mailed',
    'invitation.created.link': 'Invitation link created',
    'invitation.resent.email': 'Invitation mailed again',
    'invitation.resent.link': 'New invitation link created',
  },
  de: {
    'invitation.created.email': 'Einladung verschickt',
    'invitation.created.link': 'Einladungslink erstellt',
    'invitation.resent.email': 'Einladung erneut verschickt',
    'invitation.resent.link': 'Neuer Einladungslink erstellt',
  },
};
