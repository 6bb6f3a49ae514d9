// Starts a whole Gatehouse in the test process: real PostgreSQL (PGlite in memory, or the server
// named by TEST_DATABASE_URL), a real SMTP catcher, and an HTTP client over `app.inject()`.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import type { Clock } from '../../src/core/clock-random.js';
import { createLogger } from '../../src/logger.js';
import { createGatehouse, type Gatehouse } from '../../src/server.js';
import { startSmtpCatcher, tokenFrom, type SmtpCatcher } from './smtp.js';

export const PUBLIC_URL = 'http://gatehouse.test';

/** A clock tests can move forward (token expiry, idle sessions) without waiting. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now() {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number) {
    this.offsetMs += ms;
  }
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
  ip?: string;
  rawBody?: string;
  contentType?: string;
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

export interface TestService {
  gatehouse: Gatehouse;
  smtp: SmtpCatcher;
  clock: TestClock;
  /** Everything the service logged, as raw JSON lines. */
  logs: string[];
  request<T = any>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<Response<T>>;
  /** Waits for the outbox to deliver what is due. */
  flushMail(): Promise<void>;
  close(): Promise<void>;
}

export function uniqueEmail(prefix = 'user', domain = 'example.com') {
  return `${prefix}-${randomUUID().slice(0, 8)}@${domain}`;
}

export const STRONG_PASSWORD = 'Correct-Horse-42-Battery';

/**
 * On a PostgreSQL server every test service gets a schema of its own (via search_path), so test
 * files running side by side share no outbox, counters or rows. Returns the URL and a cleanup.
 */
export async function isolatedDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { url: 'memory', drop: async () => {} };
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export async function startTestService(
  env: Record<string, string> = {},
  options: { webhooks?: NonNullable<Parameters<typeof createGatehouse>[1]>['webhooks'] } = {},
): Promise<TestService> {
  const smtp = await startSmtpCatcher();
  const database = await isolatedDatabase();
  const logs: string[] = [];
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    PUBLIC_URL,
    LOG_LEVEL: 'info',
    // Tests share 127.0.0.1; the per-IP limit gets its own test with distinct addresses.
    LOGIN_IP_MAX_ATTEMPTS: '1000000',
    MAILS_PER_RECIPIENT_PER_HOUR: '1000',
    // Likewise the per-address limits on sign-up and password reset (their tests set them low).
    SIGNUPS_PER_ADDRESS_PER_HOUR: '1000000',
    PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '1000000',
    ...env,
  });
  const logger = createLogger(
    config.logLevel,
    new Writable({
      write(chunk, _enc, cb) {
        logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    }),
  );
  const clock = new TestClock();
  const gatehouse = await createGatehouse(config, { clock, logger, webhooks: options.webhooks });
  await gatehouse.app.ready();

  return {
    gatehouse,
    smtp,
    clock,
    logs,
    async request(method, path, body, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      const origin = options.origin === undefined ? (method === 'GET' ? undefined : config.publicOrigin) : options.origin;
      if (origin) headers.origin = origin;
      let payload: string | undefined;
      if (options.rawBody !== undefined) payload = options.rawBody;
      else if (body !== undefined) payload = JSON.stringify(body);
      if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
      const res = await gatehouse.app.inject({
        method: method as 'GET',
        url:
          path.startsWith('/api/') || !path.startsWith('/') || ['/healthz', '/readyz', '/metrics'].includes(path) ? path : `/api/v1${path}`,
        headers,
        payload,
        remoteAddress: options.ip ?? '127.0.0.1',
      });
      let parsed: unknown = res.body;
      if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body !== '') parsed = JSON.parse(res.body);
      return { status: res.statusCode, body: parsed as any, headers: res.headers, raw: res };
    },
    async flushMail() {
      gatehouse.mailWorker.wake();
      await gatehouse.mailWorker.idle();
    },
    async close() {
      await gatehouse.close();
      await smtp.close();
      await database.drop();
    },
  };
}

export interface SignedUpUser {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  userId: string;
  token: string;
  activeOrganizationId: string;
}

/** Signs up through the API, verifies with the token from the received mail and logs in. */
export async function signUpAndLogin(
  svc: TestService,
  overrides: Partial<{ email: string; password: string; firstName: string; lastName: string }> = {},
): Promise<SignedUpUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? STRONG_PASSWORD;
  const firstName = overrides.firstName ?? 'Test';
  const lastName = overrides.lastName ?? 'User';
  const signup = await svc.request('POST', '/auth/signup', { email, password, firstName, lastName });
  if (signup.status !== 202) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const mail = await svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='));
  const verified = await svc.request('POST', '/auth/verify-email', { token: tokenFrom(mail, 'verify-email'), password });
  if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  const login = await svc.request('POST', '/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return {
    email,
    password,
    firstName,
    lastName,
    userId: login.body.user.id,
    token: login.body.token,
    activeOrganizationId: login.body.activeOrganizationId,
  };
}

/**
 * Adds a membership directly in the database: a fixture for tests of members and roles that must
 * not depend on the invitation flow. (Invitations have their own end-to-end tests.)
 */
export async function addMember(svc: TestService, orgId: string, userId: string, roleId = 'viewer', invitedBy: string | null = null) {
  await svc.gatehouse.db.query(`INSERT INTO memberships (org_id, user_id, role_id, joined_at, invited_by) VALUES ($1, $2, $3, $4, $5)`, [
    orgId,
    userId,
    roleId,
    svc.clock.now(),
    invitedBy,
  ]);
}

/** Signs up `count` users at once (each with their own organization). */
export function signUpMany(
  svc: TestService,
  count: number,
  overrides: (i: number) => Partial<{ email: string; firstName: string; lastName: string }> = () => ({}),
) {
  // Six at a time: sign-ups are anonymous hashes, which may hold only a small share of the hashing
  // gate (src/core/accounts/password-hasher.ts); a wider burst would be shed with 503.
  const out: SignedUpUser[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await signUpAndLogin(svc, overrides(i));
    }
  };
  return Promise.all(Array.from({ length: Math.min(6, count) }, worker)).then(() => out);
}
