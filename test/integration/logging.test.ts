// The logs are read by more people than the database is: they must never hold a password, a
// session token, a mailed token, a password hash or a credential header.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../support/eventually.js';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/config.js';
import { createLogger, redactTokenInUrl } from '../../src/logger.js';
import { createGatehouse } from '../../src/server.js';
import { PUBLIC_URL, startTestService, uniqueEmail, type TestService } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';

function collector() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  return { lines, stream };
}

/** The value of the session cookie in a login answer's Set-Cookie. */
function sessionCookieOf(setCookie: unknown): string {
  const m = /gatehouse_session=([^;]+)/.exec(String(setCookie));
  assert.ok(m, `no session cookie in ${String(setCookie)}`);
  return m[1]!;
}

describe('what the service logs during the account flows', () => {
  let svc: TestService;
  const secrets = new Map<string, string>();
  before(async () => {
    svc = await startTestService();
  });
  after(async () => {
    await svc?.close();
  });

  test('a full sign-up, verify, login, password change and reset leaves no secret in the log', async () => {
    const email = uniqueEmail('logcheck');
    const first = 'Log-First-Secret-7731';
    const changed = 'Log-Changed-Secret-8842';
    const reset = 'Log-Reset-Secret-9953';
    const wrongGuess = 'Log-Wrong-Guess-1064';
    const weak = 'weakpassw';
    secrets.set('first password', first).set('changed password', changed).set('reset password', reset);
    secrets.set('wrong guess', wrongGuess).set('weak password', weak);

    // A refused sign-up (weak password) and a body with a smuggled field.
    assert.equal(
      (await svc.request('POST', '/auth/signup', { email, password: weak, firstName: 'Lo', lastName: 'Gger' })).body.code,
      'password.too_weak',
    );
    assert.equal((await svc.request('POST', '/auth/login', { email, password: wrongGuess, admin: true })).body.code, 'request.invalid');

    assert.equal((await svc.request('POST', '/auth/signup', { email, password: first, firstName: 'Lo', lastName: 'Gger' })).status, 202);
    const verifyToken = tokenFrom(await svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token=')), 'verify-email');
    secrets.set('verify token', verifyToken);
    assert.equal((await svc.request('POST', '/auth/verify-email', { token: verifyToken, password: first })).status, 200);

    assert.equal((await svc.request('POST', '/auth/login', { email, password: wrongGuess })).status, 401);
    const login = await svc.request('POST', '/auth/login', { email, password: first });
    assert.equal(login.status, 200);
    const session1 = login.body.token as string;
    secrets.set('session token 1', session1).set('session cookie 1', sessionCookieOf(login.headers['set-cookie']));

    // Cookie and Authorization headers on the way in.
    assert.equal((await svc.request('GET', '/me', undefined, { cookie: `gatehouse_session=${session1}` })).status, 200);
    assert.equal((await svc.request('GET', '/me', undefined, { token: session1 })).status, 200);
    const bogusBearer = 'Bogus-Bearer-Value-0123456789abcdef';
    secrets.set('bogus bearer', bogusBearer);
    assert.equal((await svc.request('GET', '/me', undefined, { token: bogusBearer })).status, 401);

    assert.equal(
      (await svc.request('PUT', '/me/password', { currentPassword: wrongGuess, newPassword: changed }, { token: session1 })).status,
      403,
    );
    assert.equal(
      (await svc.request('PUT', '/me/password', { currentPassword: first, newPassword: changed }, { token: session1 })).status,
      204,
    );

    assert.equal((await svc.request('POST', '/auth/password-reset', { email })).status, 202);
    const resetToken = tokenFrom(await svc.smtp.waitFor(email, (m) => m.subject === 'Reset your password'), 'reset-password');
    secrets.set('reset token', resetToken);
    assert.equal((await svc.request('POST', '/auth/password-reset/confirm', { token: resetToken, password: reset })).status, 204);
    assert.equal(
      (await svc.request('POST', '/auth/password-reset/confirm', { token: resetToken, password: reset })).body.code,
      'token.invalid',
    );

    const login2 = await svc.request('POST', '/auth/login', { email, password: reset });
    assert.equal(login2.status, 200);
    const session2 = login2.body.token as string;
    secrets.set('session token 2', session2).set('session cookie 2', sessionCookieOf(login2.headers['set-cookie']));
    assert.equal(
      (await svc.request('POST', '/auth/logout', undefined, { cookie: `gatehouse_session=${session2}`, origin: PUBLIC_URL })).status,
      204,
    );
    await svc.flushMail();

    const [row] = await svc.gatehouse.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [email]);
    assert.ok(row?.password_hash.startsWith('$argon2id$'), "expected row?.password_hash.startsWith('$argon2id$')");
    secrets.set('password hash', row!.password_hash);

    // The checks below must not pass vacuously: the requests were logged.
    const logs = svc.logs;
    assert.ok(
      logs.some((l) => l.includes('/api/v1/auth/login')),
      'requests are logged',
    );
    assert.ok(
      logs.some((l) => l.includes('/api/v1/me/password')),
      'requests are logged',
    );
    assert.ok(
      logs.some((l) => l.includes('"statusCode":401')),
      'responses are logged',
    );

    for (const [what, secret] of secrets) {
      const leaks = logs.filter((l) => l.includes(secret));
      assert.deepEqual(leaks, [], `the ${what} appears in the log`);
    }
    for (const line of logs) {
      assert.ok(!line.includes('$argon2'), `a password hash in: ${line}`);
      assert.doesNotMatch(line, /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/, `an Authorization value in: ${line}`);
      assert.doesNotMatch(line, /gatehouse_session=[^;"\s[]/, `a cookie value in: ${line}`);
      const parsed = JSON.parse(line) as Record<string, any>;
      for (const header of ['authorization', 'cookie', 'set-cookie']) {
        const value = parsed.req?.headers?.[header] ?? parsed.res?.headers?.[header];
        assert.ok(value === undefined || value === '[redacted]', `${header} header logged: ${line}`);
      }
    }
  });

  test('a URL that carries a token is logged with token=[redacted]', async () => {
    const token = 'UrlToken_abcdefghijklmnopqrstuvwxyz0123456789';
    const res = await svc.request('GET', `/api/v1/auth/verify-email?token=${token}&lang=de`, undefined, {
      headers: { 'x-request-id': 'url-token-check' },
    });
    assert.ok(res.status >= 400, 'expected res.status >= 400');
    const lines = svc.logs.filter((l) => l.includes('url-token-check'));
    assert.ok(lines.length > 0, 'the request was logged');
    assert.ok(
      lines.some((l) => l.includes('/api/v1/auth/verify-email?token=[redacted]&lang=de')),
      lines.join('\n'),
    );
    assert.deepEqual(
      svc.logs.filter((l) => l.includes(token)),
      [],
    );
  });
});

describe('createLogger', () => {
  test('redacts credentials by key, at the top level and one level down, and tokens in URLs', () => {
    const { lines, stream } = collector();
    const log = createLogger('info', stream);
    log.info({ password: 'p-top', token: 't-top', key: 'k-top' }, 'top');
    log.info(
      {
        body: {
          password: 'p-1',
          newPassword: 'p-2',
          currentPassword: 'p-3',
          token: 't-1',
          passwordHash: '$argon2id$v=19$x',
          deviceToken: 'd-1',
          key: 'k-1',
        },
      },
      'nested',
    );
    log.info({ headers: { authorization: 'Bearer abcdefghijklmnop', cookie: 'gatehouse_session=zzz' } }, 'headers');
    log.info(
      {
        req: {
          method: 'GET',
          url: '/api/v1/auth/verify-email?token=secret-url-token',
          headers: { authorization: 'Bearer qqqqqqqqqqqqqqqq', cookie: 'gatehouse_session=yyy' },
        },
      },
      'req',
    );
    log.child({ reqId: 'r1' }).info({ req: { method: 'GET', url: '/reset-password?x=1&TOKEN=another-secret#frag' } }, 'child');
    const all = lines.join('\n');
    for (const secret of [
      'p-top',
      't-top',
      'k-top',
      'p-1',
      'p-2',
      'p-3',
      't-1',
      '$argon2',
      'd-1',
      'k-1',
      'abcdefghijklmnop',
      'zzz',
      'secret-url-token',
      'qqqq',
      'yyy',
      'another-secret',
    ]) {
      assert.ok(!all.includes(secret), `${secret} leaked:\n${all}`);
    }
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, any>);
    assert.equal(parsed[0]!.password, '[redacted]');
    assert.equal(parsed[1]!.body.password, '[redacted]');
    assert.equal(parsed[2]!.headers.authorization, '[redacted]');
    assert.equal(parsed[3]!.req.url, '/api/v1/auth/verify-email?token=[redacted]');
    assert.equal(parsed[4]!.req.url, '/reset-password?x=1&TOKEN=[redacted]#frag');
    assert.equal(parsed[0]!.service, 'gatehouse');
  });

  test('redactTokenInUrl leaves other parameters alone', () => {
    assert.equal(redactTokenInUrl('/a?token=x&b=2'), '/a?token=[redacted]&b=2');
    assert.equal(redactTokenInUrl('/a?b=2&token=x'), '/a?b=2&token=[redacted]');
    assert.equal(redactTokenInUrl('/a?mytoken=x'), '/a?mytoken=x');
    assert.equal(redactTokenInUrl('/a/token=x'), '/a/token=x');
  });

  test('respects the level', () => {
    const { lines, stream } = collector();
    const log = createLogger('warn', stream);
    log.info('quiet');
    log.warn('loud');
    assert.equal(lines.length, 1);
    assert.equal(JSON.parse(lines[0]!).msg, 'loud');
  });
});

describe('without SMTP_URL (development)', () => {
  test('mail stays in the outbox and its links are written to the log, so the flow still works', async () => {
    const { lines, stream } = collector();
    const config = loadConfig({
      NODE_ENV: 'test',
      // Always its own in-memory database: on a shared PostgreSQL this worker would claim (and
      // "deliver" to the log) mail that other test files' services are waiting for.
      DATABASE_URL: 'memory',
      PUBLIC_URL,
      LOG_LEVEL: 'info',
      MAILS_PER_RECIPIENT_PER_HOUR: '1000',
    });
    assert.equal(config.smtpUrl, undefined);
    const gatehouse = await createGatehouse(config, { logger: createLogger(config.logLevel, stream) });
    try {
      const email = uniqueEmail('nosmtp');
      const password = 'No-Smtp-Secret-4242';
      const signup = await gatehouse.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        headers: { origin: PUBLIC_URL },
        payload: { email, password, firstName: 'Dev', lastName: 'Loper' },
      });
      assert.equal(signup.statusCode, 202);

      const line = await eventually(
        `a log line with the mail to ${email}:\n${lines.join('\n')}`,
        async () => {
          gatehouse.mailWorker.wake();
          await gatehouse.mailWorker.idle();
          return lines.find((l) => l.includes('mail kept in the outbox') && l.includes(email));
        },
        { intervalMs: 20 },
      );
      const entry = JSON.parse(line) as { level: number; mail: { to: string; subject: string; links: string[] } };
      assert.equal(entry.level, 30);
      assert.equal(entry.mail.to, email);
      assert.equal(entry.mail.subject, 'Confirm your e-mail address');
      assert.equal(entry.mail.links.length, 1);
      const link = new URL(entry.mail.links[0]!);
      assert.equal(`${link.origin}${link.pathname}`, `${PUBLIC_URL}/verify-email`);
      const token = link.searchParams.get('token');
      assert.ok(token && token.length >= 22, 'the logged link holds the real token');

      // The logged link is the working one.
      const verified = await gatehouse.app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify-email',
        headers: { origin: PUBLIC_URL },
        payload: { token, password },
      });
      assert.equal(verified.statusCode, 200, verified.body);
      // The outbox records it as logged, not sent.
      const [kept] = await gatehouse.outbox.list({ limit: 1, recipient: email });
      assert.equal(kept?.status, 'logged');
      // Even here, the password never reaches the log.
      assert.deepEqual(
        lines.filter((l) => l.includes(password) || l.includes('$argon2')),
        [],
      );
    } finally {
      await gatehouse.close();
    }
  });
});
