// The OpenAPI document, as the service serves it, and the HTTP conventions it states:
//   - Redocly CLI's recommended rules (redocly.yaml) find no error and no warning in it;
//   - every operation has an operationId, its security and a 4xx answer; every error response is
//     declared as `application/problem+json`, which is what the service sends;
//   - a path called with a method it does not take is 405 with `Allow` (not a 404 claiming that the
//     path does not exist), whoever calls; an unknown path stays 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestService, type TestService } from '../support/service.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PROBLEM_JSON = 'application/problem+json';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

let svc: TestService;
let doc: Doc;
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-openapi-'));

before(async () => {
  // As a production service describes itself: an https PUBLIC_URL (a document served from
  // localhost rightly draws Redocly's no-server-example.com warning).
  svc = await startTestService({ PUBLIC_URL: 'https://id.gatehouse.test' });
  const res = await svc.request('GET', '/api/v1/openapi.json');
  assert.equal(res.status, 200, 'the document is served');
  doc = res.body as Doc;
});
after(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

function redoclyLint(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'node_modules/@redocly/cli/bin/cli.js'),
        'lint',
        '--config',
        join(root, 'redocly.yaml'),
        '--format',
        'json',
        '--max-problems',
        '1000',
        file,
      ],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the OpenAPI document', () => {
  test("Redocly CLI's recommended rules find no error and no warning", async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = await redoclyLint(file);
    let result: {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    try {
      result = JSON.parse(run.stdout);
    } catch {
      assert.fail(`redocly lint printed no JSON report (exit ${run.code}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(-1500)}`);
    }
    const list = (severity: string) =>
      result.problems.filter((p) => p.severity === severity).map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    assert.deepEqual(list('error'), [], 'no lint error');
    assert.deepEqual(list('warn'), [], 'no lint warning');
    assert.equal(result.totals.errors, 0, 'the totals agree: 0 errors');
    assert.equal(run.code, 0, `redocly lint exits 0: ${run.stderr.slice(-500)}`);
  });

  test('every operation has a unique operationId, its security and a 4xx answer; errors are problem+json only', () => {
    const ops = operations();
    assert.ok(ops.length >= 50, `the document describes the API (${ops.length} operations)`);
    const ids = ops.map(({ op }) => op.operationId);
    assert.deepEqual(
      ops.filter(({ op }) => !op.operationId).map(({ key }) => key),
      [],
      'operations without an operationId',
    );
    assert.equal(new Set(ids).size, ids.length, `operationIds are unique: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    const schemes = new Set(Object.keys(doc.components.securitySchemes));
    assert.deepEqual(
      [...schemes].sort(),
      ['serviceKey', 'sessionCookie', 'sessionToken'],
      'the three ways to call the API are security schemes',
    );
    for (const { key, op } of ops) {
      assert.ok(Array.isArray(op.security), `${key} declares its security`);
      for (const requirement of op.security!)
        for (const name of Object.keys(requirement)) assert.ok(schemes.has(name), `${key}: security scheme ${name} is defined`);
      const statuses = Object.keys(op.responses);
      assert.ok(
        statuses.some((s) => s.startsWith('4')),
        `${key} declares a 4xx answer`,
      );
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        assert.deepEqual(
          Object.keys(op.responses[status]!.content ?? {}),
          [PROBLEM_JSON],
          `${key} ${status} is declared as ${PROBLEM_JSON} only`,
        );
      }
    }
  });

  test('who may call what: public routes need nothing, the authorization API takes a service key, the rest a session', () => {
    const security = (key: string) => {
      const found = operations().find((o) => o.key === key);
      assert.ok(found, `${key} is in the document`);
      return found.op.security!.map((r) => Object.keys(r).join('+')).sort();
    };
    assert.deepEqual(security('POST /api/v1/auth/login'), [], 'signing in needs no credentials');
    assert.deepEqual(security('GET /api/v1/me'), ['sessionCookie', 'sessionToken'], '/me takes the session, as cookie or bearer token');
    assert.deepEqual(
      security('POST /api/v1/authz/check'),
      ['serviceKey', 'sessionCookie', 'sessionToken'],
      'the authorization API takes a service key, or a session',
    );
  });

  test('an error is sent as the document declares it', async () => {
    const res = await svc.request('GET', '/api/v1/me');
    assert.equal(res.status, 401, 'no session');
    assert.equal(String(res.headers['content-type']).split(';')[0], PROBLEM_JSON, 'sent as problem+json');
    assert.ok(doc.paths['/api/v1/me']?.get?.responses['401']?.content?.[PROBLEM_JSON], 'declared as problem+json');
  });

  test('a query parameter with a default may be left out (the generated clients need not pass it)', () => {
    type Parameter = { in: string; name: string; required?: boolean; schema?: { default?: unknown } };
    const withDefault = operations().flatMap(({ key, op }) =>
      ((op as { parameters?: Parameter[] }).parameters ?? [])
        .filter((p) => p.in === 'query' && p.schema?.default !== undefined)
        .map((p) => ({ key, p })),
    );
    assert.ok(withDefault.length >= 4, `the list routes' limit, sort and order have defaults (found ${withDefault.length})`);
    const required = withDefault.filter(({ p }) => p.required).map(({ key, p }) => `${key} ?${p.name}`);
    assert.deepEqual(required, [], 'no query parameter with a default is required');
  });
});

