import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestService, signUpAndLogin, type TestService } from '../support/service.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

type Json = Record<string, any>;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const PROBLEM_REF = '#/components/schemas/Problem';

/**
 * Every route the app has registered, as `METHOD /full/path`, read from Fastify's own route tree
 * (`printRoutes`), so a route that forgot its schema cannot hide from the OpenAPI checks.
 */
function registeredRoutes(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line.trimEnd());
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = `${stack.join('')}${m[2]!}`;
    stack.push(m[2]!);
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      out.push({ method, path });
  }
  return out;
}

/** Follows a local `$ref` into the document's components. */
function deref(doc: Json, schema: Json): Json {
  if (typeof schema?.$ref === 'string' && schema.$ref.startsWith('#/')) {
    return deref(
      doc,
      schema.$ref
        .slice(2)
        .split('/')
        .reduce((node: Json, key: string) => node?.[key], doc),
    );
  }
  return schema;
}

/** Every object schema inside `schema` (itself included) that declares properties. */
function objectSchemas(doc: Json, schema: Json, where: string, seen = new Set<Json>()): { where: string; schema: Json }[] {
  const s = deref(doc, schema);
  if (!s || typeof s !== 'object' || seen.has(s)) return [];
  seen.add(s);
  const found: { where: string; schema: Json }[] = [];
  if (s.type === 'object' || s.properties) found.push({ where, schema: s });
  for (const [key, child] of Object.entries<Json>(s.properties ?? {})) found.push(...objectSchemas(doc, child, `${where}/${key}`, seen));
  // A map (`access: {"<type>": {all, ids}}`): its keys are data, its values are checked like any object.
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    found.push(...objectSchemas(doc, s.additionalProperties, `${where}{}`, seen));
  if (s.items) found.push(...objectSchemas(doc, s.items, `${where}[]`, seen));
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    for (const [i, child] of (s[k] ?? []).entries()) found.push(...objectSchemas(doc, child, `${where}(${k}${i})`, seen));
  return found;
}

