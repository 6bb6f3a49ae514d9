// Mail: the messages the use cases send (rendered by `mail/`) and the outbox they enter.
import type { Locale } from '../locale.js';

export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Links in the message; written to the log when no SMTP server is configured. */
  links: string[];
}

/** What happened to a person's second factors (each change mails them). */
export type SecondFactorChange =
  | 'totp_enabled'
  | 'totp_disabled'
  | 'passkey_added'
  | 'passkey_removed'
  | 'recovery_codes_regenerated'
  | 'reset_by_operator';

/** A message and the language of its recipient (who that is: docs/decisions.md, "Language"). */
export type MailTemplate = { locale: Locale } & (
  | { kind: 'verify_email'; to: string; firstName: string; link: string }
  | { kind: 'signup_existing_account'; to: string; firstName: string; loginLink: string; resetLink: string }
  | { kind: 'password_reset'; to: string; firstName: string; link: string }
  | { kind: 'password_changed'; to: string; firstName: string }
  | { kind: 'second_factor_changed'; to: string; firstName: string; change: SecondFactorChange; passkeyName?: string | undefined }
  | { kind: 'email_change_confirm'; to: string; firstName: string; link: string }
  | { kind: 'email_change_taken'; to: string }
  | { kind: 'email_changed_notice'; to: string; firstName: string; newEmail: string }
  | {
      kind: 'invitation';
      to: string;
      organizationName: string;
      inviterName: string;
      roleName: string;
      message: string | null;
      link: string;
      expiresAt: Date | null;
    }
);

export interface MailRenderer {
  render(template: MailTemplate): OutgoingMail;
}

export interface OutboxRepo {
  enqueue(mail: OutgoingMail, now: Date): Promise<string>;
}
