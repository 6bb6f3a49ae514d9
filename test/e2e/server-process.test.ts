// The service as a newcomer meets it: `npm start` (which builds first), a real port, real HTTP,
// a real SMTP server, the embedded database in a fresh DATA_DIR, a signal to stop, and a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmtpCatcher, tokenFrom, type SmtpCatcher } from '../support/smtp.js';
import { STRONG_PASSWORD, uniqueEmail } from '../support/service.js';
import { CONFIG_VARS, freePort } from '../support/process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));



interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let smtp: SmtpCatcher;
let dataDir: string;
let port: number;
let base: string;
let env: NodeJS.ProcessEnv;
let server: Server | undefined;
const started: ChildProcess[] = [];

function startServer(): Server {
  // Its own process group, so `after()` can stop npm, its shell and the server together.
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => out, exited };
}

/** Polls /readyz until it answers 200; fails early if the process dies. */
async function waitUntilReady(s: Server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited: { code: number | null } | undefined;
  void s.exited.then((e) => (exited = e));
  let last = '';
  while (Date.now() < deadline) {
    if (exited) assert.fail(`npm start exited with ${exited.code} before it was ready:\n${s.output()}`);
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`not ready within ${timeoutMs} ms (last: ${last}):\n${s.output()}`);
}

/** The built CLI, as `npx gatehouse …` would run it. */
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, text, body: type.includes('json') && text ? JSON.parse(text) : text };
}

const lockFile = () => join(dataDir, 'gatehouse.lock');

/** SIGTERM to the server process itself (its PID is in the embedded database's lock file). */
async function stopServer(s: Server) {
  assert.ok(existsSync(lockFile()), 'the running server holds the data directory lock');
  const pid = Number(readFileSync(lockFile(), 'utf8'));
  assert.ok(Number.isInteger(pid) && pid > 0, 'the lock file names the server PID');
  assert.notEqual(pid, s.child.pid, 'the PID is the server, not npm');
  const stoppedAt = Date.now();
  process.kill(pid, 'SIGTERM');
  const result = await Promise.race([
    s.exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref()),
  ]);
  assert.notEqual(result, 'timeout', `still running 10 s after SIGTERM:\n${s.output()}`);
  assert.deepEqual(result, { code: 0, signal: null }, `exit after SIGTERM:\n${s.output()}`);
  assert.ok(Date.now() - stoppedAt < 10_000);
  assert.equal(existsSync(lockFile()), false, 'the lock is released on a clean stop');
}

const email = uniqueEmail('e2e');
const password = STRONG_PASSWORD;

