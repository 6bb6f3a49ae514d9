import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';
import { parseDuration } from '../../src/config/duration.js';
import { VARIABLE_NAMES, VARIABLES } from '../../src/config/variables.js';
import { fileURLToPath } from 'node:url';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The ConfigError `fn` throws (fails the test if it throws anything else or nothing). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ConfigError');
}

const OIDC_KEY_SECRET = 'a-long-random-secret-from-the-vault-0123456789';
const PRODUCTION_OK = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://gatehouse.example.com',
  SMTP_URL: 'smtp://mailer:pw@smtp.example.com:587',
  OIDC_KEY_SECRET,
};

describe('loadConfig defaults', () => {
  test('an empty environment gives the documented defaults', () => {
    const c = loadConfig({});
    const expected: Partial<Config> = {
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      publicOrigin: 'http://localhost:3000',
      secureCookies: false,
      databaseUrl: undefined,
      dataDir: resolve('./data'),
      webDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
      smtpUrl: undefined,
      mailFrom: 'no-reply@localhost',
      logLevel: 'info',
      trustProxy: false,
      passwordPolicy: 'default',
      sessionIdleTtlMs: 8 * HOUR,
      sessionMaxAgeMs: 7 * DAY,
      verifyEmailTtlMs: 24 * HOUR,
      passwordResetTtlMs: HOUR,
      emailChangeTtlMs: 24 * HOUR,
      invitationTtlMs: 14 * DAY,
      loginMaxAttemptsPerAccount: 10,
      loginMaxAttemptsPerIp: 100,
      loginAccountSlowAfter: 100,
      loginThrottleWindowMs: 15 * MIN,
      mailsPerRecipientPerHour: 5,
      signupsPerAddressPerHour: 20,
      passwordResetsPerAddressPerHour: 20,
      metricsToken: undefined,
      invitationsPerOrgPerHour: 50,
      hashConcurrency: Math.max(1, availableParallelism()),
      hashQueueLimit: 64,
      bodyLimitBytes: 64 * 1024,
      oidcKeySecret: undefined,
      webhookAllowedHosts: [],
    };
    assert.deepEqual({ ...c }, expected);
  });

  test('WEBHOOK_ALLOWED_HOSTS: names, addresses and ranges, lower-cased; anything else is a problem', () => {
    assert.deepEqual(loadConfig({ WEBHOOK_ALLOWED_HOSTS: ' 127.0.0.1, 10.0.0.0/8 ,Hooks.Internal,::1 ' }).webhookAllowedHosts, [
      '127.0.0.1',
      '10.0.0.0/8',
      'hooks.internal',
      '::1',
    ]);
    assert.throws(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://evil/' }), /WEBHOOK_ALLOWED_HOSTS must list host names/);
  });

  test('METRICS_TOKEN is at least 16 characters, and the problem never echoes it', () => {
    assert.equal(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken, 'a-long-enough-metrics-token');
    assert.throws(
      () => loadConfig({ METRICS_TOKEN: 'short-secret' }),
      (e: Error) => {
        assert.match(e.message, /METRICS_TOKEN must be at least 16 characters/, e.message);
        assert.doesNotMatch(e.message, /short-secret/, 'the value is not echoed');
        return true;
      },
    );
  });

  test('PUBLIC_URL defaults to localhost on PORT; a given one loses its trailing slash', () => {
    assert.equal(loadConfig({ PORT: '8081' }).publicUrl, 'http://localhost:8081');
    const c = loadConfig({ PUBLIC_URL: 'https://id.example.com/gatehouse/' });
    assert.equal(c.publicUrl, 'https://id.example.com/gatehouse');
    assert.equal(c.publicOrigin, 'https://id.example.com');
    assert.equal(c.secureCookies, true);
  });

  test('empty and blank variables count as unset; values are trimmed', () => {
    const c = loadConfig({ PORT: '', LOG_LEVEL: '   ', SMTP_URL: '', DATABASE_URL: ' ', DATA_DIR: '', HASH_QUEUE_LIMIT: ' 7 ' });
    assert.equal(c.port, 3000);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.smtpUrl, undefined);
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.dataDir, resolve('./data'));
    assert.equal(c.hashQueueLimit, 7);
  });

  test('NODE_ENV=test is silent by default; LOG_LEVEL wins', () => {
    assert.equal(loadConfig({ NODE_ENV: 'test' }).logLevel, 'silent');
    assert.equal(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel, 'debug');
  });

  test('DATABASE_URL, DATA_DIR, SMTP_URL, MAIL_FROM, TRUST_PROXY and PASSWORD_POLICY are taken as given', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db:5432/gatehouse',
      DATA_DIR: '/var/lib/gatehouse',
      SMTP_URL: 'smtps://u:p@mail.example.com:465',
      MAIL_FROM: 'Gatehouse <no-reply@example.com>',
      TRUST_PROXY: '10.0.0.0/8',
      PASSWORD_POLICY: 'nist',
    });
    assert.equal(c.databaseUrl, 'postgresql://u:p@db:5432/gatehouse');
    assert.equal(c.dataDir, '/var/lib/gatehouse');
    assert.equal(c.smtpUrl, 'smtps://u:p@mail.example.com:465');
    assert.equal(c.mailFrom, 'Gatehouse <no-reply@example.com>');
    assert.equal(c.trustProxy, '10.0.0.0/8');
    assert.equal(c.passwordPolicy, 'nist');
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ DATABASE_URL: 'memory' }).databaseUrl, 'memory');
  });

  test('the result is frozen', () => {
    const c = loadConfig({});
    assert.ok(Object.isFrozen(c), 'expected Object.isFrozen(c)');
    assert.throws(() => {
      (c as { port: number }).port = 1;
    }, TypeError);
    assert.equal(c.port, 3000);
  });

  test('reads process.env when given nothing', () => {
    const saved = process.env.HASH_QUEUE_LIMIT;
    process.env.HASH_QUEUE_LIMIT = '9';
    try {
      assert.equal(loadConfig().hashQueueLimit, 9);
    } finally {
      if (saved === undefined) delete process.env.HASH_QUEUE_LIMIT;
      else process.env.HASH_QUEUE_LIMIT = saved;
    }
  });
});