describe('a method a path does not take', () => {
  /** Every API path the service registered, with the methods it takes (HEAD comes with GET). */
  function apiPaths(): Map<string, Set<string>> {
    const paths = new Map<string, Set<string>>();
    for (const route of svc.gatehouse.app.routeTable) {
      if (!route.url.startsWith('/api/v1/') && !OPS_PATHS.has(route.url)) continue;
      const methods = paths.get(route.url) ?? new Set<string>();
      methods.add(route.method);
      if (route.method === 'GET') methods.add('HEAD');
      paths.set(route.url, methods);
    }
    return paths;
  }

  test('is 405 with Allow naming exactly the methods it takes, for anyone, on every path of the API', async () => {
    const paths = apiPaths();
    assert.ok(paths.size >= 40, `the API's paths (${paths.size})`);
    let checked = 0;
    for (const [pattern, methods] of paths) {
      // (A parameter may carry a pattern, `:id(^…$)`: it is left out of the URL.)
      const url = pattern.replace(/:(\w+)(\([^/]*\))?/g, (_m, name: string) => `${name.replace(/Id$/, '').slice(0, 3)}_0abc`);
      for (const method of METHODS.filter((m) => !methods.has(m))) {
        const res = await svc.request(method, url, undefined, { origin: null });
        const what = `${method} ${url} (takes ${[...methods].join(', ')})`;
        assert.equal(res.status, 405, `${what}: 405, not ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        assert.deepEqual(
          String(res.headers.allow).split(', ').sort(),
          [...methods].sort(),
          `${what}: Allow names the methods the path takes`,
        );
        assert.equal(String(res.headers['content-type']).split(';')[0], PROBLEM_JSON, `${what}: a problem document`);
        if (method !== 'HEAD') assert.equal((res.body as { code: string }).code, 'request.method_not_allowed', `${what}: its code`);
        checked++;
      }
    }
    assert.ok(checked >= 100, `every other method of every path was tried (${checked})`);
  });

  test('is 405 whatever the session: the method is checked before the caller', async () => {
    const res = await svc.request('PUT', '/api/v1/orgs/org_0abc', undefined, { token: 'not-a-session-token-at-all-000000', origin: null });
    assert.equal(res.status, 405, 'a wrong method with a refused token is still 405');
    assert.equal(res.headers.allow, 'GET, HEAD, PATCH, DELETE', 'and names the methods of /orgs/{orgId}');
  });

  test('an unknown path is still 404, whatever the method', async () => {
    for (const method of METHODS) {
      const res = await svc.request(method, '/api/v1/no-such-thing', undefined, { origin: null });
      assert.equal(res.status, 404, `${method} of an unknown path is 404`);
      assert.equal(res.headers.allow, undefined, `${method} of an unknown path has no Allow header`);
    }
  });
});
