// @gatehouse/sdk against a real Gatehouse listening on loopback: the typed calls, the problem
// codes it raises, and the decision cache's promise — never an answer older than a change it was
// told about, nor older than a revision the caller names.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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

test('resources.put/delete with the revision of each write; accessibleResources page by page', async () => {
  const [owner, viewer] = await signUpMany(svc, 2);
  const orgId = owner!.activeOrganizationId;
  await addMember(svc, orgId, viewer!.userId, 'viewer');
  const slug = `sdk-${randomUUID().slice(0, 8)}`;
  const registered = await svc.gatehouse.core.services.register({
    service: slug,
    name: { en: 'SDK boards' },
    resourceTypes: [{ type: 'board', name: { en: 'Board' } }],
    permissions: [
      {
        action: 'boards.view',
        label: { en: 'View' },
        description: { en: 'View boards' },
        resourceType: 'board',
        roles: ['admin', 'viewer'],
      },
    ],
  });
  const { port } = svc.gatehouse.app.server.address() as AddressInfo;
  const own = createGatehouse({ baseUrl: `http://127.0.0.1:${port}`, serviceKey: registered.client!.key });
  const type = `${slug}:board`;
  const ids: string[] = [];
  let last = 0;
  for (const n of [0, 1, 2, 3]) {
    const { resource, revision } = await own.resources.put(orgId, type, `b-${n}`, { name: `Board ${n}` });
    assert.match(resource.id, /^res_/, 'the resource has its Gatehouse id');
    assert.equal(resource.externalId, `b-${n}`, 'and our own id');
    assert.ok(typeof revision === 'number' && revision > last, `each write raises the revision (${last} → ${revision})`);
    last = revision!;
    ids.push(resource.id);
  }
  const again = await own.resources.put(orgId, type, 'b-0', { name: 'Board zero' });
  assert.equal(again.resource.id, ids[0], 'a second PUT of the same external id updates, not duplicates');
  await assert.rejects(
    sdk.resources.put(orgId, type, 'b-9', { name: 'Not yours' }),
    (e: unknown) => e instanceof GatehouseError && e.status === 403,
    "a key that is not the type's service's is refused with 403",
  );

  const narrowed = await svc.request(
    'PUT',
    `/orgs/${orgId}/members/${viewer!.userId}/access/${encodeURIComponent(type)}`,
    { all: false, ids: [ids[0], ids[3]] },
    { token: owner!.token },
  );
  assert.equal(narrowed.status, 200, `the owner gives the viewer two boards: ${narrowed.raw.body}`);
  const q = { userId: viewer!.userId, organizationId: orgId, type, permission: `${slug}:boards.view`, limit: 1 };
  const pages = [];
  for await (const page of own.accessibleResources(q)) pages.push(page);
  assert.equal(pages.length, 2, 'one item a page: two pages, and no empty third');
  assert.ok(
    pages.every((p) => p.all === false),
    'the viewer does not have all boards',
  );
  assert.deepEqual(pages.flatMap((p) => p.items.map((i) => i.externalId)).sort(), ['b-0', 'b-3'], 'exactly the two given boards');

  const { revision } = await own.resources.delete(orgId, type, 'b-0');
  assert.ok(typeof revision === 'number' && revision > last, 'the delete raises the revision too');
  const after = [];
  for await (const page of own.accessibleResources({ ...q, limit: 100, atLeastRevision: revision })) after.push(...page.items);
  assert.deepEqual(
    after.map((i) => i.externalId),
    ['b-3'],
    'the deleted board is gone from what the viewer reaches',
  );
  await assert.rejects(
    own.resources.delete(orgId, type, 'b-0'),
    (e: unknown) => e instanceof GatehouseError && e.status === 404,
    'deleting it again is a 404 with its code',
  );
  const gone = await own.check({
    userId: viewer!.userId,
    organizationId: orgId,
    permission: `${slug}:boards.view`,
    resource: { type, externalId: 'b-0' },
  });
  assert.equal(gone.reason, 'unknown_resource', 'a check on the deleted board says so');
});
