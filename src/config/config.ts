// The only module that reads the environment. Everything else receives a frozen Config.
// Defaults here are the documentation: docs/configuration.md's table mirrors this list.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseDuration } from './duration.js';

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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// src/config/ and dist/config/ are both two levels below the package root, so this holds for the
// sources run through tsx and for the compiled service alike.
const PACKAGE_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    // Plain decimal digits only: Number() would also take `1e3`, `0x10` or `3000.0`.
    const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const duration = (name: string, fallback: string, allowZero = false): number => {
    const raw = str(name) ?? fallback;
    const ms = parseDuration(raw);
    if (ms === undefined || (ms === 0 && !allowZero)) {
      problems.push(`${name} must be a duration like 30s, 15m, 8h or 14d${allowZero ? ' (or 0)' : ''}, got "${raw}"`);
      return parseDuration(fallback) ?? 0;
    }
    return ms;
  };

  const nodeEnv = str('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST') ?? '127.0.0.1';

  let publicUrl = str('PUBLIC_URL') ?? `http://localhost:${port}`;
  let publicOrigin = publicUrl;
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    if (u.search || u.hash || u.username || u.password) throw new Error('extra parts');
    publicUrl = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
    publicOrigin = u.origin;
  } catch {
    // Never echo credentials: the message ends up on the console and in deployment logs.
    const shown = publicUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1[redacted]@');
    problems.push(`PUBLIC_URL must be an absolute http(s) URL without query, fragment or credentials, got "${shown}"`);
  }

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl !== undefined && databaseUrl !== 'memory' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const smtpUrl = str('SMTP_URL');
  if (smtpUrl !== undefined) {
    try {
      const u = new URL(smtpUrl);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error('protocol');
    } catch {
      problems.push('SMTP_URL must look like smtp://user:pass@host:port or smtps://…');
    }
  }
  const mailFrom = str('MAIL_FROM') ?? 'no-reply@localhost';
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(mailFrom) && !/^.*<[^\s@<>]+@[^\s@<>]+>$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an e-mail address (optionally "Name <address>"), got "${mailFrom}"`);
  }
  const policy = str('PASSWORD_POLICY') ?? 'default';
  if (policy !== 'default' && policy !== 'nist') {
    problems.push(`PASSWORD_POLICY must be "default" or "nist", got "${policy}"`);
  }
  const trustRaw = str('TRUST_PROXY');
  const trustProxy: boolean | string =
    trustRaw === undefined || trustRaw === 'false' ? false : trustRaw === 'true' ? true : trustRaw;
  const logLevel = str('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }

  const config: Config = {
    env: nodeEnv as Config['env'],
    port,
    host,
    publicUrl,
    publicOrigin,
    secureCookies: publicUrl.startsWith('https://'),
    databaseUrl,
    dataDir: resolve(str('DATA_DIR') ?? './data'),
    smtpUrl,
    mailFrom,
    logLevel,
    trustProxy,
    passwordPolicy: policy as PasswordPolicyMode,
    sessionIdleTtlMs: duration('SESSION_IDLE_TTL', '8h'),
    sessionMaxAgeMs: duration('SESSION_MAX_AGE', '7d'),
    verifyEmailTtlMs: duration('VERIFY_EMAIL_TTL', '24h'),
    passwordResetTtlMs: duration('PASSWORD_RESET_TTL', '1h'),
    emailChangeTtlMs: duration('EMAIL_CHANGE_TTL', '24h'),
    invitationTtlMs: duration('INVITATION_TTL', '14d', true),
    loginMaxAttemptsPerAccount: int('LOGIN_MAX_ATTEMPTS', 10, 1, 10_000),
    loginMaxAttemptsPerIp: int('LOGIN_IP_MAX_ATTEMPTS', 100, 1, 1_000_000),
    loginThrottleWindowMs: duration('LOGIN_THROTTLE_WINDOW', '15m'),
    mailsPerRecipientPerHour: int('MAILS_PER_RECIPIENT_PER_HOUR', 5, 1, 10_000),
    invitationsPerOrgPerHour: int('INVITATIONS_PER_ORG_PER_HOUR', 50, 1, 1_000_000),
    hashConcurrency: int('HASH_CONCURRENCY', Math.max(1, availableParallelism()), 1, 256),
    hashQueueLimit: int('HASH_QUEUE_LIMIT', 64, 0, 100_000),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    oidcKeySecret: str('OIDC_KEY_SECRET'),
    webDir: resolve(str('WEB_DIR') ?? PACKAGE_WEB_DIR),
  };

  if (config.sessionIdleTtlMs > config.sessionMaxAgeMs) {
    problems.push('SESSION_IDLE_TTL must not be longer than SESSION_MAX_AGE');
  }
  if (config.oidcKeySecret !== undefined && config.oidcKeySecret.length < 32) {
    // Never echo the value: it is a secret.
    problems.push(`OIDC_KEY_SECRET must be at least 32 characters long (got ${config.oidcKeySecret.length})`);
  }
  if (config.env === 'production') {
    // Production refuses settings that are fine on a laptop but leak or weaken accounts in the field.
    if (!config.secureCookies) problems.push('NODE_ENV=production requires an https:// PUBLIC_URL (cookies must be Secure)');
    if (!config.smtpUrl) problems.push('NODE_ENV=production requires SMTP_URL (without it, mailed links would be written to the log)');
    if (config.databaseUrl === 'memory') problems.push('NODE_ENV=production cannot use an in-memory database');
    if (!config.oidcKeySecret) problems.push('NODE_ENV=production requires OIDC_KEY_SECRET (it encrypts the OpenID Connect signing keys in the database)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
