// Every mail the service sends, as plain text and HTML, in the recipient's language (English or
// German, the web UI's two; German in the "Sie" form, in the UI's words). Rendered when the mail is
// enqueued, so the outbox holds exactly what will be delivered.
import type { Locale } from '../core/locale.js';
import type { MailRenderer, MailTemplate, OutgoingMail } from '../core/mail/ports.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

/** The words every mail shares. */
const FRAME: Record<Locale, { footer: string; openInBrowser: string }> = {
  en: { footer: 'If you did not expect this message, you can ignore it.', openInBrowser: 'Or open this address in your browser:' },
  de: {
    footer: 'Falls Sie diese Nachricht nicht erwartet haben, können Sie sie ignorieren.',
    openInBrowser: 'Oder öffnen Sie diese Adresse in Ihrem Browser:',
  },
};

function compose(kind: string, to: string, locale: Locale, c: Content): OutgoingMail {
  const frame = FRAME[locale];
  const footer = c.footer ?? frame.footer;
  const text = [
    c.greeting,
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ''] : []),
    footer,
    '',
    '— Gatehouse',
  ].join('\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24;max-width:560px">
<p>${escapeHtml(c.greeting)}</p>
${c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  c.action
    ? `<p><a href="${escapeHtml(c.action.url)}" style="display:inline-block;padding:10px 18px;background:#0b6e4f;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(c.action.label)}</a></p>
<p style="font-size:13px;color:#555">${escapeHtml(frame.openInBrowser)} ${escapeHtml(c.action.url)}</p>`
    : ''
}
<p style="font-size:13px;color:#555">${escapeHtml(footer)}</p>
<p style="font-size:13px;color:#555">— Gatehouse</p>
</body></html>`;
  return { kind, to, subject: c.subject, text, html, links: c.action ? [c.action.url] : [] };
}

/**
 * Names in mails are whatever someone typed, and anonymous requests (a sign-up with someone else's
 * address) choose them: a name that carries a link or a domain ("Win a prize at https://…",
 * "evil.example") is left out of the greeting instead of being shown ("Hello,"). Names are never
 * refused for it: only the mail is neutralised.
 */
function looksLikeLinkOrDomain(name: string): boolean {
  const folded = name.normalize('NFKC').toLowerCase();
  return /:\/\/|www\.|@|[\p{L}\p{N}-][.。．｡][a-z]{2,}\b/u.test(folded);
}

const hello = (firstName: string) => (looksLikeLinkOrDomain(firstName) ? 'Hello,' : `Hello ${firstName},`);
const hallo = (firstName: string) => (looksLikeLinkOrDomain(firstName) ? 'Hallo,' : `Hallo ${firstName},`);

/** A day as people write it: "7 December 2026", "7. Dezember 2026" (UTC, like the expiry itself). */
const day = (date: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);

function english(t: MailTemplate): Content {
  switch (t.kind) {
    case 'verify_email':
      return {
        subject: 'Confirm your e-mail address',
        greeting: hello(t.firstName),
        paragraphs: [
          'Please confirm your e-mail address to finish creating your Gatehouse account. The link works once and expires in 24 hours.',
        ],
        action: { label: 'Confirm e-mail address', url: t.link },
      };
    case 'signup_existing_account':
      return {
        subject: 'You already have an account',
        greeting: hello(t.firstName),
        paragraphs: [
          'Someone (probably you) tried to create a Gatehouse account with this e-mail address, but an account already exists. No new account was created.',
          `To sign in, use ${t.loginLink}. If you forgot your password, reset it at ${t.resetLink}.`,
        ],
        footer: 'If this was not you, no action is needed: your account is unchanged.',
      };
    case 'password_reset':
      return {
        subject: 'Reset your password',
        greeting: hello(t.firstName),
        paragraphs: [
          'We received a request to reset your Gatehouse password. The link works once and expires in one hour. Resetting signs you out on every device.',
        ],
        action: { label: 'Choose a new password', url: t.link },
        footer: 'If you did not ask for this, ignore this message: your password stays as it is.',
      };
    case 'password_changed':
      return {
        subject: 'Your password was changed',
        greeting: hello(t.firstName),
        paragraphs: ['The password of your Gatehouse account was just changed, and your other sessions were signed out.'],
        footer: 'If this was not you, reset your password right away and contact your administrator.',
      };
    case 'second_factor_changed': {
      const what = {
        totp_enabled: 'An authenticator app was set up as a second factor for your Gatehouse account, and you received new recovery codes.',
        totp_disabled: 'The authenticator app was removed from the second factors of your Gatehouse account.',
        passkey_added: `A passkey ("${t.passkeyName ?? ''}") was added to your Gatehouse account.`,
        passkey_removed: `A passkey ("${t.passkeyName ?? ''}") was removed from your Gatehouse account.`,
        recovery_codes_regenerated: 'New recovery codes were made for your Gatehouse account; the earlier ones no longer work.',
        reset_by_operator:
          'The operator of Gatehouse removed every second factor of your account (authenticator app, passkeys, recovery codes). You sign in with your password alone until you set one up again.',
      }[t.change];
      return {
        subject: 'The second factors of your account changed',
        greeting: hello(t.firstName),
        paragraphs: [what],
        footer: 'If this was not you, change your password right away and contact your administrator.',
      };
    }
    case 'email_change_confirm':
      return {
        subject: 'Confirm your new e-mail address',
        greeting: hello(t.firstName),
        paragraphs: [
          'Please confirm that this is the new e-mail address of your Gatehouse account. Until you do, your account keeps its old address. The link works once and expires in 24 hours.',
        ],
        action: { label: 'Confirm new address', url: t.link },
      };
    case 'email_change_taken':
      return {
        subject: 'Someone tried to use your e-mail address',
        greeting: 'Hello,',
        paragraphs: [
          'Someone asked to move another Gatehouse account to this e-mail address. Your address already belongs to an account, so nothing was changed.',
        ],
        footer: 'No action is needed.',
      };
    case 'email_changed_notice':
      return {
        subject: 'Your e-mail address was changed',
        greeting: hello(t.firstName),
        paragraphs: [
          `The e-mail address of your Gatehouse account was changed to ${t.newEmail}. This address will no longer receive messages about the account.`,
        ],
        footer: 'If this was not you, contact your administrator right away.',
      };
    case 'invitation':
      return {
        // The inviter's message is theirs, quoted as plain text (escaped in HTML like every paragraph).
        subject: `${t.inviterName} invited you to ${t.organizationName}`,
        greeting: 'Hello,',
        paragraphs: [
          `${t.inviterName} invited you to join the organization "${t.organizationName}" on Gatehouse as ${t.roleName}.`,
          ...(t.message ? [`Their message: “${t.message}”`] : []),
          `Open the link to accept. If you have no account yet, you can create one with this e-mail address on the way. ${t.expiresAt ? `The invitation expires on ${day(t.expiresAt, 'en')}.` : ''}`.trim(),
        ],
        action: { label: 'Accept the invitation', url: t.link },
        footer: 'If you do not know the sender, ignore this message: nothing happens unless you accept.',
      };
  }
}

function german(t: MailTemplate): Content {
  switch (t.kind) {
    case 'verify_email':
      return {
        subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
        greeting: hallo(t.firstName),
        paragraphs: [
          'bitte bestätigen Sie Ihre E-Mail-Adresse, um die Einrichtung Ihres Gatehouse-Kontos abzuschließen. Der Link kann einmal verwendet werden und ist 24 Stunden lang gültig.',
        ],
        action: { label: 'E-Mail-Adresse bestätigen', url: t.link },
      };
    case 'signup_existing_account':
      return {
        subject: 'Sie haben bereits ein Konto',
        greeting: hallo(t.firstName),
        paragraphs: [
          'jemand (vermutlich Sie) wollte mit dieser E-Mail-Adresse ein Gatehouse-Konto erstellen. Zu dieser Adresse gibt es aber bereits ein Konto; es wurde kein neues angelegt.',
          `Melden Sie sich unter ${t.loginLink} an. Falls Sie Ihr Passwort vergessen haben, können Sie es unter ${t.resetLink} zurücksetzen.`,
        ],
        footer: 'Falls Sie das nicht waren, müssen Sie nichts tun: Ihr Konto bleibt unverändert.',
      };
    case 'password_reset':
      return {
        subject: 'Setzen Sie Ihr Passwort zurück',
        greeting: hallo(t.firstName),
        paragraphs: [
          'wir haben eine Anfrage erhalten, das Passwort Ihres Gatehouse-Kontos zurückzusetzen. Der Link kann einmal verwendet werden und ist eine Stunde lang gültig. Mit dem Zurücksetzen werden Sie auf allen Geräten abgemeldet.',
        ],
        action: { label: 'Neues Passwort festlegen', url: t.link },
        footer: 'Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.',
      };
    case 'password_changed':
      return {
        subject: 'Ihr Passwort wurde geändert',
        greeting: hallo(t.firstName),
        paragraphs: ['das Passwort Ihres Gatehouse-Kontos wurde soeben geändert, und Ihre übrigen Sitzungen wurden beendet.'],
        footer:
          'Falls Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und wenden Sie sich an Ihre Administratorin oder Ihren Administrator.',
      };
    case 'second_factor_changed': {
      const what = {
        totp_enabled:
          'für Ihr Gatehouse-Konto wurde eine Authenticator-App als zweiter Faktor eingerichtet, und Sie haben neue Wiederherstellungscodes erhalten.',
        totp_disabled: 'die Authenticator-App wurde aus den zweiten Faktoren Ihres Gatehouse-Kontos entfernt.',
        passkey_added: `Ihrem Gatehouse-Konto wurde ein Passkey („${t.passkeyName ?? ''}“) hinzugefügt.`,
        passkey_removed: `ein Passkey („${t.passkeyName ?? ''}“) wurde aus Ihrem Gatehouse-Konto entfernt.`,
        recovery_codes_regenerated:
          'für Ihr Gatehouse-Konto wurden neue Wiederherstellungscodes erstellt; die bisherigen gelten nicht mehr.',
        reset_by_operator:
          'der Betreiber von Gatehouse hat alle zweiten Faktoren Ihres Kontos entfernt (Authenticator-App, Passkeys, Wiederherstellungscodes). Bis Sie wieder einen einrichten, melden Sie sich nur mit Ihrem Passwort an.',
      }[t.change];
      return {
        subject: 'Die zweiten Faktoren Ihres Kontos wurden geändert',
        greeting: hallo(t.firstName),
        paragraphs: [what],
        footer:
          'Falls Sie das nicht waren, ändern Sie sofort Ihr Passwort und wenden Sie sich an Ihre Administratorin oder Ihren Administrator.',
      };
    }
    case 'email_change_confirm':
      return {
        subject: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
        greeting: hallo(t.firstName),
        paragraphs: [
          'bitte bestätigen Sie, dass dies die neue E-Mail-Adresse Ihres Gatehouse-Kontos ist. Bis dahin behält Ihr Konto die bisherige Adresse. Der Link kann einmal verwendet werden und ist 24 Stunden lang gültig.',
        ],
        action: { label: 'Neue Adresse bestätigen', url: t.link },
      };
    case 'email_change_taken':
      return {
        subject: 'Jemand wollte Ihre E-Mail-Adresse verwenden',
        greeting: 'Hallo,',
        paragraphs: [
          'jemand wollte ein anderes Gatehouse-Konto auf diese E-Mail-Adresse umstellen. Ihre Adresse gehört bereits zu einem Konto, daher wurde nichts geändert.',
        ],
        footer: 'Sie müssen nichts tun.',
      };
    case 'email_changed_notice':
      return {
        subject: 'Ihre E-Mail-Adresse wurde geändert',
        greeting: hallo(t.firstName),
        paragraphs: [
          `die E-Mail-Adresse Ihres Gatehouse-Kontos wurde in ${t.newEmail} geändert. An diese Adresse gehen keine Nachrichten zu dem Konto mehr.`,
        ],
        footer: 'Falls Sie das nicht waren, wenden Sie sich sofort an Ihre Administratorin oder Ihren Administrator.',
      };
    case 'invitation':
      return {
        subject: `${t.inviterName} lädt Sie zu ${t.organizationName} ein`,
        greeting: 'Hallo,',
        paragraphs: [
          `${t.inviterName} lädt Sie ein, der Organisation „${t.organizationName}“ in Gatehouse als ${t.roleName} beizutreten.`,
          ...(t.message ? [`Nachricht von ${t.inviterName}: „${t.message}“`] : []),
          `Öffnen Sie den Link, um die Einladung anzunehmen. Falls Sie noch kein Konto haben, können Sie dabei eines mit dieser E-Mail-Adresse erstellen. ${t.expiresAt ? `Die Einladung gilt bis zum ${day(t.expiresAt, 'de')}.` : ''}`.trim(),
        ],
        action: { label: 'Einladung annehmen', url: t.link },
        footer: 'Falls Sie die einladende Person nicht kennen, ignorieren Sie diese Nachricht: Ohne Ihre Zustimmung geschieht nichts.',
      };
  }
}

const CONTENT: Record<Locale, (t: MailTemplate) => Content> = { en: english, de: german };

export const mailRenderer: MailRenderer = {
  render: (t) => compose(t.kind, t.to, t.locale, CONTENT[t.locale](t)),
};
