// @gatehouse/sdk against a real Gatehouse listening on loopback: the typed calls, the problem
// codes it raises, and the decision cache's promise — never an answer older than a change it was
// told about, nor older than a revision the caller names.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createDecisionCache, createGatehouse, GatehouseError, type Gatehouse as Sdk } from '@gatehouse/sdk';
import { addMember, signUpMany, startTestService, type TestService } from '../support/service.js';

let svc: TestService;
let sdk: Sdk;
before(async () => {
  svc = await startTestService();
  await svc.gatehouse.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = svc.gatehouse.app.server.address() as AddressInfo;
  const key = (await svc.gatehouse.core.serviceClients.create('sdk tests')).key;
  sdk = createGatehouse({ baseUrl: `http://127.0.0.1:${port}`, serviceKey: key });
});
after(async () => {
  await svc?.close();
});

test('check and checkBatch answer as the API does; a bad key is a GatehouseError with the problem code', async () => {
  const [owner, viewer] = await signUpMany(svc, 2);
  const orgId = owner!.activeOrganizationId;
  await addMember(svc, orgId, viewer!.userId, 'viewer');
  const view = { userId: viewer!.userId, organizationId: orgId, permission: 'device-management:devices.view' };
  const add = { ...view, permission: 'device-management:devices.add' };
  assert.equal((await sdk.check(view)).allowed, true, 'a Viewer may view devices');
  const batch = await sdk.checkBatch([view, add]);
  assert.deepEqual(
    batch.map((r) => [r.allowed, r.reason]),
    [
      [true, 'granted'],
      [false, 'permission_denied'],
    ],
    'answers in order',
  );
  const { port } = svc.gatehouse.app.server.address() as AddressInfo;
  const wrong = createGatehouse({ baseUrl: `http://127.0.0.1:${port}`, serviceKey: 'gks_not-a-key' });
  await assert.rejects(
    wrong.check(view),
    (e: unknown) => e instanceof GatehouseError && e.status === 401 && e.code.startsWith('auth.'),
    'a made-up key is refused with 401 and an auth.* code',
  );
});

test('the decision cache answers from memory until told of a change, then asks again', async () => {
  const [owner, editor] = await signUpMany(svc, 2);
  const orgId = owner!.activeOrganizationId;
  await addMember(svc, orgId, editor!.userId, 'editor');
  let asked = 0;
  const counting = {
    check: (q: Parameters<Sdk['check']>[0]) => {
      asked++;
      return sdk.check(q);
    },
  };
  const cache = createDecisionCache(counting);
  const q = { userId: editor!.userId, organizationId: orgId, permission: 'device-management:devices.add' };
  assert.equal((await cache.check(q)).allowed, true, 'an Editor may add devices');
  assert.equal((await cache.check(q)).allowed, true, 'the same answer again');
  assert.equal(asked, 1, 'the second answer came from the cache');
  assert.equal(cache.peek(q)?.reason, 'granted', 'peek answers synchronously from the cache');

  // The Editor is demoted to Viewer; the service hears of it (here: told directly, as a webhook would).
  const r = await svc.request('PATCH', `/orgs/${orgId}/members/${editor!.userId}`, { roleId: 'viewer' }, { token: owner!.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await cache.check(q)).allowed, true, 'not told yet: the cached answer stands (why events exist)');
  cache.onEvent({ organizationId: orgId, revision: Number(r.headers['gatehouse-revision'] ?? 0) });
  assert.equal((await cache.check(q)).allowed, false, 'told of the change: asked again, and refused');
  assert.equal(asked, 2, 'exactly one more question');
});
