// The CLI as an operator meets it: a separate process, its exit code, stdout and stderr.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listMigrations } from '../../src/store/migrate.js';
import { loadConfig } from '../../src/config/config.js';
import { VARIABLE_NAMES } from '../../src/config/variables.js';
import { createGatehouse } from '../../src/server.js';
import { openDb } from '../../src/store/db.js';
import { hashSecret } from '../../src/core/clock-random.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Variables the service reads: the child starts from none of them, whatever the test runner's env holds.
const CONFIG_VARS = VARIABLE_NAMES;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARS) delete childEnv[name];
  // Keep the child's own test-runner detection out of it.
  delete childEnv.NODE_TEST_CONTEXT;
  Object.assign(childEnv, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const USAGE = /^Usage: gatehouse <command> \[options\]/m;
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A temporary DATA_DIR holding an empty embedded database, as `serve` leaves it before migrating. */
async function existingDatabase(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
  dirs.push(dataDir);
  await (await openDb({ dataDir })).close();
  return dataDir;
}

describe('gatehouse CLI', () => {
  test('help prints the usage on stdout and exits 0', async () => {
    const run = await cli(['help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, USAGE);
    for (const command of ['serve', 'migrate', 'outbox', 'help']) assert.match(run.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
    assert.equal(run.stderr, '');
  });

  test('no command and --help mean help, and need no valid configuration', async () => {
    const bare = await cli([], { PORT: 'abc' });
    assert.equal(bare.code, 0, bare.stderr);
    assert.match(bare.stdout, USAGE);
    const flag = await cli(['--help'], { PORT: 'abc' });
    assert.equal(flag.code, 0, flag.stderr);
    assert.match(flag.stdout, USAGE);
  });

  test('an unknown command exits 2 with the usage on stderr', async () => {
    const run = await cli(['frobnicate']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown command "frobnicate"/);
    assert.match(run.stderr, USAGE);
    assert.equal(run.stdout, '');
  });

  test('a bad environment exits 2 and names every bad variable', async () => {
    const run = await cli(['migrate'], { PORT: 'abc', PASSWORD_POLICY: 'weak' });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /Invalid configuration/);
    assert.match(run.stderr, /PORT must be an integer/);
    assert.match(run.stderr, /PASSWORD_POLICY must be "default" or "nist", got "weak"/);
    assert.equal(run.stdout, '');
    // A configuration error is not a usage error: no wall of usage text to scroll past.
    assert.doesNotMatch(run.stderr, USAGE);
  });

  test('serve refuses a bad environment the same way, before opening anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
    dirs.push(dataDir);
    const run = await cli(['serve'], { NODE_ENV: 'production', DATA_DIR: dataDir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /https:\/\/ PUBLIC_URL/);
    assert.match(run.stderr, /requires SMTP_URL/);
    assert.equal(existsSync(join(dataDir, 'gatehouse.lock')), false);
  });

  test('migrate applies every migration to an existing, empty embedded database, then finds it up to date', async () => {
    const dataDir = await existingDatabase();
    const names = listMigrations().map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`);
    assert.equal(names[0], '001_accounts');

    const first = await cli(['migrate'], { DATA_DIR: dataDir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Applied: 001_accounts\b/);
    assert.equal(first.stdout.trim(), `Applied: ${names.join(', ')}`);

    const second = await cli(['migrate'], { DATA_DIR: dataDir });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout.trim(), 'Database is up to date.');
    // The embedded database's lock is released on exit.
    assert.equal(existsSync(join(dataDir, 'gatehouse.lock')), false);
  });

  test('outbox: an empty outbox says so; --json prints an array; a bad --limit is a usage error', async () => {
    const dataDir = await existingDatabase();
    const empty = await cli(['outbox'], { DATA_DIR: dataDir });
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(empty.stdout.trim(), 'The outbox is empty.');
    const json = await cli(['outbox', '--json'], { DATA_DIR: dataDir });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), []);
    const bad = await cli(['outbox', '--limit', 'lots'], { DATA_DIR: dataDir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--limit must be an integer/);
    assert.match(bad.stderr, USAGE);
    const unknownFlag = await cli(['outbox', '--bogus'], { DATA_DIR: dataDir });
    assert.equal(unknownFlag.code, 2, unknownFlag.stderr);
    assert.match(unknownFlag.stderr, /--bogus/);
    assert.match(unknownFlag.stderr, USAGE);
  });

  test('outbox --to finds an address however it is written (case, IDNA)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
    dirs.push(dataDir);
    const local = `müller-${Date.now().toString(36)}`;
    // Seed the embedded database in-process (no SMTP: the mail is kept in the outbox), then close it.
    const gatehouse = await createGatehouse(
      loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'http://gatehouse.test', LOG_LEVEL: 'silent' }),
    );
    try {
      const signup = await gatehouse.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email: `${local}@büro.example`, password: 'Correct-Horse-42-Battery', firstName: 'Max', lastName: 'Müller' },
      });
      assert.equal(signup.statusCode, 202, signup.body);
      gatehouse.mailWorker.wake();
      await gatehouse.mailWorker.idle();
    } finally {
      await gatehouse.close();
    }
    const stored = `${local}@xn--bro-hoa.example`;
    for (const to of [stored, `${local.toUpperCase()}@BÜRO.example`, `${local}@büro.example.`]) {
      const run = await cli(['outbox', '--json', '--to', to], { DATA_DIR: dataDir });
      assert.equal(run.code, 0, run.stderr);
      const entries = JSON.parse(run.stdout) as { recipient: string; subject: string; status: string; links: string[] }[];
      assert.equal(entries.length, 1, `--to ${to}: ${run.stdout}`);
      assert.equal(entries[0]!.recipient, stored);
      assert.equal(entries[0]!.subject, 'Confirm your e-mail address');
      assert.equal(entries[0]!.status, 'logged');
      assert.match(entries[0]!.links[0]!, /^http:\/\/gatehouse\.test\/verify-email\?token=[A-Za-z0-9_-]{22,}$/);
    }
    const text = await cli(['outbox', '--to', stored], { DATA_DIR: dataDir });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /logged\s+\S+@xn--bro-hoa\.example\s+Confirm your e-mail address/);
    assert.match(text.stdout, /^ {4}http:\/\/gatehouse\.test\/verify-email\?token=/m, 'undelivered links are printed');
    const nobody = await cli(['outbox', '--to', 'nobody@example.com'], { DATA_DIR: dataDir });
    assert.equal(nobody.stdout.trim(), 'The outbox is empty.');
  });

  test('oidc-client create prints the secret once and stores only its hash; list and revoke; oidc-keys rotate and list', async () => {
    const dataDir = await existingDatabase();
    const env = { DATA_DIR: dataDir, PUBLIC_URL: 'https://id.example.com', OIDC_KEY_SECRET: 'cli-test-oidc-key-secret-0123456789abcdef' };
    const created = await cli(
      [
        'oidc-client',
        'create',
        '--name',
        'Dashboards',
        '--redirect-uri',
        'https://dash.example.com/cb',
        '--redirect-uri',
        'http://localhost:4000/cb',
        '--post-logout-redirect-uri',
        'https://dash.example.com/',
      ],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const secret = /^ {2}(gcs_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1];
    assert.ok(secret, created.stdout);
    const id = /client (app_[0-9a-z]{26})/.exec(created.stdout)?.[1];
    assert.ok(id, created.stdout);
    assert.match(created.stdout, /discovery: https:\/\/id\.example\.com\/\.well-known\/openid-configuration/);

    const json = await cli(['oidc-client', 'create', '--name', 'Billing job', '--client-credentials', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const service = JSON.parse(json.stdout) as { id: string; kind: string; secret: string; redirectUris: string[] };
    assert.equal(service.kind, 'service');
    assert.deepEqual(service.redirectUris, []);

    const bad = await cli(['oidc-client', 'create', '--name', 'Leaky', '--redirect-uri', 'http://dash.example.com/cb'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /redirectUris\/0: http:\/\/dash\.example\.com\/cb must be https/);
    const noUri = await cli(['oidc-client', 'create', '--name', 'Nowhere'], env);
    assert.equal(noUri.code, 2);
    assert.match(noUri.stderr, /at least one redirect URI/);

    const list = await cli(['oidc-client', 'list', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    const clients = JSON.parse(list.stdout) as { id: string; revokedAt: string | null }[];
    assert.deepEqual(
      clients.map((c) => c.id),
      [id, service.id],
    );
    assert.ok(!list.stdout.includes(secret) && !list.stdout.includes(service.secret), 'list never shows a secret');

    const keys = await cli(['oidc-keys', 'rotate'], env);
    assert.equal(keys.code, 0, keys.stderr);
    assert.match(keys.stdout, /published now, signing from/);
    const keyList = await cli(['oidc-keys', 'list', '--json'], env);
    const states = (JSON.parse(keyList.stdout) as { use: string; state: string }[]).map((k) => `${k.use}:${k.state}`);
    assert.deepEqual(states.sort(), ['cookie:current', 'cookie:pending', 'sig:current', 'sig:pending']);

    const revoked = await cli(['oidc-client', 'revoke', id!], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    const twice = await cli(['oidc-client', 'revoke', id!], env);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /No active OpenID Connect client/);

    const db = await openDb({ dataDir });
    try {
      const rows = await db.query<{ id: string; secret_hash: string; revoked_at: Date | null; row: string }>(
        'SELECT id, secret_hash, revoked_at, t::text AS row FROM oidc_clients t ORDER BY created_at',
      );
      assert.equal(rows[0]!.secret_hash, hashSecret(secret!));
      assert.equal(rows[1]!.secret_hash, hashSecret(service.secret));
      assert.ok(
        rows.every((r) => !r.row.includes(secret!) && !r.row.includes(service.secret)),
        'only hashes are stored',
      );
      assert.ok(rows[0]!.revoked_at instanceof Date, 'expected rows[0]!.revoked_at instanceof Date');
      assert.equal(rows[1]!.revoked_at, null);
    } finally {
      await db.close();
    }
  });
  test('service-client create shows the key once and it opens /authz/*; list never shows it; revoke closes it', async () => {
    const dataDir = await existingDatabase();
    const env = { DATA_DIR: dataDir };
    const created = await cli(['service-client', 'create', '--name', 'Device Management'], env);
    assert.equal(created.code, 0, created.stderr);
    const key = /^ {2}(\S{43,})$/m.exec(created.stdout)?.[1];
    const id = /service client (svc_[0-9a-z]+) \(Device Management\)/.exec(created.stdout)?.[1];
    assert.ok(key && id, `the id and the key, once: ${created.stdout}`);
    const json = await cli(['service-client', 'create', '--name', 'Billing', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const second = JSON.parse(json.stdout) as { id: string; name: string; key: string };
    assert.equal(second.name, 'Billing', '--json names it');

    const list = await cli(['service-client', 'list', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      (JSON.parse(list.stdout) as { id: string; revokedAt: string | null }[]).map((c) => [c.id, c.revokedAt]).sort(),
      [
        [id, null],
        [second.id, null],
      ].sort(),
      'both, active',
    );
    assert.equal(list.stdout.includes(key!) || list.stdout.includes(second.key), false, 'list never shows a key');

    /** The answer of POST /authz/check with `bearer`, from a service on the same DATA_DIR. */
    const checkWith = async (bearer: string) => {
      const gatehouse = await createGatehouse(
        loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'http://gatehouse.test', LOG_LEVEL: 'silent' }),
      );
      try {
        const res = await gatehouse.app.inject({
          method: 'POST',
          url: '/api/v1/authz/check',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          payload: JSON.stringify({
            userId: 'usr_00000000000000000000000000',
            organizationId: 'org_00000000000000000000000000',
            permission: 'device-management:access',
          }),
        });
        return res.statusCode;
      } finally {
        await gatehouse.close();
      }
    };
    assert.equal(await checkWith(key!), 200, 'the key opens the authorization API');

    const revoked = await cli(['service-client', 'revoke', id!], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`Revoked ${id}`), 'says so');
    const twice = await cli(['service-client', 'revoke', id!], env);
    assert.equal(twice.code, 1, 'revoking twice fails');
    assert.match(twice.stderr, /No active service client/, 'and says why');
    const text = await cli(['service-client', 'list'], env);
    assert.match(text.stdout, new RegExp(`${id}\\s+revoked\\s`), 'listed as revoked');
    assert.match(text.stdout, new RegExp(`${second.id}\\s+active\\s`), 'the other stays active');
    assert.equal(await checkWith(key!), 401, 'the revoked key is refused');
    assert.equal(await checkWith(second.key), 200, 'the other key still works');

    for (const [args, message] of [
      [['service-client', 'create'], /needs --name/],
      [['service-client', 'create', '--name', 'x'.repeat(101)], /1 to 100 characters/],
      [['service-client', 'revoke', 'not-an-id'], /needs the client id/],
      [['service-client', 'rename'], /create, list or revoke/],
    ] as const) {
      const bad = await cli([...args], env);
      assert.equal(bad.code, 2, `${args.join(' ')}: a usage error`);
      assert.match(bad.stderr, message, `${args.join(' ')}: names the problem`);
    }
  });
});

describe('gatehouse user reset-mfa', () => {
  test('removes every second factor of the account, mails the person and audits it in each of their organizations', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
    dirs.push(dataDir);
    const env = { DATA_DIR: dataDir, PUBLIC_URL: 'http://gatehouse.test', LOG_LEVEL: 'silent' };
    const email = `lost-${Date.now().toString(36)}@example.com`;
    const gatehouse = await createGatehouse(loadConfig({ NODE_ENV: 'test', ...env }));
    let userId: string;
    try {
      const signup = await gatehouse.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, password: 'Correct-Horse-42-Battery', firstName: 'Lou', lastName: 'Lost' },
      });
      assert.equal(signup.statusCode, 202, signup.body);
      [{ id: userId }] = (await gatehouse.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])) as [{ id: string }];
      // The factors as enrolment leaves them (their contents do not matter to the reset).
      await gatehouse.db.query(
        "INSERT INTO user_totp (user_id, secret_sealed, created_at, enabled_at) VALUES ($1, 'sealed', now(), now())",
        [userId],
      );
      await gatehouse.db.query(
        "INSERT INTO user_passkeys (id, user_id, credential_id, public_key, device_type, backed_up, name, created_at) VALUES ('pky_1', $1, 'cred', 'key', 'singleDevice', false, 'Laptop', now())",
        [userId],
      );
      await gatehouse.db.query(
        "INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES ($1, 'h1', now()), ($1, 'h2', now())",
        [userId],
      );
    } finally {
      await gatehouse.close();
    }

    const run = await cli(['user', 'reset-mfa', email.toUpperCase()], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /the authenticator app, 1 passkey\(s\), 2 unused recovery code\(s\)/, 'says what it removed');

    const db = await openDb({ dataDir });
    try {
      for (const table of ['user_totp', 'user_passkeys', 'user_recovery_codes']) {
        assert.deepEqual(await db.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [userId!]), [], `${table}: nothing left`);
      }
      const events = await db.query<{ actor_id: string | null; details: { change: string } }>(
        "SELECT actor_id, details FROM audit_events WHERE action = 'member.mfa_changed' AND target_id = $1",
        [userId!],
      );
      assert.equal(events.length, 1, 'audited in the one organization of the person');
      assert.deepEqual(events[0], { actor_id: null, details: { change: 'reset_by_operator' } }, 'by the operator, not a user');
      const mails = await db.query<{ subject: string }>(
        "SELECT subject FROM outbox WHERE recipient = $1 AND kind = 'second_factor_changed'",
        [email],
      );
      assert.equal(mails.length, 1, 'the person is mailed');
    } finally {
      await db.close();
    }

    const unknown = await cli(['user', 'reset-mfa', 'nobody@example.com'], env);
    assert.equal(unknown.code, 1, 'an unknown address fails');
    assert.match(unknown.stderr, /No account has the address/);
    const bad = await cli(['user', 'reset-mfa'], env);
    assert.equal(bad.code, 2, 'no address is a usage error');
  });
});
