// The only module that reads the environment. Everything else receives a frozen Config. Each
// variable is declared once in variables.ts (meaning, default, parsing), which also writes the
// table in docs/configuration.md; here they become the Config, with the rules between them.
import { parseVariables } from './variables.js';

export type PasswordPolicyMode = 'default' | 'nist';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Origin-less base URL (no trailing slash) used in mailed links and for the CSRF check. */
  readonly publicUrl: string;
  readonly publicOrigin: string;
  readonly secureCookies: boolean;
  /** `undefined`: embedded PGlite in `dataDir`. `memory`: PGlite in memory (tests). */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly logLevel: string;
  /** Trust X-Forwarded-For only from these proxies (Fastify `trustProxy`); default: trust nobody. */
  readonly trustProxy: boolean | string;
  readonly passwordPolicy: PasswordPolicyMode;
  readonly sessionIdleTtlMs: number;
  readonly sessionMaxAgeMs: number;
  readonly verifyEmailTtlMs: number;
  readonly passwordResetTtlMs: number;
  readonly emailChangeTtlMs: number;
  /** 0 = invitations never expire. */
  readonly invitationTtlMs: number;
  readonly loginMaxAttemptsPerAccount: number;
  readonly loginMaxAttemptsPerIp: number;
  readonly loginAccountSlowAfter: number;
  readonly signupsPerAddressPerHour: number;
  readonly passwordResetsPerAddressPerHour: number;
  /** When set, `/metrics` wants `Authorization: Bearer <metricsToken>`. */
  readonly metricsToken: string | undefined;
  readonly loginThrottleWindowMs: number;
  readonly mailsPerRecipientPerHour: number;
  readonly invitationsPerOrgPerHour: number;
  /** How many argon2 computations may run at once, and how many may wait before we shed load. */
  readonly hashConcurrency: number;
  readonly hashQueueLimit: number;
  readonly bodyLimitBytes: number;
  /**
   * Encrypts the OpenID Connect signing and cookie keys stored in PostgreSQL (AES-256-GCM, key
   * derived with HKDF). `undefined` outside production: a fixed development key is used instead.
   */
  readonly oidcKeySecret: string | undefined;
  /** The built web UI (`vite build` output) served at `/`; missing → the API runs without a UI. */
  readonly webDir: string;
  /** Host names, addresses and CIDR ranges webhooks may reach although private (lower case). */
  readonly webhookAllowedHosts: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const v = parseVariables(env, problems);
  const publicUrl = v.PUBLIC_URL?.url ?? `http://localhost:${v.PORT}`;

  const config: Config = {
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    publicUrl,
    publicOrigin: v.PUBLIC_URL?.origin ?? publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    databaseUrl: v.DATABASE_URL,
    dataDir: v.DATA_DIR,
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM,
    logLevel: v.LOG_LEVEL ?? (v.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: v.TRUST_PROXY,
    passwordPolicy: v.PASSWORD_POLICY,
    sessionIdleTtlMs: v.SESSION_IDLE_TTL,
    sessionMaxAgeMs: v.SESSION_MAX_AGE,
    verifyEmailTtlMs: v.VERIFY_EMAIL_TTL,
    passwordResetTtlMs: v.PASSWORD_RESET_TTL,
    emailChangeTtlMs: v.EMAIL_CHANGE_TTL,
    invitationTtlMs: v.INVITATION_TTL,
    loginMaxAttemptsPerAccount: v.LOGIN_MAX_ATTEMPTS,
    loginMaxAttemptsPerIp: v.LOGIN_IP_MAX_ATTEMPTS,
    loginAccountSlowAfter: v.LOGIN_ACCOUNT_SLOW_AFTER,
    signupsPerAddressPerHour: v.SIGNUPS_PER_ADDRESS_PER_HOUR,
    passwordResetsPerAddressPerHour: v.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
    metricsToken: v.METRICS_TOKEN,
    loginThrottleWindowMs: v.LOGIN_THROTTLE_WINDOW,
    mailsPerRecipientPerHour: v.MAILS_PER_RECIPIENT_PER_HOUR,
    invitationsPerOrgPerHour: v.INVITATIONS_PER_ORG_PER_HOUR,
    hashConcurrency: v.HASH_CONCURRENCY,
    hashQueueLimit: v.HASH_QUEUE_LIMIT,
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    oidcKeySecret: v.OIDC_KEY_SECRET,
    webDir: v.WEB_DIR,
    webhookAllowedHosts: Object.freeze([...v.WEBHOOK_ALLOWED_HOSTS]),
  };

  if (config.sessionIdleTtlMs > config.sessionMaxAgeMs) {
    problems.push('SESSION_IDLE_TTL must not be longer than SESSION_MAX_AGE');
  }
  if (config.env === 'production') {
    // Production refuses settings that are fine on a laptop but leak or weaken accounts in the field.
    if (!config.secureCookies) problems.push('NODE_ENV=production requires an https:// PUBLIC_URL (cookies must be Secure)');
    if (!config.smtpUrl) problems.push('NODE_ENV=production requires SMTP_URL (without it, mailed links would be written to the log)');
    if (config.databaseUrl === 'memory') problems.push('NODE_ENV=production cannot use an in-memory database');
    if (!config.oidcKeySecret)
      problems.push('NODE_ENV=production requires OIDC_KEY_SECRET (it encrypts the OpenID Connect signing keys in the database)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
