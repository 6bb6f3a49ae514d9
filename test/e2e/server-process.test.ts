// The service as a newcomer meets it: `npm start` (which builds first), a real port, real HTTP,
// a real SMTP server, the embedded database in a fresh DATA_DIR, a signal to stop, and a restart.
// Each test stands alone (any one can run by itself, in any order): it starts the servers it needs,
// each on its own port and DATA_DIR, and stops them. Tests that only read share one server, started
// by whichever needs it first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmtpCatcher, tokenFrom, type SmtpCatcher } from '../support/smtp.js';
import { STRONG_PASSWORD, uniqueEmail } from '../support/service.js';
import { CONFIG_VARS, freePort } from '../support/process.js';
import { eventually } from '../support/eventually.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

let smtp: SmtpCatcher;
const started: ChildProcess[] = [];
const dataDirs: string[] = [];

/** A fresh DATA_DIR and port, and the environment of a server that uses them (none of the runner's config). */
async function instance() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  dataDirs.push(dataDir);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARS) delete env[name];
  Object.assign(env, { PORT: String(port), DATA_DIR: dataDir, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' });
  assert.equal(env.DATABASE_URL, undefined, "the embedded database, not the runner's DATABASE_URL");
  return { dataDir, port, base: `http://127.0.0.1:${port}`, env, lockFile: join(dataDir, 'gatehouse.lock') };
}
type Instance = Awaited<ReturnType<typeof instance>>;

interface Server extends Instance {
  how: 'npm start' | 'built';
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm start` (which builds first), or the built server directly once a build exists. */
function startServer(at: Instance, how: 'npm start' | 'built' = 'built'): Server {
  if (how === 'built') ensureBuilt();
  // Its own process group, so `after()` can stop npm, its shell and the server together.
  const child =
    how === 'npm start'
      ? spawn('npm', ['start'], { cwd: root, env: at.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, ['dist/cli/main.js', 'serve'], {
          cwd: root,
          env: at.env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { ...at, how, child, output: () => out, exited };
}

/** Polls /readyz until it answers 200 (generously: `npm start` builds first); fails early if the process dies. */
async function waitUntilReady(s: Server, timeoutMs = 300_000) {
  let exited: { code: number | null } | undefined;
  void s.exited.then((e) => (exited = e));
  let last = '';
  try {
    await eventually(
      'ready',
      async () => {
        if (exited) assert.fail(`the server exited with ${exited.code} before it was ready:\n${s.output()}`);
        try {
          const res = await fetch(`${s.base}/readyz`, { signal: AbortSignal.timeout(5_000) });
          if (res.status === 200) return true;
          last = `${res.status} ${await res.text()}`;
        } catch (e) {
          last = String(e);
        }
        return false;
      },
      { timeoutMs, intervalMs: 250 },
    );
  } catch (e) {
    if (exited) throw e;
    assert.fail(`not ready (last: ${last}):\n${s.output()}`);
  }
}

/** The built CLI, as `npx gatehouse …` would run it, against an instance's DATA_DIR. */
function cli(at: Instance, args: string[]): Promise<Run> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', ...args], { cwd: root, env: at.env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function http(at: Instance, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${at.base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, text, body: type.includes('json') && text ? JSON.parse(text) : text };
}

/** SIGTERM to the server process itself (its PID is in the embedded database's lock file); it must exit 0. */
async function stopServer(s: Server) {
  assert.ok(existsSync(s.lockFile), 'the running server holds the data directory lock');
  const pid = Number(readFileSync(s.lockFile, 'utf8'));
  assert.ok(Number.isInteger(pid) && pid > 0, `the lock file names the server PID (${pid})`);
  if (s.how === 'npm start') assert.notEqual(pid, s.child.pid, 'the PID is the server, not npm');
  else assert.equal(pid, s.child.pid, 'the PID is the server we started');
  process.kill(pid, 'SIGTERM');
  // Generous: a clean stop is quick, and a server that ignores SIGTERM never exits at all.
  const result = await Promise.race([s.exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000).unref())]);
  assert.notEqual(result, 'timeout', `still running 60 s after SIGTERM:\n${s.output()}`);
  assert.deepEqual(result, { code: 0, signal: null }, `exit after SIGTERM:\n${s.output()}`);
  assert.equal(existsSync(s.lockFile), false, 'the lock is released on a clean stop');
}

/** Signs up through real HTTP and confirms the mailed link; returns the address. */
async function signUpVerified(s: Server, firstName: string) {
  const email = uniqueEmail('e2e');
  const signup = await http(s, 'POST', '/api/v1/auth/signup', { email, password: STRONG_PASSWORD, firstName, lastName: 'Ende' });
  assert.equal(signup.status, 202, signup.text);
  assert.deepEqual(signup.body, { status: 'verification_sent' }, 'the sign-up answer');
  const mail = await smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='), 60_000);
  assert.equal(mail.subject, 'Confirm your e-mail address', 'the verification mail');
  assert.match(mail.text, new RegExp(`http://localhost:${s.port}/verify-email\\?token=`), 'links use the default PUBLIC_URL');
  const verified = await http(s, 'POST', '/api/v1/auth/verify-email', {
    token: tokenFrom(mail, 'verify-email'),
    password: STRONG_PASSWORD,
  });
  assert.equal(verified.status, 200, verified.text);
  assert.equal(verified.body.user.emailVerified, true, 'verified');
  return email;
}

/** One running server for the tests that only read and sign up unique users; started on first use. */
let shared: Promise<Server> | undefined;
function sharedServer(): Promise<Server> {
  shared ??= (async () => {
    const s = startServer(await instance());
    await waitUntilReady(s);
    return s;
  })();
  return shared;
}

/**
 * One build per run for the tests that run the built server or CLI: the `npm start` test's own
 * build when it ran first (as in a whole run), else `npm run build` (a test run on its own).
 */
let built = false;
function ensureBuilt() {
  if (built) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build:\n${build.stdout}${build.stderr}`);
  built = true;
}

before(async () => {
  smtp = await startSmtpCatcher();
});

after(async () => {
  // The shared server stops like any other: SIGTERM, exit 0, lock released.
  if (shared) await stopServer(await shared);
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  // A server left behind by a failed test (npm gone, server orphaned) is named by the lock file
  // in one of this file's own fresh DATA_DIRs: only a server this file started can hold it.
  for (const dir of dataDirs) {
    const lock = join(dir, 'gatehouse.lock');
    if (existsSync(lock)) {
      const pid = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  await smtp?.close();
});

describe('npm start: the real server process', () => {
  test('`npm start` builds, starts on PORT with the embedded database in DATA_DIR, becomes ready, and stops cleanly on SIGTERM', async () => {
    const s = startServer(await instance(), 'npm start');
    await waitUntilReady(s);
    assert.ok(existsSync(join(root, 'dist/cli/main.js')), 'the build produced the CLI');
    built = true; // the other tests run this build
    assert.ok(existsSync(join(s.dataDir, 'PG_VERSION')) || existsSync(join(s.dataDir, 'base')), 'PGlite keeps its files in DATA_DIR');
    assert.equal((await http(s, 'GET', '/healthz')).status, 200, 'it answers on PORT');
    await stopServer(s);
    await assert.rejects(fetch(`${s.base}/healthz`, { signal: AbortSignal.timeout(5_000) }), 'nothing listens any more');
  });

  test('sign-up, the mailed link, verification, login, /me by bearer and by cookie, over real HTTP', async () => {
    const s = await sharedServer();
    const email = await signUpVerified(s, 'Erika');
    const login = await http(s, 'POST', '/api/v1/auth/login', { email, password: STRONG_PASSWORD });
    assert.equal(login.status, 200, login.text);
    const token = login.body.token as string;
    assert.ok(token.length >= 43, `a 256-bit token (${token.length} characters)`);
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('gatehouse_session='));
    assert.ok(setCookie, 'the session cookie is set');
    assert.match(setCookie, /HttpOnly/i, 'HttpOnly');
    const cookie = setCookie.split(';')[0]!;

    const byBearer = await http(s, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` });
    assert.equal(byBearer.status, 200, byBearer.text);
    assert.equal(byBearer.body.user.email, email, 'the signed-in user');
    assert.equal(byBearer.body.organizations[0].name, "Erika's organization", 'their own organization');
    assert.equal(byBearer.headers.get('cache-control'), 'no-store', 'no-store');
    assert.match(byBearer.headers.get('x-request-id') ?? '', /./, 'a request id');

    const byCookie = await http(s, 'GET', '/api/v1/me', undefined, { cookie });
    assert.equal(byCookie.status, 200, byCookie.text);
    assert.equal(byCookie.body.user.id, byBearer.body.user.id, 'the cookie is the same session');

    const anonymous = await http(s, 'GET', '/api/v1/me');
    assert.equal(anonymous.status, 401, 'no credentials');
    assert.match(anonymous.headers.get('content-type') ?? '', /application\/problem\+json/, 'a problem document');
    assert.equal(anonymous.body.code, 'auth.unauthenticated', 'its code');
  });

  test('operations endpoints: /healthz, /metrics, openapi.json and /api/docs', async () => {
    const s = await sharedServer();
    const health = await http(s, 'GET', '/healthz');
    assert.equal(health.status, 200, 'healthz');
    assert.deepEqual(health.body, { status: 'ok' }, 'healthz body');

    const count = async () =>
      Number(
        /^gatehouse_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="401"\} (\d+)$/m.exec(
          (await http(s, 'GET', '/metrics')).text,
        )?.[1] ?? 0,
      );
    const before = await count();
    assert.equal(
      (await http(s, 'POST', '/api/v1/auth/login', { email: uniqueEmail('nobody'), password: 'Wrong-Battery-42-x' })).status,
      401,
      'a failed login',
    );
    assert.equal(await count(), before + 1, 'the failed login is counted by route pattern and status');
    const metrics = await http(s, 'GET', '/metrics');
    assert.equal(metrics.status, 200, 'metrics');
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/, 'Prometheus text');
    assert.match(metrics.text, /^# TYPE gatehouse_http_requests_total counter$/m, 'the request counter');

    const openapi = await http(s, 'GET', '/api/v1/openapi.json');
    assert.equal(openapi.status, 200, 'openapi.json');
    assert.match(openapi.body.openapi, /^3\.1\.\d+$/, 'OpenAPI 3.1');
    assert.ok(openapi.body.paths['/api/v1/auth/signup']?.post, 'documents sign-up');

    const docs = await fetch(`${s.base}/api/docs`, { signal: AbortSignal.timeout(30_000) });
    assert.equal(docs.status, 200, '/api/docs');
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/, 'a page');
    assert.match(await docs.text(), /<html/i, 'HTML');
  });

  test('while it runs, the CLI refuses to open the same embedded database', async () => {
    const s = await sharedServer();
    const pidBefore = readFileSync(s.lockFile, 'utf8');
    const run = await cli(s, ['outbox']);
    assert.notEqual(run.code, 0, run.stdout);
    assert.match(run.stderr, /in use by process \d+/, 'names the process');
    assert.match(run.stderr, new RegExp(s.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'names the directory');
    assert.equal(run.stdout, '', 'prints nothing else');
    // The refused CLI left the server's lock and the server alone.
    assert.equal(readFileSync(s.lockFile, 'utf8'), pidBefore, 'the lock still names the server');
    assert.equal((await http(s, 'GET', '/readyz')).status, 200, 'the server is still ready');
  });

  test('stopped, `gatehouse outbox` prints what it sent; restarted on the same DATA_DIR, the account is there and no mail goes twice', async () => {
    const at = await instance();
    const first = startServer(at);
    await waitUntilReady(first);
    const email = await signUpVerified(first, 'Rita');
    await stopServer(first);

    const run = await cli(at, ['outbox', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const entries = JSON.parse(run.stdout) as { recipient: string; subject: string; status: string; links: string[] }[];
    const mine = entries.filter((e) => e.recipient === email);
    assert.equal(mine.length, 1, run.stdout);
    assert.equal(mine[0]!.subject, 'Confirm your e-mail address', 'the verification mail');
    assert.equal(mine[0]!.status, 'sent', 'delivered');
    // Delivered over SMTP: the live link is no longer kept.
    assert.deepEqual(mine[0]!.links, [], 'no live link kept');
    const text = await cli(at, ['outbox', '--to', email.toUpperCase()]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      new RegExp(`sent\\s+${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+Confirm your e-mail address`),
      'the text listing, filtered by recipient in any case',
    );

    const again = startServer(at);
    await waitUntilReady(again);
    const login = await http(again, 'POST', '/api/v1/auth/login', { email, password: STRONG_PASSWORD });
    assert.equal(login.status, 200, login.text);
    const me = await http(again, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${login.body.token}` });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.email, email, 'the same account');
    assert.equal(smtp.to(email).length, 1, 'no mail was sent twice after the restart');
    await stopServer(again);
  });

  test('`gatehouse service register` takes a manifest over (printing the key once); restarted, Gatehouse keeps it; the service PUTs with that key', async () => {
    const at = await instance();
    const first = startServer(at);
    await waitUntilReady(first);
    await stopServer(first);

    const bad = join(at.dataDir, 'bad-manifest.json');
    writeFileSync(bad, JSON.stringify({ service: 'Bad Slug', name: { de: 'Nur Deutsch' }, permissions: [] }));
    const refused = await cli(at, ['service', 'register', bad]);
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(refused.stderr, /^\/service: /m, 'each problem on its line, with its field');
    assert.match(refused.stderr, /^\/name\/en: English is required/m);

    const run = await cli(at, ['service', 'register', 'examples/manifests/tsd.json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Updated service tsd \(manifest version 2\)/, run.stdout);
    assert.match(run.stdout, /Permissions: 1 added/, 'the diff in words');
    const key = /^\s+(gks_\S+)$/m.exec(run.stdout)?.[1];
    assert.ok(key, `the key is printed: ${run.stdout}`);
    const again = await cli(at, ['service', 'register', 'examples/manifests/tsd.json', '--json']);
    assert.equal(again.code, 0, again.stderr);
    const result = JSON.parse(again.stdout);
    assert.equal(result.version, 2, 'the same manifest again: no new version');
    assert.equal(result.client, undefined, 'no second key: the service has one');

    const s = startServer(at);
    await waitUntilReady(s);
    const manifest = JSON.parse(readFileSync(join(root, 'examples/manifests/tsd.json'), 'utf8'));
    const put = await http(s, 'PUT', '/api/v1/services/tsd/manifest', manifest, { authorization: `Bearer ${key}` });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.version, 2, 'the restart did not re-apply the shipped tsd manifest (nothing to change)');
    await stopServer(s);
  });
});