describe('health and readiness', () => {
  test('GET /healthz and /readyz answer 200', async () => {
    const health = await svc.request('GET', '/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok' });
    const ready = await svc.request('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, { status: 'ready' });
  });

  test('GET /metrics is Prometheus text with request counters and the hashing gauges', async () => {
    await svc.request('GET', '/healthz');
    const res = await svc.request('GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.match(res.body, /^# TYPE gatehouse_http_requests_total counter$/m);
    assert.match(res.body, /^gatehouse_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+$/m);
    assert.match(res.body, /^gatehouse_password_hashes_running \d+$/m);
    assert.match(res.body, /^gatehouse_password_hashes_waiting \d+$/m);
    assert.match(res.body, /^gatehouse_http_request_duration_seconds_bucket\{/m);
    // Password verifications are counted: a wrong login adds exactly one.
    const before = Number(/^gatehouse_password_verifications_total (\d+)$/m.exec(res.body)?.[1]);
    assert.equal((await svc.request('POST', '/auth/login', { email: 'nobody@example.com', password: 'Wrong-Battery-42-x' })).status, 401);
    const after = Number(/^gatehouse_password_verifications_total (\d+)$/m.exec((await svc.request('GET', '/metrics')).body)?.[1]);
    assert.equal(after - before, 1);
  });

  test('metrics label routes by pattern, not by URL', async () => {
    await svc.request('GET', '/api/v1/no/such/route-12345');
    const res = await svc.request('GET', '/metrics');
    assert.doesNotMatch(res.body, /route-12345/);
  });

  test('/readyz answers 503 service.unavailable once its 2 s budget runs out while the database hangs', async (t) => {
    const dedicated = await startTestService();
    try {
      const db = dedicated.gatehouse.db as { ping: () => Promise<void> };
      let pinged!: () => void;
      const pingStarted = new Promise<void>((r) => (pinged = r));
      db.ping = () => {
        pinged();
        return new Promise<void>(() => {});
      };
      // The budget is a timer: node:test's mock timers move it instead of waiting for it.
      t.mock.timers.enable({ apis: ['setTimeout'] });
      let answered = false;
      const pending = dedicated.request('GET', '/readyz').finally(() => (answered = true));
      await pingStarted; // the handler starts its budget right after asking the database
      t.mock.timers.tick(1_999);
      await new Promise((r) => setImmediate(r));
      assert.equal(answered, false, 'still waiting for the database 1 ms before the budget ends');
      t.mock.timers.tick(1);
      const res = await pending;
      t.mock.timers.reset();
      assert.equal(res.status, 503, 'not ready');
      assert.equal(res.body.code, 'service.unavailable', 'the problem code');
      assert.ok(
        dedicated.logs.some((l) => l.includes('service.unavailable: database: timeout')),
        'the log says the database timed out',
      );
      assert.equal((await dedicated.request('GET', '/healthz')).status, 200, 'the process itself is still up');
    } finally {
      t.mock.timers.reset();
      delete (dedicated.gatehouse.db as { ping?: unknown }).ping;
      await dedicated.close();
    }
  });

  test('/readyz answers 503 service.unavailable (a problem document) once the database is closed', async () => {
    const dedicated = await startTestService();
    try {
      assert.equal((await dedicated.request('GET', '/readyz')).status, 200);
      await dedicated.gatehouse.db.close();
      const res = await dedicated.request('GET', '/readyz');
      assert.equal(res.status, 503);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.body.code, 'service.unavailable');
      assert.equal(res.body.status, 503);
      assert.equal(res.body.type, 'urn:gatehouse:problem:service.unavailable');
      assert.equal(res.body.requestId, res.headers['x-request-id']);
      // The cause goes to the log, never to the client.
      assert.equal(res.body.detail, undefined);
      assert.doesNotMatch(res.raw.body, /database|closed|pglite|pool/i);
      assert.ok(
        dedicated.logs.some((l) => l.includes('service.unavailable: database')),
        'the cause is logged',
      );
      // Liveness is not readiness: the process is up.
      assert.equal((await dedicated.request('GET', '/healthz')).status, 200);
    } finally {
      await dedicated.close();
    }
  });
});

describe('OpenAPI document', () => {
  let doc: Json;
  before(async () => {
    const res = await svc.request('GET', '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    doc = res.body;
  });

  test('is OpenAPI 3.1 with the security schemes and the Problem schema', () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.ok(doc.info?.title, 'the document has a title');
    assert.deepEqual(
      Object.keys(doc.components?.securitySchemes ?? {}).sort(),
      ['serviceKey', 'sessionCookie', 'sessionToken'],
      'the session cookie, the session as bearer token, the service key',
    );
    const problem = doc.components?.schemas?.Problem;
    assert.ok(problem, 'components.schemas.Problem');
    assert.deepEqual([...problem.required].sort(), ['code', 'requestId', 'status', 'title', 'type']);
  });

  test('every route registered under /api/v1 is documented, and every documented one exists', () => {
    const routes = registeredRoutes(svc.gatehouse.app.printRoutes({ commonPrefix: false })).filter(
      (r) => r.path.startsWith('/api/v1/') && r.method !== 'HEAD' && r.path !== '/api/v1/openapi.json',
    );
    assert.ok(routes.length >= 14, `found only ${routes.length} routes: is the route tree parser broken?`);
    assert.ok(
      routes.some((r) => r.method === 'POST' && r.path === '/api/v1/auth/password-reset/confirm'),
      'nested routes are found',
    );
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Json>(doc.paths)) {
      for (const method of Object.keys(ops).filter((k) => HTTP_METHODS.includes(k))) documented.add(`${method.toUpperCase()} ${path}`);
    }
    // A parameter may carry a pattern (`:id(^(?!options$).+$)`, so `/me/passkeys/options` is not an id): documented as `{id}`.
    const routed = new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)(\((?:[^()]|\([^()]*\))*\))?/g, '{$1}')}`));
    const undocumented = [...routed].filter((r) => !documented.has(r));
    assert.deepEqual(undocumented, [], 'routes missing from openapi.json');
    const unrouted = [...documented].filter((op) => op.split(' ')[1]!.startsWith('/api/v1/') && !routed.has(op));
    assert.deepEqual(unrouted, [], 'documented but not routed');
  });

  test('every request body forbids unknown fields (additionalProperties: false), at every level', () => {
    let bodies = 0;
    for (const [path, ops] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(ops)) {
        if (!HTTP_METHODS.includes(method) || !op.requestBody) continue;
        const content = op.requestBody.content ?? {};
        assert.ok(content['application/json'], `${method} ${path} takes JSON`);
        for (const [type, media] of Object.entries<Json>(content)) {
          const objects = objectSchemas(doc, media.schema, `${method.toUpperCase()} ${path} ${type}`);
          assert.ok(objects.length > 0, `${method} ${path}: the body is an object`);
          for (const { where, schema } of objects) {
            // A WebAuthn response is the browser's JSON as the WebAuthn standard defines it (its
            // extensions may grow): open here, read field by field by @simplewebauthn/server.
            if (schema['x-standard'] === 'WebAuthn') continue;
            const isMap = !schema.properties && typeof schema.additionalProperties === 'object';
            if (!isMap) assert.equal(schema.additionalProperties, false, where);
          }
          bodies++;
        }
      }
    }
    assert.ok(bodies >= 10, `only ${bodies} request bodies found`);
  });

  test('every /api/v1 operation documents a 400 answered with the Problem schema', () => {
    let operations = 0;
    for (const [path, ops] of Object.entries<Json>(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries<Json>(ops)) {
        if (!HTTP_METHODS.includes(method)) continue;
        operations++;
        const bad = op.responses?.['400'];
        assert.ok(bad, `${method} ${path} has no 400 response`);
        const schemas = Object.values<Json>(bad.content ?? {}).map((m) => m.schema);
        assert.ok(schemas.length > 0, `${method} ${path}: 400 has no content`);
        for (const schema of schemas) assert.equal(schema.$ref, PROBLEM_REF, `${method} ${path}: 400 refers to the Problem schema`);
        // Any other error status documented must be a problem document too.
        for (const [status, response] of Object.entries<Json>(op.responses)) {
          if (Number(status) < 400) continue;
          for (const media of Object.values<Json>(response.content ?? {}))
            assert.equal(media.schema?.$ref, PROBLEM_REF, `${method} ${path} ${status}`);
        }
      }
    }
    assert.ok(operations >= 14, `only ${operations} operations`);
  });

  test('the operations endpoints are documented, and /readyz documents its 503 as a problem', () => {
    assert.ok(doc.paths['/healthz']?.get, "expected doc.paths['/healthz']?.get");
    assert.ok(doc.paths['/metrics']?.get, "expected doc.paths['/metrics']?.get");
    assert.equal(
      doc.paths['/readyz']?.get?.responses?.['503']?.content?.['application/json']?.schema?.$ref ??
        doc.paths['/readyz']?.get?.responses?.['503']?.content?.['application/problem+json']?.schema?.$ref,
      PROBLEM_REF,
    );
  });

  test('the interactive docs are served at /api/docs', async () => {
    const res = await svc.gatehouse.app.inject({ method: 'GET', url: '/api/docs' });
    const page =
      res.statusCode === 302
        ? await svc.gatehouse.app.inject({
            method: 'GET',
            url: String(res.headers.location).startsWith('/') ? String(res.headers.location) : `/api/docs/${res.headers.location}`,
          })
        : res;
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /swagger/i);
  });
});

describe('response headers', () => {
  const common = (headers: Json, where: string) => {
    assert.match(String(headers['x-request-id']), /^[A-Za-z0-9._:-]{1,64}$/, `${where}: x-request-id`);
    assert.equal(headers['x-content-type-options'], 'nosniff', where);
    assert.equal(headers['referrer-policy'], 'no-referrer', where);
  };

  test('API answers carry x-request-id, nosniff, no-referrer and cache-control: no-store, errors included', async () => {
    const u = await signUpAndLogin(svc);
    const answers = {
      'GET /me': await svc.request('GET', '/me', undefined, { token: u.token }),
      'GET /me unauthenticated': await svc.request('GET', '/me'),
      'POST /auth/login bad body': await svc.request('POST', '/auth/login', { email: u.email }),
      'POST /auth/login malformed JSON': await svc.request('POST', '/auth/login', undefined, { rawBody: '{"email":' }),
      'GET unknown /api/v1 route': await svc.request('GET', '/api/v1/nope'),
      'GET /api/v1/openapi.json': await svc.request('GET', '/api/v1/openapi.json'),
    };
    for (const [where, res] of Object.entries(answers)) {
      common(res.headers, where);
      assert.equal(res.headers['cache-control'], 'no-store', `${where}: cache-control`);
    }
    assert.equal(answers['GET /me unauthenticated'].status, 401);
    assert.equal(answers['POST /auth/login bad body'].status, 400);
    assert.equal(answers['POST /auth/login malformed JSON'].body.code, 'request.malformed_json');
    assert.equal(answers['GET unknown /api/v1 route'].status, 404);
  });

  test('operations endpoints carry the security headers too', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) common((await svc.request('GET', path)).headers, path);
  });

  test('every request gets its own generated id', async () => {
    const a = await svc.request('GET', '/healthz');
    const b = await svc.request('GET', '/healthz');
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
  });

  test("a caller's safe x-request-id is echoed in the header and in problem documents", async () => {
    for (const id of ['trace-42', 'abc.DEF_123:xyz', 'x'.repeat(64)]) {
      const ok = await svc.request('GET', '/healthz', undefined, { headers: { 'x-request-id': id } });
      assert.equal(ok.headers['x-request-id'], id);
      const problem = await svc.request('GET', '/me', undefined, { headers: { 'x-request-id': id } });
      assert.equal(problem.status, 401);
      assert.equal(problem.headers['x-request-id'], id);
      assert.equal(problem.body.requestId, id);
    }
  });

  test('an unsafe x-request-id (spaces, newline, markup, over 64 characters) is replaced', async () => {
    for (const id of ['has space', 'line\nbreak', 'cr\rlf', '<script>', 'a"b', 'x'.repeat(65), '']) {
      const res = await svc.request('GET', '/me', undefined, { headers: { 'x-request-id': id } });
      const given = res.headers['x-request-id'];
      assert.notEqual(given, id, JSON.stringify(id));
      assert.match(String(given), /^req_[A-Za-z0-9_-]+$/, JSON.stringify(id));
      assert.equal(res.body.requestId, given);
    }
  });
});