before(async () => {
  smtp = await startSmtpCatcher();
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = { ...process.env };
  for (const name of CONFIG_VARS) delete env[name];
  Object.assign(env, { PORT: String(port), DATA_DIR: dataDir, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' });
  assert.equal(env.DATABASE_URL, undefined);
});

after(async () => {
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  // A server left behind by a failed test (npm gone, server orphaned) is named by the lock file
  // in this test's own fresh DATA_DIR: only a server this test started can hold it.
  if (dataDir && existsSync(lockFile())) {
    const pid = Number(readFileSync(lockFile(), 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await smtp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start: the real server process', () => {
  test('builds, starts on PORT with the embedded database in DATA_DIR, and becomes ready', async () => {
    server = startServer();
    await waitUntilReady(server);
    assert.ok(existsSync(join(root, 'dist/cli/main.js')), 'the build produced the CLI');
    assert.ok(existsSync(join(dataDir, 'PG_VERSION')) || existsSync(join(dataDir, 'base')), 'PGlite keeps its files in DATA_DIR');
  });

  test('sign-up, the mailed link, verification, login, /me by bearer and by cookie, over real HTTP', async () => {
    const signup = await http('POST', '/api/v1/auth/signup', { email, password, firstName: 'Erika', lastName: 'Ende' });
    assert.equal(signup.status, 202, signup.text);
    assert.deepEqual(signup.body, { status: 'verification_sent' });

    const mail = await smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='), 15_000);
    assert.equal(mail.subject, 'Confirm your e-mail address');
    assert.match(mail.text, new RegExp(`http://localhost:${port}/verify-email\\?token=`), 'links use the default PUBLIC_URL');
    const verified = await http('POST', '/api/v1/auth/verify-email', { token: tokenFrom(mail, 'verify-email') });
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.body.user.emailVerified, true);

    const login = await http('POST', '/api/v1/auth/login', { email, password });
    assert.equal(login.status, 200, login.text);
    const token = login.body.token as string;
    assert.ok(token.length >= 43);
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('gatehouse_session='));
    assert.ok(setCookie, 'the session cookie is set');
    assert.match(setCookie, /HttpOnly/i);
    const cookie = setCookie.split(';')[0]!;

    const byBearer = await http('GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` });
    assert.equal(byBearer.status, 200, byBearer.text);
    assert.equal(byBearer.body.user.email, email);
    assert.equal(byBearer.body.organizations[0].name, "Erika's organization");
    assert.equal(byBearer.headers.get('cache-control'), 'no-store');
    assert.ok(byBearer.headers.get('x-request-id'));

    const byCookie = await http('GET', '/api/v1/me', undefined, { cookie });
    assert.equal(byCookie.status, 200, byCookie.text);
    assert.equal(byCookie.body.user.id, byBearer.body.user.id);

    const anonymous = await http('GET', '/api/v1/me');
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(anonymous.body.code, 'auth.unauthenticated');
  });

  test('operations endpoints: /healthz, /metrics, openapi.json and /api/docs', async () => {
    const health = await http('GET', '/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok' });

    const metrics = await http('GET', '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(metrics.text, /^# TYPE gatehouse_http_requests_total counter$/m);
    assert.match(metrics.text, /^gatehouse_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="200"\} 1$/m);

    const openapi = await http('GET', '/api/v1/openapi.json');
    assert.equal(openapi.status, 200);
    assert.match(openapi.body.openapi, /^3\.1\.\d+$/);
    assert.ok(openapi.body.paths['/api/v1/auth/signup']?.post, 'documents sign-up');

    const docs = await fetch(`${base}/api/docs`, { signal: AbortSignal.timeout(15_000) });
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await docs.text(), /<html/i);
  });

  test('while it runs, the CLI refuses to open the same embedded database', async () => {
    const pidBefore = readFileSync(lockFile(), 'utf8');
    const run = await cli(['outbox']);
    assert.notEqual(run.code, 0, run.stdout);
    assert.match(run.stderr, /in use by process \d+/);
    assert.match(run.stderr, new RegExp(dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(run.stdout, '');
    // The refused CLI left the server's lock and the server alone.
    assert.equal(readFileSync(lockFile(), 'utf8'), pidBefore);
    assert.equal((await http('GET', '/readyz')).status, 200);
  });

  test('SIGTERM stops it cleanly: exit code 0 within 10 s', async () => {
    assert.ok(server);
    await stopServer(server);
    await assert.rejects(fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) }), 'nothing listens any more');
  });

  test('once stopped, `gatehouse outbox --json` prints the messages', async () => {
    const run = await cli(['outbox', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const entries = JSON.parse(run.stdout) as { recipient: string; subject: string; status: string; links: string[] }[];
    const mine = entries.filter((e) => e.recipient === email);
    assert.equal(mine.length, 1, run.stdout);
    assert.equal(mine[0]!.subject, 'Confirm your e-mail address');
    assert.equal(mine[0]!.status, 'sent');
    // Delivered over SMTP: the live link is no longer kept.
    assert.deepEqual(mine[0]!.links, []);
    const text = await cli(['outbox', '--to', email.toUpperCase()]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`sent\\s+${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+Confirm your e-mail address`));
  });

  test('restarted on the same DATA_DIR, the account is still there', async () => {
    server = startServer();
    await waitUntilReady(server);
    const login = await http('POST', '/api/v1/auth/login', { email, password });
    assert.equal(login.status, 200, login.text);
    const me = await http('GET', '/api/v1/me', undefined, { authorization: `Bearer ${login.body.token}` });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.email, email);
    assert.equal(smtp.to(email).length, 1, 'no mail was sent twice after the restart');
    await stopServer(server);
  });
});