describe('loadConfig validation', () => {
  test('every bad value is reported at once, in one ConfigError', () => {
    const bad: Record<string, string> = {
      NODE_ENV: 'staging',
      PORT: 'abc',
      PUBLIC_URL: 'ftp://files.example.com',
      DATABASE_URL: 'mysql://db/gatehouse',
      SMTP_URL: 'http://mail.example.com',
      MAIL_FROM: 'not an address',
      PASSWORD_POLICY: 'weak',
      LOG_LEVEL: 'loud',
      SESSION_IDLE_TTL: 'forever',
      SESSION_MAX_AGE: '0',
      VERIFY_EMAIL_TTL: '1.5h',
      PASSWORD_RESET_TTL: '-1h',
      EMAIL_CHANGE_TTL: '10 m',
      INVITATION_TTL: '2w',
      LOGIN_MAX_ATTEMPTS: '0',
      LOGIN_IP_MAX_ATTEMPTS: '-5',
      LOGIN_THROTTLE_WINDOW: '15',
      MAILS_PER_RECIPIENT_PER_HOUR: 'many',
      INVITATIONS_PER_ORG_PER_HOUR: '2.5',
      HASH_CONCURRENCY: '1000',
      HASH_QUEUE_LIMIT: '-1',
      BODY_LIMIT_BYTES: '10',
    };
    const err = configError(() => loadConfig(bad));
    for (const name of Object.keys(bad)) {
      const hits = err.problems.filter((p) => p.startsWith(`${name} `));
      assert.equal(hits.length, 1, `${name} should be reported exactly once; problems:\n${err.problems.join('\n')}`);
    }
    assert.equal(err.problems.length, Object.keys(bad).length, err.problems.join('\n'));
    // The message lists every problem, so a single failed start shows everything to fix.
    for (const p of err.problems) assert.ok(err.message.includes(p), p);
    assert.match(err.message, /^Invalid configuration:/);
    assert.equal(err.name, 'ConfigError');
  });

  test('integers must be plain decimal integers within their range', () => {
    for (const port of ['1e3', '0x10', '3000.0', '3000.5', '+80', '-1', '65536', '80abc']) {
      const err = configError(() => loadConfig({ PORT: port }));
      assert.equal(err.problems.length, 1, port);
      assert.match(err.problems[0]!, /^PORT must be an integer between 0 and 65535/, port);
    }
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
    assert.equal(loadConfig({ HASH_QUEUE_LIMIT: '0' }).hashQueueLimit, 0);
  });

  test('SESSION_IDLE_TTL may not exceed SESSION_MAX_AGE', () => {
    const err = configError(() => loadConfig({ SESSION_IDLE_TTL: '8d', SESSION_MAX_AGE: '7d' }));
    assert.deepEqual(err.problems, ['SESSION_IDLE_TTL must not be longer than SESSION_MAX_AGE']);
    assert.equal(loadConfig({ SESSION_IDLE_TTL: '7d', SESSION_MAX_AGE: '7d' }).sessionIdleTtlMs, 7 * DAY);
  });

  test('durations: units ms/s/m/h/d; 0 only where it means "never"', () => {
    const c = loadConfig({
      SESSION_IDLE_TTL: '90m',
      SESSION_MAX_AGE: '30d',
      VERIFY_EMAIL_TTL: '2h',
      PASSWORD_RESET_TTL: '900s',
      EMAIL_CHANGE_TTL: '1d',
      INVITATION_TTL: '0',
      LOGIN_THROTTLE_WINDOW: '1500ms',
    });
    assert.equal(c.sessionIdleTtlMs, 90 * MIN);
    assert.equal(c.sessionMaxAgeMs, 30 * DAY);
    assert.equal(c.verifyEmailTtlMs, 2 * HOUR);
    assert.equal(c.passwordResetTtlMs, 900_000);
    assert.equal(c.emailChangeTtlMs, DAY);
    assert.equal(c.invitationTtlMs, 0);
    assert.equal(c.loginThrottleWindowMs, 1500);
    const err = configError(() => loadConfig({ PASSWORD_RESET_TTL: '0' }));
    assert.equal(err.problems.length, 1);
    assert.match(err.problems[0]!, /^PASSWORD_RESET_TTL must be a duration/);
    assert.match(configError(() => loadConfig({ INVITATION_TTL: 'never' })).problems[0]!, /INVITATION_TTL .*\(or 0\)/);
  });

  test('PUBLIC_URL must be an absolute http(s) URL without query, fragment or credentials', () => {
    for (const url of ['localhost:3000', 'ftp://x.example.com', 'https://x.example.com/?a=1', 'https://x.example.com/#top', '/relative']) {
      const err = configError(() => loadConfig({ PUBLIC_URL: url }));
      assert.equal(err.problems.length, 1, url);
      assert.match(err.problems[0]!, /^PUBLIC_URL /, url);
    }
  });

  test('problems never echo credentials from DATABASE_URL, SMTP_URL or PUBLIC_URL', () => {
    const err = configError(() =>
      loadConfig({
        DATABASE_URL: 'mysql://admin:db-secret-1@db/x',
        SMTP_URL: 'http://mailer:smtp-secret-2@mail.example.com',
        PUBLIC_URL: 'https://user:url-secret-3@id.example.com',
      }),
    );
    assert.equal(err.problems.length, 3, err.message);
    for (const secret of ['db-secret-1', 'smtp-secret-2', 'url-secret-3'])
      assert.ok(!err.message.includes(secret), `${secret} leaked: ${err.message}`);
  });

  test('production refuses an http:// PUBLIC_URL, a missing SMTP_URL and an in-memory database, all at once', () => {
    assert.equal(loadConfig(PRODUCTION_OK).env, 'production');
    assert.equal(loadConfig(PRODUCTION_OK).secureCookies, true);

    const http = configError(() => loadConfig({ ...PRODUCTION_OK, PUBLIC_URL: 'http://gatehouse.example.com' }));
    assert.equal(http.problems.length, 1);
    assert.match(http.problems[0]!, /https:\/\/ PUBLIC_URL/);

    const noSmtp = configError(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://gatehouse.example.com', OIDC_KEY_SECRET }));
    assert.equal(noSmtp.problems.length, 1);
    assert.match(noSmtp.problems[0]!, /requires SMTP_URL/);

    // The default PUBLIC_URL (http://localhost) is not acceptable in production either.
    const all = configError(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'memory', OIDC_KEY_SECRET }));
    assert.equal(all.problems.length, 3, all.message);
    assert.ok(
      all.problems.some((p) => /PUBLIC_URL/.test(p)),
      'expected all.problems.some((p) => /PUBLIC_URL/.test(p))',
    );
    assert.ok(
      all.problems.some((p) => /SMTP_URL/.test(p)),
      'expected all.problems.some((p) => /SMTP_URL/.test(p))',
    );
    assert.ok(
      all.problems.some((p) => /in-memory/.test(p)),
      'expected all.problems.some((p) => /in-memory/.test(p))',
    );
  });

  test('OIDC_KEY_SECRET: required in production, at least 32 characters, never echoed', () => {
    const missing = configError(() => loadConfig({ ...PRODUCTION_OK, OIDC_KEY_SECRET: '' }));
    assert.equal(missing.problems.length, 1, missing.message);
    assert.match(missing.problems[0]!, /requires OIDC_KEY_SECRET/);
    const short = configError(() => loadConfig({ OIDC_KEY_SECRET: 'short-secret-xyz' }));
    assert.match(short.message, /OIDC_KEY_SECRET must be at least 32 characters/);
    assert.ok(!short.message.includes('short-secret-xyz'), "expected !short.message.includes('short-secret-xyz')");
    assert.equal(loadConfig({ OIDC_KEY_SECRET }).oidcKeySecret, OIDC_KEY_SECRET);
  });

  test('development and test accept what production refuses', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const c = loadConfig({ NODE_ENV, PUBLIC_URL: 'http://localhost:3000', DATABASE_URL: 'memory' });
      assert.equal(c.env, NODE_ENV);
      assert.equal(c.smtpUrl, undefined);
    }
  });
});

