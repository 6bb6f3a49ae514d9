// Every problem `code` the API can answer, in words a plant operator understands. A unit test
// (test/unit/web-error-messages.test.ts) checks this list against the service's error catalogue.
import type { Lang } from './lang.js';

export const ERROR_MESSAGES: Record<string, Record<Lang, string>> = {
  'request.invalid': { en: 'Please check the highlighted fields.', de: 'Bitte prüfen Sie die markierten Felder.' },
  'request.malformed_json': {
    en: 'The request could not be read. Please reload the page and try again.',
    de: 'Die Anfrage konnte nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  },
  'request.unsupported_media_type': {
    en: 'The request could not be read. Please reload the page and try again.',
    de: 'Die Anfrage konnte nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  },
  'request.too_large': { en: 'That is too much at once. Please send less.', de: 'Das ist zu viel auf einmal. Bitte senden Sie weniger.' },
  'request.not_found': { en: 'This page or action does not exist.', de: 'Diese Seite oder Aktion gibt es nicht.' },
  'request.method_not_allowed': {
    en: 'This action does not exist. Please reload the page and try again.',
    de: 'Diese Aktion gibt es nicht. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  },
  'auth.unauthenticated': {
    en: 'Your session has ended. Please sign in again.',
    de: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  },
  'auth.invalid_credentials': { en: 'The e-mail address or the password is wrong.', de: 'E-Mail-Adresse oder Passwort ist falsch.' },
  'auth.email_not_verified': {
    en: 'Please confirm your e-mail address first: open the link we mailed you.',
    de: 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link, den wir Ihnen geschickt haben.',
  },
  'auth.csrf': {
    en: 'This request came from another site and was refused. Please reload the page.',
    de: 'Diese Anfrage kam von einer anderen Seite und wurde abgelehnt. Bitte laden Sie die Seite neu.',
  },
  'auth.throttled': {
    en: 'Too many attempts. Please wait a few minutes, or reset your password.',
    de: 'Zu viele Versuche. Bitte warten Sie einige Minuten oder setzen Sie Ihr Passwort zurück.',
  },
  'request.throttled': {
    en: 'Too many requests from your network. Please wait a while and try again.',
    de: 'Zu viele Anfragen aus Ihrem Netz. Bitte warten Sie eine Weile und versuchen Sie es erneut.',
  },
  'auth.wrong_password': { en: 'Your current password is wrong.', de: 'Ihr aktuelles Passwort ist falsch.' },
  'auth.mfa_required': {
    en: 'This organization requires two-factor authentication. Set up an authenticator app or a passkey, then continue.',
    de: 'Diese Organisation verlangt die Zwei-Faktor-Authentifizierung. Richten Sie eine Authenticator-App oder einen Passkey ein und fahren Sie dann fort.',
  },
  'auth.reauthentication_required': {
    en: 'Please confirm this with your password and a current code.',
    de: 'Bitte bestätigen Sie das mit Ihrem Passwort und einem aktuellen Code.',
  },
  'auth.wrong_second_factor': {
    en: 'This code is wrong or was already used.',
    de: 'Dieser Code ist falsch oder wurde bereits verwendet.',
  },
  'auth.invalid_second_factor': {
    en: 'This code is wrong or was already used. Wait for the next code and try again.',
    de: 'Dieser Code ist falsch oder wurde bereits verwendet. Warten Sie auf den nächsten Code und versuchen Sie es erneut.',
  },
  'auth.mfa_token_invalid': {
    en: 'This sign-in has expired or had too many attempts. Please start again with your password.',
    de: 'Diese Anmeldung ist abgelaufen oder hatte zu viele Versuche. Bitte beginnen Sie erneut mit Ihrem Passwort.',
  },
  'auth.passkey_invalid': {
    en: 'This passkey could not be verified. Try again, or sign in with your password.',
    de: 'Dieser Passkey konnte nicht geprüft werden. Versuchen Sie es erneut oder melden Sie sich mit Ihrem Passwort an.',
  },
  'mfa.totp_already_enabled': {
    en: 'An authenticator app is already set up. Turn it off first to set up another.',
    de: 'Eine Authenticator-App ist bereits eingerichtet. Schalten Sie sie zuerst aus, um eine andere einzurichten.',
  },
  'mfa.totp_not_started': {
    en: 'The set-up has expired. Start setting up the authenticator app again.',
    de: 'Die Einrichtung ist abgelaufen. Beginnen Sie erneut mit dem Einrichten der Authenticator-App.',
  },
  'mfa.code_invalid': {
    en: 'This code is wrong. Enter the code your authenticator app shows now.',
    de: 'Dieser Code ist falsch. Geben Sie den Code ein, den Ihre Authenticator-App jetzt anzeigt.',
  },
  'mfa.no_factor': {
    en: 'Set up an authenticator app or a passkey first.',
    de: 'Richten Sie zuerst eine Authenticator-App oder einen Passkey ein.',
  },
  'passkey.not_found': { en: 'This passkey does not exist any more.', de: 'Diesen Passkey gibt es nicht mehr.' },
  'passkey.invalid': {
    en: 'The passkey could not be added: the request expired or the answer was not valid. Please try again.',
    de: 'Der Passkey konnte nicht hinzugefügt werden: Die Anfrage ist abgelaufen oder die Antwort war ungültig. Bitte versuchen Sie es erneut.',
  },
  'passkey.already_registered': {
    en: 'This passkey is already registered.',
    de: 'Dieser Passkey ist bereits registriert.',
  },
  'organization.mfa_admin_without_factor': {
    en: 'Set up two-factor authentication for yourself before you require it of the members.',
    de: 'Richten Sie zuerst für sich selbst die Zwei-Faktor-Authentifizierung ein, bevor Sie sie von den Mitgliedern verlangen.',
  },
  'password.too_weak': {
    en: 'This password does not meet the marked rules of the password policy.',
    de: 'Dieses Passwort erfüllt die markierten Regeln der Passwortrichtlinie nicht.',
  },
  'token.invalid': {
    en: 'This link is invalid, has already been used or has expired.',
    de: 'Dieser Link ist ungültig, wurde bereits verwendet oder ist abgelaufen.',
  },
  'account.email_taken': {
    en: 'This e-mail address already belongs to another account.',
    de: 'Diese E-Mail-Adresse gehört bereits zu einem anderen Konto.',
  },
  'account.same_email': { en: 'This is already your e-mail address.', de: 'Das ist bereits Ihre E-Mail-Adresse.' },
  'authz.forbidden': {
    en: 'Your role in this organization does not allow this.',
    de: 'Ihre Rolle in dieser Organisation erlaubt das nicht.',
  },
  'authz.escalation': {
    en: 'You cannot give anyone more rights than you have yourself, and only Admins can manage Admins.',
    de: 'Sie können niemandem mehr Rechte geben, als Sie selbst haben, und nur Admins können Admins verwalten.',
  },
  'authz.device_escalation': {
    en: 'You cannot give anyone access to devices you cannot access yourself, nor access to all devices unless you have it; only Admins change their own device access.',
    de: 'Sie können niemandem Zugriff auf Geräte geben, auf die Sie selbst keinen Zugriff haben, und Zugriff auf alle Geräte nur, wenn Sie ihn selbst haben; nur Admins ändern ihren eigenen Gerätezugriff.',
  },
  'authz.access_escalation': {
    en: 'You cannot give anyone access you do not have yourself, nor access to all of a kind unless you have it; only Admins change their own access.',
    de: 'Sie können niemandem Zugriff geben, den Sie selbst nicht haben, und Zugriff auf alle einer Art nur, wenn Sie ihn selbst haben; nur Admins ändern ihren eigenen Zugriff.',
  },
  'authz.revision_unavailable': {
    en: 'The latest changes have not arrived yet. Please try again in a moment.',
    de: 'Die neuesten Änderungen sind noch nicht angekommen. Bitte versuchen Sie es gleich noch einmal.',
  },
  'resource.not_found': {
    en: 'This item does not exist in this organization.',
    de: 'Dieses Element gibt es in dieser Organisation nicht.',
  },
  'resource.type_not_found': {
    en: 'No Smart Service offers this kind of item.',
    de: 'Kein Smart Service bietet diese Art von Element an.',
  },
  'member.admin_all_resources': {
    en: 'Admins always have access to everything.',
    de: 'Admins haben immer Zugriff auf alles.',
  },
  'organization.not_found': {
    en: 'This organization does not exist or you are no longer a member.',
    de: 'Diese Organisation existiert nicht oder Sie sind kein Mitglied mehr.',
  },
  'member.not_found': {
    en: 'This person is no longer a member of the organization.',
    de: 'Diese Person ist kein Mitglied der Organisation mehr.',
  },
  'member.last_admin': {
    en: 'An organization must keep at least one Admin. Make someone else Admin first.',
    de: 'Eine Organisation braucht mindestens einen Admin. Machen Sie zuerst eine andere Person zum Admin.',
  },
  'invitation.not_found': { en: 'This invitation does not exist any more.', de: 'Diese Einladung gibt es nicht mehr.' },
  'invitation.not_pending': {
    en: 'This invitation has already been accepted, declined, revoked or has expired.',
    de: 'Diese Einladung wurde bereits angenommen, abgelehnt, zurückgezogen oder ist abgelaufen.',
  },
  'invitation.email_mismatch': {
    en: 'This invitation is for another e-mail address. Sign in with that address to accept it.',
    de: 'Diese Einladung gilt für eine andere E-Mail-Adresse. Melden Sie sich mit dieser Adresse an, um sie anzunehmen.',
  },
  'invitation.already_member': {
    en: 'This person is already a member of the organization.',
    de: 'Diese Person ist bereits Mitglied der Organisation.',
  },
  'invitation.already_pending': {
    en: 'This address already has a pending invitation. You can resend it from the user list.',
    de: 'Für diese Adresse gibt es schon eine offene Einladung. Sie können sie in der Benutzerliste erneut senden.',
  },
  'invitation.role_gone': {
    en: 'The role of this invitation has been deleted. Ask for a new invitation.',
    de: 'Die Rolle dieser Einladung wurde gelöscht. Bitten Sie um eine neue Einladung.',
  },
  'invitation.device_gone': {
    en: 'A device of this invitation has been removed. Ask for a new invitation.',
    de: 'Ein Gerät dieser Einladung wurde entfernt. Bitten Sie um eine neue Einladung.',
  },
  'invitation.inviter_lacks_authority': {
    en: 'Whoever sent this invitation can no longer grant this access. Ask for a new invitation.',
    de: 'Wer diese Einladung geschickt hat, kann diesen Zugriff nicht mehr vergeben. Bitten Sie um eine neue Einladung.',
  },
  'invitation.throttled': {
    en: 'Too many invitations for now. Please try again later.',
    de: 'Zu viele Einladungen für den Moment. Bitte versuchen Sie es später erneut.',
  },
  'device.not_found': { en: 'This device does not exist in this organization.', de: 'Dieses Gerät gibt es in dieser Organisation nicht.' },
  'device.already_registered': {
    en: 'A device with this UUID is already registered.',
    de: 'Ein Gerät mit dieser UUID ist bereits registriert.',
  },
  'member.admin_all_devices': { en: 'Admins always have access to every device.', de: 'Admins haben immer Zugriff auf alle Geräte.' },
  'role.not_found': { en: 'This role does not exist any more.', de: 'Diese Rolle gibt es nicht mehr.' },
  'role.built_in': {
    en: 'Built-in roles cannot be changed or deleted.',
    de: 'Eingebaute Rollen können nicht geändert oder gelöscht werden.',
  },
  'role.in_use': {
    en: 'This role is still held by members or pending invitations. Give them another role first.',
    de: 'Diese Rolle haben noch Mitglieder oder offene Einladungen. Geben Sie ihnen zuerst eine andere Rolle.',
  },
  'role.name_taken': { en: 'There is already a role with this name.', de: 'Es gibt bereits eine Rolle mit diesem Namen.' },
  'role.name_confusable': {
    en: 'This name looks like a built-in role (Admin, Editor or Viewer). Choose a name that cannot be mistaken for one.',
    de: 'Dieser Name sieht aus wie eine eingebaute Rolle (Admin, Editor oder Viewer). Wählen Sie einen Namen, der nicht damit verwechselt werden kann.',
  },
  'role.name_invisible': {
    en: 'Use visible characters only: no zero-width, text-direction or other invisible characters.',
    de: 'Verwenden Sie nur sichtbare Zeichen: keine Zeichen ohne Breite, Schreibrichtungs- oder andere unsichtbaren Zeichen.',
  },
  'idempotency.key_reused': {
    en: 'This request was already sent with different content. Please reload the page and try again.',
    de: 'Diese Anfrage wurde bereits mit anderem Inhalt gesendet. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  },
  'idempotency.in_progress': {
    en: 'This request is still being processed. Please wait a moment.',
    de: 'Diese Anfrage wird noch bearbeitet. Bitte warten Sie einen Moment.',
  },
  'idempotency.secret_not_replayed': {
    en: 'This change was saved, but what it showed only once cannot be shown again. Please reload the page to see the result.',
    de: 'Diese Änderung wurde gespeichert, aber was nur einmal angezeigt wird, kann nicht erneut angezeigt werden. Bitte laden Sie die Seite neu, um das Ergebnis zu sehen.',
  },
  'idempotency.response_lost': {
    en: 'This change was saved, but its confirmation was lost. Please reload the page to see the result.',
    de: 'Diese Änderung wurde gespeichert, aber ihre Bestätigung ging verloren. Bitte laden Sie die Seite neu, um das Ergebnis zu sehen.',
  },
  'oidc.interaction_expired': {
    en: 'This sign-in request has expired or was already completed. Please start again from the application.',
    de: 'Diese Anmeldeanfrage ist abgelaufen oder wurde bereits abgeschlossen. Bitte beginnen Sie erneut in der Anwendung.',
  },
  // Service-key routes (manifests, webhooks): a person in the web UI meets these only through an
  // operator's tooling, but every code has words.
  'service.forbidden': {
    en: 'This service key belongs to another Smart Service.',
    de: 'Dieser Dienstschlüssel gehört zu einem anderen Smart Service.',
  },
  'service.manifest_invalid': {
    en: 'The service manifest is not valid: please check the fields named.',
    de: 'Das Service-Manifest ist ungültig: Bitte prüfen Sie die genannten Felder.',
  },
  'service.limit_exceeded': {
    en: 'The manifest goes beyond the limits (500 permissions, 20 resource types a service, 50 services).',
    de: 'Das Manifest überschreitet die Grenzen (500 Berechtigungen, 20 Ressourcentypen je Service, 50 Services).',
  },
  'service.type_in_use': {
    en: 'A resource type left out of the manifest still has resources. Delete them first.',
    de: 'Ein im Manifest weggelassener Ressourcentyp hat noch Ressourcen. Bitte löschen Sie diese zuerst.',
  },
  'service.icon_invalid': {
    en: "The service's icon must be an SVG image of at most 8 KB.",
    de: 'Das Symbol des Service muss ein SVG-Bild von höchstens 8 KB sein.',
  },
  'service.icon_not_found': { en: 'This service has no icon.', de: 'Dieser Service hat kein Symbol.' },
  'webhook.not_found': { en: 'This webhook does not exist.', de: 'Diesen Webhook gibt es nicht.' },
  'webhook.delivery_not_found': {
    en: 'This delivery does not exist (deliveries are kept 7 days).',
    de: 'Diese Zustellung gibt es nicht (Zustellungen werden 7 Tage aufbewahrt).',
  },
  'events.cursor_expired': {
    en: 'This cursor is older than the events kept (7 days). Start again without one.',
    de: 'Dieser Cursor ist älter als die aufbewahrten Ereignisse (7 Tage). Beginnen Sie ohne Cursor neu.',
  },
  'webhook.address_refused': {
    en: 'Webhooks may not be sent to this address.',
    de: 'An diese Adresse dürfen keine Webhooks gesendet werden.',
  },
  'service.busy': {
    en: 'The service is busy. Please try again in a moment.',
    de: 'Der Dienst ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.',
  },
  'service.unavailable': {
    en: 'The service is temporarily unavailable. Please try again in a moment.',
    de: 'Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
  },
  internal: {
    en: 'Something went wrong on our side. Please try again.',
    de: 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es erneut.',
  },
  // Not from the service: the browser could not reach it.
  network: {
    en: 'The service cannot be reached. Check your connection and try again.',
    de: 'Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  },
};

export function errorText(code: string, lang: Lang, fallbackTitle?: string): string {
  const m = ERROR_MESSAGES[code];
  if (m) return m[lang];
  return (
    fallbackTitle ?? (lang === 'de' ? 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.' : 'That did not work. Please try again.')
  );
}

/** One entry of a 400's `errors[]` (the shape of web/src/api/client.ts's FieldProblem). */
interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

const limitIn = (message: string) => /(\d+)/.exec(message)?.[1];

/**
 * A field's problem in words. The service writes some messages for people ("Enter a valid e-mail
 * address.", capitalised) and passes JSON Schema's on ("must NOT have more than 100 characters"):
 * those, and every message in German, are put in words here from the rule and its limit.
 */
export function fieldProblemText(problem: FieldProblem, lang: Lang): string {
  const { rule, message, field } = problem;
  const de = lang === 'de';
  const n = limitIn(message);
  const email = /email/i.test(field) || /e-mail/i.test(message);
  const uuid = /uuid/i.test(field);
  switch (rule) {
    case 'required':
      return de ? 'Bitte füllen Sie dieses Feld aus.' : 'Please fill in this field.';
    case 'minLength':
      if (/vat/i.test(field))
        return de
          ? 'Eine USt-IdNr. hat mindestens 2 Zeichen, etwa DE123456789.'
          : 'A VAT id has at least 2 characters, such as DE123456789.';
      if (!n || n === '1') return de ? 'Bitte füllen Sie dieses Feld aus.' : 'Please fill in this field.';
      return de ? `Mindestens ${n} Zeichen.` : `At least ${n} characters.`;
    case 'maxLength':
      return n ? (de ? `Höchstens ${n} Zeichen.` : `At most ${n} characters.`) : de ? 'Zu lang.' : 'Too long.';
    case 'format':
      if (email) return de ? 'Geben Sie eine gültige E-Mail-Adresse ein.' : 'Enter a valid e-mail address.';
      if (uuid)
        return de
          ? 'Geben Sie die UUID ein, die auf dem Gerät steht, etwa 123e4567-e89b-12d3-a456-426614174000.'
          : 'Enter the UUID printed on the device, like 123e4567-e89b-12d3-a456-426614174000.';
      break;
    case 'pattern':
      return de
        ? 'Enthält Zeichen, die hier nicht erlaubt sind (etwa Zeilenumbrüche oder Steuerzeichen).'
        : 'Contains characters that are not allowed here (such as line breaks or control characters).';
    case 'enum':
      return de ? 'Bitte wählen Sie einen der angebotenen Werte.' : 'Please choose one of the offered values.';
    case 'device':
      return de ? 'Dieses Gerät gibt es in dieser Organisation nicht.' : 'No such device in this organization.';
    case 'text':
      return de ? 'Enthält Zeichen, die kein Text sind.' : 'Contains characters that are not text.';
    default:
      break;
  }
  if (!de && /^[A-Z]/.test(message)) return message;
  return de ? 'Bitte prüfen Sie diese Angabe.' : 'Please check this value.';
}
