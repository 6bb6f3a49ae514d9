// What the account use cases share: their settings and dependencies, the public shape of a user,
// and the checks on what a person types (addresses, names, passwords).
import { fail } from '../errors.js';
import type { Clock, Random } from '../clock-random.js';
import { normalizeEmail } from '../email.js';
import { checkPassword, type PasswordPolicyMode } from '../passwords/password-policy.js';
import type { MembershipRules } from '../organizations/membership-rules.js';
import type { AuditLog } from '../audit/audit.js';
import type { MailRenderer } from '../mail/ports.js';
import type { Locale } from '../locale.js';
import type { Store, Tx } from '../store.js';
import type { PasswordHasher, UserRecord } from './ports.js';

export interface AccountsSettings {
  publicUrl: string;
  passwordPolicy: PasswordPolicyMode;
  sessionIdleTtlMs: number;
  sessionMaxAgeMs: number;
  verifyEmailTtlMs: number;
  passwordResetTtlMs: number;
  emailChangeTtlMs: number;
  loginMaxAttemptsPerAccount: number;
  loginMaxAttemptsPerIp: number;
  loginAccountSlowAfter: number;
  signupsPerAddressPerHour: number;
  passwordResetsPerAddressPerHour: number;
  loginThrottleWindowMs: number;
  mailsPerRecipientPerHour: number;
  /** Seals TOTP secrets at rest (core/mfa/secret-box.ts); `undefined` outside production. */
  oidcKeySecret?: string | undefined;
}

export interface AccountsDeps {
  store: Store;
  hasher: PasswordHasher;
  mail: MailRenderer;
  clock: Clock;
  random: Random;
  settings: AccountsSettings;
  rules: MembershipRules;
  audit: AuditLog;
  /** Called with the user id when a signed-up user verified their address (invitations hook in here). */
  afterEmailVerified?: (userId: string) => Promise<void>;
  /** Remembers the invitation a newcomer signed up from, to accept it once the address is verified. */
  onSignupWithInvitation?: (tx: Tx, userId: string, email: string, invitationToken: string, now: Date) => Promise<void>;
}

export interface RequestContext {
  ip: string;
  userAgent?: string | undefined;
}

export interface PublicUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  emailVerified: boolean;
  locale: Locale;
  createdAt: Date;
}

export const toPublicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  emailVerified: u.emailVerifiedAt !== null,
  locale: u.locale,
  createdAt: u.createdAt,
});

const CONTROL_CHARACTER = /\p{Cc}/u;

export function requireEmail(address: string, field = '/email'): string {
  // Control characters are no part of an address (RFC 5321), and PostgreSQL refuses a NUL in
  // text: without this check such an address would reach the database and end as a 500.
  const email = CONTROL_CHARACTER.test(address) ? undefined : normalizeEmail(address);
  return email ?? fail('request.invalid', { errors: [{ field, rule: 'format', message: 'Enter a valid e-mail address.' }] });
}

/** Names are shown in mails and lists: line breaks, NUL (a 500 from PostgreSQL) and other control characters are refused. */
export function requirePlainNames(names: { firstName?: string | undefined; lastName?: string | undefined }) {
  const errors = (['firstName', 'lastName'] as const)
    .filter((key) => names[key] !== undefined && CONTROL_CHARACTER.test(names[key]))
    .map((key) => ({ field: `/${key}`, rule: 'pattern', message: 'Must not contain line breaks or other control characters.' }));
  if (errors.length > 0) fail('request.invalid', { errors });
}

export function requireStrongPassword(password: string, policy: PasswordPolicyMode, field: string, email?: string) {
  const problems = checkPassword(password, policy, { field, email });
  if (problems.length > 0) fail('password.too_weak', { errors: problems });
}