describe('the declaration of the variables', () => {
  test('loadConfig reads every declared variable and nothing else', () => {
    const read = new Set<string>();
    const env = new Proxy(
      {},
      {
        get: (_t, name) => {
          if (typeof name === 'string') read.add(name);
          return undefined;
        },
      },
    );
    loadConfig(env);
    assert.deepEqual([...read].sort(), [...VARIABLE_NAMES].sort(), 'the variables read are exactly the declared ones');
  });

  test('each variable is documented with a meaning and a default', () => {
    for (const name of VARIABLE_NAMES) {
      assert.ok(VARIABLES[name].doc.length > 10, `${name} needs a meaning in variables.ts`);
      assert.ok(VARIABLES[name].default.length > 0, `${name} needs its default in variables.ts`);
    }
  });
});

describe('parseDuration', () => {
  test('parses every unit', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('15m'), 15 * MIN);
    assert.equal(parseDuration('8h'), 8 * HOUR);
    assert.equal(parseDuration('14d'), 14 * DAY);
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('0s'), 0);
    assert.equal(parseDuration(' 15m '), 15 * MIN);
  });

  test('rejects anything else', () => {
    for (const text of ['', '15', '1.5h', '-1h', '15 m', '15M', '1w', 'h', 'm15', '1h30m', '99999999999999999d', 'Infinity', '0x10s']) {
      assert.equal(parseDuration(text), undefined, JSON.stringify(text));
    }
  });
});
