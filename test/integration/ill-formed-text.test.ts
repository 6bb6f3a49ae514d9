// Text PostgreSQL cannot hold, found by the proof suite's fuzzer: a NUL character (U+0000) that
// passes a route's schema, and a lone surrogate (`"\ud800"` in JSON), which text would store as
// U+FFFD and JSON (the audit log) refuses. Both are a 400 that changes nothing, never a 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signUpAndLogin, startTestService, type TestService } from '../support/service.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

test('a NUL character in an id, a query or a body field is 400 request.invalid, not 500', async () => {
  const u = await signUpAndLogin(svc);
  const answers = [
    await svc.request('PUT', '/me/active-organization', { organizationId: '\u0000x' }, { token: u.token }),
    await svc.request('GET', `/orgs?q=${encodeURIComponent('a\u0000b')}`, undefined, { token: u.token }),
    await svc.request('GET', `/orgs/${encodeURIComponent('org_\u0000')}`, undefined, { token: u.token }),
  ];
  for (const a of answers) {
    assert.ok(a.status < 500, `${a.status} ${a.raw.body}`);
    if (a.status === 400) assert.equal(a.body.code, 'request.invalid');
  }
  assert.equal(answers[0]!.status, 400);
});

test('a lone surrogate in a body value or key is 400 request.invalid naming the field, and changes nothing', async () => {
  const u = await signUpAndLogin(svc);
  const org = u.activeOrganizationId;
  const billing = {
    companyName: 'Acme GmbH',
    street: 'Flachsmarktstr. 8',
    postalCode: '32825',
    city: 'Blomberg',
    country: 'DE',
    billingEmail: 'billing@acme.example',
  };
  assert.equal((await svc.request('PUT', `/orgs/${org}/billing`, billing, { token: u.token })).status, 200);

  // JSON.stringify escapes a lone surrogate as \ud800: exactly what a client's JSON would carry.
  for (const [field, value] of [
    ['/companyName', 'Acme \ud800 GmbH'],
    ['/city', '\udfff'],
  ] as const) {
    const res = await svc.request('PUT', `/orgs/${org}/billing`, { ...billing, [field.slice(1)]: value }, { token: u.token });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.code, 'request.invalid');
    assert.deepEqual(
      res.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]),
      [[field, 'text']],
    );
  }
  const keyed = await svc.request('PATCH', `/orgs/${org}`, { name: 'x', '\ud83d': 1 }, { token: u.token });
  assert.equal(keyed.status, 400);
  assert.equal(keyed.body.errors[0].rule, 'text');

  const after = await svc.request('GET', `/orgs/${org}/billing`, undefined, { token: u.token });
  assert.equal(after.body.companyName, 'Acme GmbH');
  assert.equal(after.body.city, 'Blomberg');

  // A pair is one character, and so is the same text written as an escaped pair.
  const paired = await svc.request(
    'PUT',
    `/orgs/${org}/billing`,
    { ...billing, companyName: 'Acme \ud83d\ude80 GmbH' },
    { token: u.token },
  );
  assert.equal(paired.status, 200);
  assert.equal(paired.body.companyName, 'Acme 🚀 GmbH');
  const escaped = await svc.request('PUT', `/orgs/${org}/billing`, undefined, {
    token: u.token,
    rawBody: JSON.stringify({ ...billing, city: 'x' }).replace('"x"', '"\\ud83d\\ude80"'),
  });
  assert.equal(escaped.status, 200, JSON.stringify(escaped.body));
  assert.equal(escaped.body.city, '🚀');
});
