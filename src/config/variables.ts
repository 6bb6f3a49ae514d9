// Every environment variable the service reads, declared once: its meaning, its default and how
// its text is parsed. The parser (config.ts), the table in docs/configuration.md (written by
// `npm run generate`, checked by a test) and the tests' list of variables to clear are all made
// from this declaration, so they cannot drift apart.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDuration } from './duration.js';

export interface Variable<T> {
  /** What it does, for docs/configuration.md. */
  readonly doc: string;
  /** The default, as docs/configuration.md shows it. */
  readonly default: string;
  /**
   * The value, from the variable's trimmed text (`undefined` when unset or blank). A bad value is
   * reported through `problem` (the message follows the variable's name) and parsed as the default.
   */
  readonly parse: (raw: string | undefined, problem: (message: string) => void) => T;
}

const variable = <T>(v: Variable<T>) => v;

function integer(doc: string, fallback: number, min: number, max: number, defaultDoc = `\`${fallback}\``) {
  return variable({
    doc,
    default: defaultDoc,
    parse(raw, problem) {
      if (raw === undefined) return fallback;
      // Plain decimal digits only: Number() would also take `1e3`, `0x10` or `3000.0`.
      const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      problem(`must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    },
  });
}

/** Milliseconds; `allowZero` where 0 means "never". */
function duration(doc: string, fallback: string, allowZero = false) {
  return variable({
    doc,
    default: `\`${fallback}\``,
    parse(raw, problem) {
      const text = raw ?? fallback;
      const ms = parseDuration(text);
      if (ms !== undefined && (ms !== 0 || allowZero)) return ms;
      problem(`must be a duration like 30s, 15m, 8h or 14d${allowZero ? ' (or 0)' : ''}, got "${text}"`);
      return parseDuration(fallback) ?? 0;
    },
  });
}

/** One of `choices`; `undefined` when unset and there is no fixed default (`fallback`). */
function oneOf<const C extends string, F extends C | undefined>(
  doc: string,
  choices: readonly C[],
  fallback: F,
  said: string,
  defaultDoc = `\`${fallback}\``,
) {
  return variable({
    doc,
    default: defaultDoc,
    parse(raw, problem): C | F {
      const value = raw ?? fallback;
      if (value === undefined || (choices as readonly string[]).includes(value)) return value as C | F;
      problem(`must be ${said}, got "${value}"`);
      return fallback;
    },
  });
}

/** Text as given; `fallback` when unset (none: `undefined`). `check` names what is wrong with a value. */
function text(doc: string, options: { fallback: string; check?: (value: string) => string | undefined }): Variable<string>;
function text(doc: string, options: { unset: string; check?: (value: string) => string | undefined }): Variable<string | undefined>;
function text(
  doc: string,
  options: { fallback?: string; unset?: string; check?: (value: string) => string | undefined },
): Variable<string | undefined> {
  return variable({
    doc,
    default: options.fallback === undefined ? (options.unset ?? 'unset') : `\`${options.fallback}\``,
    parse(raw, problem) {
      const value = raw ?? options.fallback;
      const refused = value === undefined ? undefined : options.check?.(value);
      if (refused) problem(refused);
      return value;
    },
  });
}

// src/config/ and dist/config/ are both two levels below the package root, so this holds for the
// sources run through tsx and for the compiled service alike.
const PACKAGE_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** `PUBLIC_URL` as given: the base URL without a trailing slash, and its origin. */
function publicUrl(raw: string, problem: (message: string) => void): { url: string; origin: string } | undefined {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    if (u.search || u.hash || u.username || u.password) throw new Error('extra parts');
    return { url: `${u.origin}${u.pathname.replace(/\/+$/, '')}`, origin: u.origin };
  } catch {
    // Never echo credentials: the message ends up on the console and in deployment logs.
    const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1[redacted]@');
    problem(`must be an absolute http(s) URL without query, fragment or credentials, got "${shown}"`);
    return undefined;
  }
}

export const VARIABLES = {
  NODE_ENV: oneOf(
    '`production` refuses an `http://` `PUBLIC_URL`, a missing `SMTP_URL` or `OIDC_KEY_SECRET` and an in-memory database',
    ['development', 'production', 'test'],
    'development',
    'development, production or test',
  ),
  PORT: integer('the port to listen on', 3000, 0, 65535),
  HOST: text('the address to listen on', { fallback: '127.0.0.1' }),
  PUBLIC_URL: variable({
    doc: 'base URL for mailed links and the CSRF `Origin` check; `https://` makes cookies `Secure` (and `__Host-` prefixed)',
    default: '`http://localhost:$PORT`',
    parse: (raw, problem) => (raw === undefined ? undefined : publicUrl(raw, problem)),
  }),
  DATABASE_URL: text('`postgres://…`: use that PostgreSQL server (15 or newer); `memory`: an in-memory database (tests)', {
    unset: 'unset: embedded PGlite in `DATA_DIR`',
    check: (v) => (v === 'memory' || /^postgres(ql)?:\/\//.test(v) ? undefined : 'must start with postgres:// or postgresql://'),
  }),
  DATA_DIR: variable({
    doc: 'where the embedded database lives (one process at a time: a lock file guards it); only `serve` creates a database there',
    default: '`./data`',
    parse: (raw) => resolve(raw ?? './data'),
  }),
  SMTP_URL: text('`smtp://user:pass@host:port` or `smtps://…`', {
    unset: 'unset: mail stays in the outbox, links go to the log',
    check(v) {
      try {
        const { protocol } = new URL(v);
        if (protocol === 'smtp:' || protocol === 'smtps:') return undefined;
      } catch {
        // Not a URL: the same message, which never echoes the value (it may hold a password).
      }
      return 'must look like smtp://user:pass@host:port or smtps://…';
    },
  }),
  MAIL_FROM: text('sender address (optionally `Name <address>`)', {
    fallback: 'no-reply@localhost',
    check: (v) =>
      /^[^\s@<>]+@[^\s@<>]+$/.test(v) || /^.*<[^\s@<>]+@[^\s@<>]+>$/.test(v)
        ? undefined
        : `must be an e-mail address (optionally "Name <address>"), got "${v}"`,
  }),
  LOG_LEVEL: oneOf(
    'pino level (`silent` … `trace`)',
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    undefined,
    'one of fatal, error, warn, info, debug, trace, silent',
    '`info` (`silent` with `NODE_ENV=test`)',
  ),
  TRUST_PROXY: variable({
    doc: 'trust `X-Forwarded-For` from these proxies (`true`, or an address/CIDR list); off by default, so a client cannot choose its own address',
    default: 'off',
    parse: (raw): boolean | string => (raw === undefined || raw === 'false' ? false : raw === 'true' ? true : raw),
  }),
  PASSWORD_POLICY: oneOf(
    "`default`: ≥ 10 characters with upper, lower, digit and special character; `nist`: ≥ 15 characters, no composition rules. Both: ≤ 256 characters, never truncated, a 15,000-entry blocklist, and not containing the e-mail's local part",
    ['default', 'nist'],
    'default',
    '"default" or "nist"',
  ),
  SESSION_IDLE_TTL: duration('a session ends after this much inactivity (at most `SESSION_MAX_AGE`)', '8h'),
  SESSION_MAX_AGE: duration('a session ends this long after login', '7d'),
  VERIFY_EMAIL_TTL: duration('lifetime of e-mail verification links', '24h'),
  PASSWORD_RESET_TTL: duration('lifetime of password reset links', '1h'),
  EMAIL_CHANGE_TTL: duration('lifetime of e-mail change confirmation links', '24h'),
  INVITATION_TTL: duration('lifetime of invitations (`0`: they never expire)', '14d', true),
  LOGIN_MAX_ATTEMPTS: integer(
    'failed password attempts on one account from one client address (IPv6 by /64) in `LOGIN_THROTTLE_WINDOW`, then `429` with `Retry-After` for that address only: an attacker elsewhere cannot lock the owner out',
    10,
    1,
    10_000,
  ),
  LOGIN_ACCOUNT_SLOW_AFTER: integer(
    'failed password attempts on one account from all addresses together in `LOGIN_THROTTLE_WINDOW` after which every attempt on it waits one second first (a delay, never a refusal)',
    100,
    1,
    1_000_000,
  ),
  LOGIN_IP_MAX_ATTEMPTS: integer(
    'password attempts per client address (IPv6 by /64) in `LOGIN_THROTTLE_WINDOW`, then `429`',
    100,
    1,
    1_000_000,
  ),
  LOGIN_THROTTLE_WINDOW: duration('the window of the two login limits', '15m'),
  MAILS_PER_RECIPIENT_PER_HOUR: integer(
    'cap on mails that anonymous requests (sign-up, reset, resend) from one client address can send to one recipient; from all addresses together, four times as many. Invitations have budgets of their own',
    5,
    1,
    10_000,
  ),
  SIGNUPS_PER_ADDRESS_PER_HOUR: integer(
    'sign-ups per client address (IPv6 by /64) and hour, then `429 request.throttled`',
    20,
    1,
    1_000_000,
  ),
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: integer(
    'password reset requests per client address (IPv6 by /64) and hour, and as many reset confirmations, then `429 request.throttled`',
    20,
    1,
    1_000_000,
  ),
  INVITATIONS_PER_ORG_PER_HOUR: integer('cap on invitations per organization', 50, 1, 1_000_000),
  HASH_CONCURRENCY: integer(
    'argon2id computations running at once; beyond them and `HASH_QUEUE_LIMIT`, `503 service.busy` at once, so a login storm cannot starve other requests',
    Math.max(1, availableParallelism()),
    1,
    256,
    'the CPU count',
  ),
  HASH_QUEUE_LIMIT: integer('argon2id computations allowed to wait for one of `HASH_CONCURRENCY`', 64, 0, 100_000),
  BODY_LIMIT_BYTES: integer('largest accepted request body (`413` beyond)', 64 * 1024, 1024, 10 * 1024 * 1024),
  WEB_DIR: variable({
    doc: 'the built web UI served at `/` (`vite build` output); missing → the API runs without a UI (a warning in the log)',
    default: '`dist/web` of the package',
    parse: (raw) => resolve(raw ?? PACKAGE_WEB_DIR),
  }),
  METRICS_TOKEN: text(
    'when set, `/metrics` answers only requests with `Authorization: Bearer <this token>` (401 otherwise); unset, `/metrics` is open to whoever reaches the port',
    {
      unset: 'unset: `/metrics` is open',
      // Never echo the value: it is a secret.
      check: (v) => (v.length < 16 ? `must be at least 16 characters long (got ${v.length})` : undefined),
    },
  ),
  OIDC_KEY_SECRET: text(
    'at least 32 characters; seals the OpenID Connect signing and cookie keys stored in PostgreSQL (AES-256-GCM, HKDF); required in production, and the same on every instance',
    {
      unset: 'unset: a development key (warning in the log)',
      // Never echo the value: it is a secret.
      check: (v) => (v.length < 32 ? `must be at least 32 characters long (got ${v.length})` : undefined),
    },
  ),
  WEBHOOK_ALLOWED_HOSTS: variable({
    doc: 'comma-separated host names, addresses or CIDR ranges that webhooks may be sent to although they are private, loopback or link-local (say `127.0.0.1` for a receiver on the same machine, `10.0.0.0/8` for an internal network); every other such address is refused, checked after DNS resolution',
    default: 'unset: only public addresses',
    parse(raw, problem): readonly string[] {
      if (raw === undefined) return [];
      const entries = raw
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e !== '');
      for (const e of entries) {
        if (!/^[a-z0-9.:-]+(\/\d{1,3})?$/.test(e))
          problem(`must list host names, addresses or CIDR ranges separated by commas, got "${e}"`);
      }
      return entries;
    },
  }),
} as const satisfies Record<string, Variable<unknown>>;

type VariableName = keyof typeof VARIABLES;
type ParsedVariables = { [K in VariableName]: ReturnType<(typeof VARIABLES)[K]['parse']> };

/** The names of every variable the service reads (tests clear them for a child process). */
export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[];

/** Parses every variable of `env`; each problem is reported as one line starting with the variable's name. */
export function parseVariables(env: Readonly<Record<string, string | undefined>>, problems: string[]): ParsedVariables {
  const parsed: Record<string, unknown> = {};
  for (const name of VARIABLE_NAMES) {
    const raw = env[name]?.trim();
    parsed[name] = (VARIABLES[name] as Variable<unknown>).parse(raw === '' ? undefined : raw, (message) =>
      problems.push(`${name} ${message}`),
    );
  }
  return parsed as ParsedVariables;
}
