// Events and webhooks (shared/spec/PLATFORM.md "Events"): every write emits its event in its
// transaction, with the organization's revision; `GET /events` reads them in commit order for
// service keys; webhooks are signed per Standard Webhooks (verified here with the
// `standardwebhooks` package), delivered in order per organization to real receivers on loopback,
// retried until a receiver that was down is back, without a slow receiver holding up another,
// and never to an address the operator did not allow.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { createAddressGuard } from '../../src/webhooks/address-guard.js';
import { eventually } from '../support/eventually.js';
import { addMember, signUpAndLogin, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { serviceWithKey } from '../support/services.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

let svc: TestService;
let tsdKey: string;
let otherKey: string;
let keyOfNoService: string;
const receivers: Receiver[] = [];

before(async () => {
  svc = await startTestService({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }, { webhooks: { retryBaseMs: 100, timeoutMs: 3000, pollMs: 50 } });
  tsdKey = await serviceWithKey(svc, 'tsd');
  otherKey = await serviceWithKey(svc, 'other');
  keyOfNoService = (await svc.gatehouse.core.serviceClients.create('old key')).key;
});
after(async () => {
  for (const r of receivers) await r.stop().catch(() => {});
  await svc?.close();
});

async function receiver(options: { delayMs?: number } = {}) {
  const r = await startReceiver(options);
  receivers.push(r);
  return r;
}

async function eventsAfter(cursor: string, query = '') {
  const r = await svc.request('GET', `/events?after=${cursor}${query}`, undefined, { token: tsdKey });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as {
    items: { id: string; type: string; organizationId: string; revision: number | null; data: Record<string, unknown> }[];
    nextCursor: string;
  };
}

const cursorNow = async () => {
  let cursor = '';
  for (;;) {
    const page = await eventsAfter(cursor, '&limit=1000');
    if (page.items.length === 0) return page.nextCursor;
    cursor = page.nextCursor;
  }
};

const authzVersion = async (orgId: string) =>
  Number((await svc.gatehouse.db.query<{ v: number }>('SELECT authz_version AS v FROM organizations WHERE id = $1', [orgId]))[0]?.v);

async function addDevice(u: SignedUpUser, orgId: string) {
  const r = await svc.request('POST', `/orgs/${orgId}/devices`, { uuid: randomUUID(), name: 'Press' }, { token: u.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.device.id as string;
}

async function createWebhook(url: string, types: string[] = ['device.added', 'device.deleted', 'member.removed']) {
  const r = await svc.request('POST', '/services/tsd/webhooks', { url, types }, { token: tsdKey });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; secret: string; url: string; types: string[] };
}

describe('events', () => {
  test('every write a service may care about is an event, in the order of the writes, with the revision after it', async () => {
    const start = await cursorNow();
    const owner = await signUpAndLogin(svc);
    const other = await signUpAndLogin(svc);
    const orgId = owner.activeOrganizationId;
    await addMember(svc, orgId, other.userId, 'viewer');
    const deviceId = await addDevice(owner, orgId);
    const put = (path: string, body: unknown, method = 'PUT') => svc.request(method, path, body, { token: owner.token });
    assert.equal((await put(`/orgs/${orgId}/members/${other.userId}`, { roleId: 'editor' }, 'PATCH')).status, 200);
    assert.equal(
      (await put(`/orgs/${orgId}/members/${other.userId}/device-access`, { allDevices: false, deviceIds: [deviceId] })).status,
      200,
    );
    const role = await put(
      `/orgs/${orgId}/roles`,
      { name: `Auditors ${randomUUID().slice(0, 4)}`, permissions: ['user-management:access'] },
      'POST',
    );
    assert.equal(role.status, 201, JSON.stringify(role.body));
    assert.equal(
      (
        await put(
          `/orgs/${orgId}/roles/${role.body.id}`,
          { permissions: ['user-management:access', 'device-management:devices.view'] },
          'PATCH',
        )
      ).status,
      200,
    );
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/roles/${role.body.id}`, undefined, { token: owner.token })).status, 204);
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/devices/${deviceId}`, undefined, { token: owner.token })).status, 204);
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/members/${other.userId}`, undefined, { token: owner.token })).status, 204);
    const revisionBeforeDeletion = await authzVersion(orgId);
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}`, undefined, { token: owner.token })).status, 204);
    const leaver = await signUpAndLogin(svc);
    assert.equal((await svc.request('DELETE', '/me', { password: leaver.password }, { token: leaver.token })).status, 204);

    const { items } = await eventsAfter(start, '&limit=1000');
    const mine = items.filter((e) => e.organizationId === orgId);
    assert.deepEqual(
      mine.map((e) => e.type),
      [
        'member.added', // the owner, in the organization made at sign-up
        'device.added',
        'member.role_changed',
        'member.access_changed',
        'role.changed',
        'role.deleted',
        'device.deleted',
        'member.removed',
        'organization.deleted',
      ],
      'the events of the organization, in the order of the writes',
    );
    assert.ok(
      mine.every((e) => /^evt_[0-9a-z]{26}$/.test(e.id)),
      'each event has an evt_ id',
    );
    assert.deepEqual(mine[2]!.data, { userId: other.userId, roleId: 'editor', previousRoleId: 'viewer' }, 'data names ids');
    assert.deepEqual(mine[3]!.data, { userId: other.userId, type: 'device' }, 'device access is access of the type device');
    const revisions = mine.slice(0, -1).map((e) => e.revision!);
    assert.ok(
      revisions.every((r, i) => i === 0 || r >= revisions[i - 1]!),
      `revisions rise with the writes: ${revisions}`,
    );
    assert.equal(revisions.at(-1), revisionBeforeDeletion, "the last event's revision is the organization's after that write");
    assert.equal(mine.at(-1)!.revision, null, 'organization.deleted: the organization (and its revision) is gone');
    const leaverEvents = items.filter((e) => e.organizationId === leaver.activeOrganizationId).map((e) => e.type);
    assert.deepEqual(
      leaverEvents,
      ['member.added', 'user.deleted', 'organization.deleted'],
      'a deleted account: user.deleted, and its lone organization goes',
    );
    assert.ok(
      !JSON.stringify(items).includes(owner.token) && !JSON.stringify(items).includes(owner.email),
      'no tokens or e-mail addresses in events',
    );
  });

  test('an accepted invitation is member.added, with the role it gives', async () => {
    const admin = await signUpAndLogin(svc);
    const invitee = await signUpAndLogin(svc);
    const start = await cursorNow();
    const orgId = admin.activeOrganizationId;
    const inv = await svc.request('POST', `/orgs/${orgId}/invitations`, { email: invitee.email, roleId: 'editor' }, { token: admin.token });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const accepted = await svc.request('POST', `/me/invitations/${inv.body.invitation.id}/accept`, undefined, { token: invitee.token });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const { items } = await eventsAfter(start);
    assert.deepEqual(
      items.map((e) => [e.type, e.organizationId, e.data]),
      [['member.added', orgId, { userId: invitee.userId, roleId: 'editor' }]],
      'one member.added in the inviting organization',
    );
    assert.equal(items[0]!.revision, await authzVersion(orgId), "the organization's revision after the acceptance");
  });

  test('GET /events: service keys only, a cursor that continues, type filter, bad input is a 400', async () => {
    const u = await signUpAndLogin(svc);
    assert.equal((await svc.request('GET', '/events')).status, 401, 'anonymous');
    assert.equal((await svc.request('GET', '/events', undefined, { token: u.token })).status, 401, 'a signed-in user');
    assert.equal((await svc.request('GET', '/events', undefined, { token: keyOfNoService })).status, 200, 'any service key reads events');
    const start = await cursorNow();
    await addDevice(u, u.activeOrganizationId);
    await addDevice(u, u.activeOrganizationId);
    const first = await eventsAfter(start, '&limit=1');
    assert.equal(first.items.length, 1, 'one per page');
    const second = await eventsAfter(first.nextCursor, '&limit=1');
    assert.notEqual(second.items[0]!.id, first.items[0]!.id, 'the cursor continues after the first');
    const none = await eventsAfter(second.nextCursor);
    assert.deepEqual(none, { items: [], nextCursor: second.nextCursor }, 'nothing new: the same cursor to poll again');
    const filtered = await eventsAfter(start, '&types=member.removed,device.deleted');
    assert.deepEqual(filtered.items, [], 'filtered by type');
    for (const q of ['?after=abc', '?types=member.exploded', '?limit=0']) {
      const r = await svc.request('GET', `/events${q}`, undefined, { token: tsdKey });
      assert.equal(r.status, 400, q);
      assert.equal(r.body.code, 'request.invalid', q);
    }
  });

  test('a manifest change is the platform event service.manifest_changed: no organization, keys only, to every service', async () => {
    const r = await receiver();
    // A webhook of tsd, for another service's manifest: events are every service's (PLATFORM.md).
    const hook = await createWebhook(r.url, ['service.manifest_changed']);
    const start = await cursorNow();
    const permission = (action: string) => ({ action, label: { en: action }, description: { en: action }, roles: ['admin'] });
    const manifest = {
      service: 'evsvc',
      name: { en: 'Events service', de: 'Ereignisdienst' },
      permissions: [permission('read'), permission('write')],
    };
    await svc.gatehouse.core.services.register(manifest);
    await svc.gatehouse.core.services.register({ ...manifest, permissions: [permission('read')] });
    await svc.gatehouse.core.services.register({ ...manifest, permissions: [permission('read')] });
    const { items } = await eventsAfter(start, '&types=service.manifest_changed');
    assert.deepEqual(
      items.map((e) => [e.type, e.organizationId, e.revision, e.data]),
      [
        [
          'service.manifest_changed',
          null,
          null,
          {
            service: 'evsvc',
            version: 1,
            permissionsAdded: ['evsvc:read', 'evsvc:write'],
            permissionsChanged: [],
            permissionsDeprecated: [],
            permissionsRestored: [],
            resourceTypesAdded: [],
            resourceTypesChanged: [],
            resourceTypesRemoved: [],
          },
        ],
        [
          'service.manifest_changed',
          null,
          null,
          {
            service: 'evsvc',
            version: 2,
            permissionsAdded: [],
            permissionsChanged: [],
            permissionsDeprecated: ['evsvc:write'],
            permissionsRestored: [],
            resourceTypesAdded: [],
            resourceTypesChanged: [],
            resourceTypesRemoved: [],
          },
        ],
      ],
      'one event per change (the same manifest again is none), without an organization or revision',
    );
    await eventually('both delivered to the webhook of another service', () => r.events().length >= 2);
    assert.deepEqual(
      r.events().map((e) => [e.id, e.organizationId]),
      items.map((e) => [e.id, null]),
      'the same events, in order',
    );
    const log = await eventually('recorded as succeeded', async () => {
      const res = await svc.request('GET', `/services/tsd/webhooks/${hook.id}/deliveries`, undefined, { token: tsdKey });
      return res.body.items?.every((d: { status: string }) => d.status === 'succeeded') && res.body.items.length === 2 ? res : undefined;
    });
    assert.deepEqual(
      log.body.items.map((d: { organizationId: string | null; eventType: string }) => [d.eventType, d.organizationId]),
      [
        ['service.manifest_changed', null],
        ['service.manifest_changed', null],
      ],
      'the delivery log says no organization',
    );
    await svc.request('DELETE', `/services/tsd/webhooks/${hook.id}`, undefined, { token: tsdKey });
  });

  test('events are kept 7 days: the maintenance pass removes older ones; a cursor before them is a 410', async () => {
    const u = await signUpAndLogin(svc);
    const start = await cursorNow();
    await addDevice(u, u.activeOrganizationId);
    assert.equal((await eventsAfter(start)).items.length, 1);
    const afterIt = await cursorNow();
    svc.clock.advance(8 * 86_400_000);
    try {
      await svc.gatehouse.maintenance.run();
    } finally {
      svc.clock.advance(-8 * 86_400_000);
    }
    const expired = await svc.request('GET', `/events?after=${start}`, undefined, { token: tsdKey });
    assert.equal(expired.status, 410, 'a cursor before a purged event is gone, not silently moved to the oldest kept');
    assert.equal(expired.body.code, 'events.cursor_expired');
    assert.equal(expired.body.errors?.[0]?.field, '/query/after');
    const stream = await svc.gatehouse.app.inject({
      method: 'GET',
      url: '/api/v1/events',
      headers: { accept: 'text/event-stream', authorization: `Bearer ${tsdKey}`, 'last-event-id': start },
    });
    assert.equal(stream.statusCode, 410, 'the stream with that Last-Event-ID too');
    assert.equal(stream.json().code, 'events.cursor_expired');
    assert.equal(stream.json().errors?.[0]?.field, '/headers/last-event-id');
    assert.deepEqual((await eventsAfter(afterIt)).items, [], 'a cursor after the purged events goes on');
    assert.equal((await svc.request('GET', '/events', undefined, { token: tsdKey })).status, 200, 'no cursor: from the oldest kept');
  });
});

describe('webhooks', () => {
  test("managed by the service's own key only; the secret is shown once and stored sealed", async () => {
    const r = await receiver();
    const created = await createWebhook(r.url);
    assert.match(created.id, /^whk_/);
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'a Standard Webhooks secret');
    const [row] = await svc.gatehouse.db.query<{ secret_sealed: string }>('SELECT secret_sealed FROM webhooks WHERE id = $1', [created.id]);
    assert.ok(!row!.secret_sealed.includes(created.secret.slice(6)), 'the stored secret is sealed, not the secret');
    const got = await svc.request('GET', `/services/tsd/webhooks/${created.id}`, undefined, { token: tsdKey });
    assert.equal(got.status, 200);
    assert.equal(got.body.secret, undefined, 'never shown again');
    const list = await svc.request('GET', '/services/tsd/webhooks', undefined, { token: tsdKey });
    assert.ok(
      list.body.items.some((w: { id: string }) => w.id === created.id),
      'listed',
    );
    for (const [key, what] of [
      [otherKey, 'another service'],
      [keyOfNoService, 'a key of no service'],
    ] as const) {
      for (const [method, path, body] of [
        ['POST', '/services/tsd/webhooks', { url: r.url, types: ['device.added'] }],
        ['GET', `/services/tsd/webhooks/${created.id}`, undefined],
        ['DELETE', `/services/tsd/webhooks/${created.id}`, undefined],
        ['GET', `/services/tsd/webhooks/${created.id}/deliveries`, undefined],
      ] as const) {
        const res = await svc.request(method, path, body, { token: key });
        assert.equal(res.status, 403, `${what}: ${method} ${path}`);
        assert.equal(res.body.code, 'service.forbidden', `${what}: ${method} ${path}`);
      }
    }
    const u = await signUpAndLogin(svc);
    assert.equal((await svc.request('GET', `/services/tsd/webhooks/${created.id}`, undefined, { token: u.token })).status, 401, 'a user');
    assert.equal(
      (await svc.request('GET', '/services/other/webhooks/whk_0unknown', undefined, { token: otherKey })).status,
      404,
      'unknown',
    );
    assert.equal(
      (await svc.request('GET', `/services/other/webhooks/${created.id}`, undefined, { token: otherKey })).status,
      404,
      "tsd's webhook under other",
    );
    assert.equal((await svc.request('DELETE', `/services/tsd/webhooks/${created.id}`, undefined, { token: tsdKey })).status, 204);
    assert.equal((await svc.request('GET', `/services/tsd/webhooks/${created.id}`, undefined, { token: tsdKey })).status, 404, 'gone');
  });

  test('the address rules: private, loopback and link-local targets are refused unless allowed, after DNS resolution', async () => {
    // WEBHOOK_ALLOWED_HOSTS=127.0.0.1 here: every other private address stays refused.
    for (const url of ['http://10.0.0.1/hook', 'http://169.254.169.254/latest', 'http://[::1]:8080/', 'http://192.168.1.1/']) {
      const r = await svc.request('POST', '/services/tsd/webhooks', { url, types: ['device.added'] }, { token: tsdKey });
      assert.equal(r.status, 400, url);
      assert.equal(r.body.code, 'webhook.address_refused', url);
      assert.equal(r.body.errors?.[0]?.field, '/url', `${url}: the error names the field`);
    }
    const ftp = await svc.request(
      'POST',
      '/services/tsd/webhooks',
      { url: 'ftp://example.com/', types: ['device.added'] },
      { token: tsdKey },
    );
    assert.equal(ftp.body.code, 'request.invalid', 'only http(s) URLs');
    // Without an allow-list, loopback is refused too, also behind a name and as an IPv4-mapped IPv6 address.
    const strict = createAddressGuard([]);
    for (const url of [
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://169.254.1.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost/',
      'http://[fe80::1]/',
    ]) {
      assert.ok(await strict.check(new URL(url)), `${url} refused without WEBHOOK_ALLOWED_HOSTS`);
    }
    assert.equal(await strict.check(new URL('https://8.8.8.8/hook')), undefined, 'a public address is fine');
    const allowed = createAddressGuard(['127.0.0.1', '10.0.0.0/8', 'internal.example']);
    assert.equal(await allowed.check(new URL('http://127.0.0.1:9/')), undefined, 'an allowed address');
    assert.equal(await allowed.check(new URL('http://10.20.30.40/')), undefined, 'an allowed range');
    assert.ok(await allowed.check(new URL('http://192.168.0.1/')), 'others stay refused');
    // At delivery, the connection goes only to a checked address (the lookup refuses the rest).
    const looked = await new Promise<unknown>((resolve) => strict.lookup('localhost', {}, (err) => resolve(err)));
    assert.ok(looked instanceof Error, 'the connection-time lookup refuses loopback');
  });

  test('deliveries are signed per Standard Webhooks and arrive in order; the log records them; a retry sends again', async () => {
    const r = await receiver();
    const hook = await createWebhook(r.url);
    const u = await signUpAndLogin(svc);
    const devices = [];
    for (let i = 0; i < 5; i++) devices.push(await addDevice(u, u.activeOrganizationId));
    await eventually('five deliveries', () => r.received.length >= 5);
    const wh = new Webhook(hook.secret);
    for (const got of r.received) {
      assert.doesNotThrow(() => wh.verify(got.body, got.headers), 'the signature verifies with standardwebhooks');
      assert.equal(got.headers['webhook-id'], JSON.parse(got.body).id, 'webhook-id is the event id');
    }
    assert.throws(
      () => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(r.received[0]!.body, r.received[0]!.headers),
      'another secret does not verify',
    );
    assert.deepEqual(
      r.events().map((e) => e.data.deviceId),
      devices,
      'in the order of the writes',
    );
    // (The receiver has the body a moment before the worker records its answer.)
    const log = await eventually('the log records the last delivery as succeeded', async () => {
      const res = await svc.request('GET', `/services/tsd/webhooks/${hook.id}/deliveries?limit=2`, undefined, { token: tsdKey });
      return res.body.items?.[0]?.status === 'succeeded' ? res : undefined;
    });
    assert.equal(log.status, 200);
    assert.equal(log.body.items.length, 2);
    assert.equal(log.body.items[0].status, 'succeeded');
    assert.equal(log.body.items[0].lastStatus, 204);
    assert.equal(log.body.items[0].eventType, 'device.added');
    assert.ok(log.body.nextCursor, 'more pages');
    const retry = await svc.request('POST', `/services/tsd/webhooks/${hook.id}/deliveries/${log.body.items[0].id}/retry`, undefined, {
      token: tsdKey,
    });
    assert.equal(retry.status, 202, JSON.stringify(retry.body));
    assert.equal(retry.body.status, 'pending');
    await eventually('the retried delivery arrives again', () => r.received.length === 6);
    assert.equal(r.events()[5]!.id, log.body.items[0].eventId, 'the same event, the same webhook-id');
    const unknown = await svc.request('POST', `/services/tsd/webhooks/${hook.id}/deliveries/whd_0unknown/retry`, undefined, {
      token: tsdKey,
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'webhook.delivery_not_found');
    await svc.request('DELETE', `/services/tsd/webhooks/${hook.id}`, undefined, { token: tsdKey });
  });

  test('a receiver that is down gets every event once it is back, in order', async () => {
    const r = await receiver();
    const hook = await createWebhook(r.url);
    await r.stop();
    const u = await signUpAndLogin(svc);
    const devices = [];
    for (let i = 0; i < 4; i++) devices.push(await addDevice(u, u.activeOrganizationId));
    await eventually('a failed attempt is logged', async () => {
      const log = await svc.request('GET', `/services/tsd/webhooks/${hook.id}/deliveries`, undefined, { token: tsdKey });
      return log.body.items.some((d: { attempts: number; lastError: string | null }) => d.attempts >= 2 && d.lastError);
    });
    assert.equal(r.received.length, 0, 'nothing arrived while down');
    await r.start();
    await eventually('every event after the receiver is back', () => r.received.length >= 4);
    assert.deepEqual(
      r.events().map((e) => e.data.deviceId),
      devices,
      'all of them, in order',
    );
    await svc.request('DELETE', `/services/tsd/webhooks/${hook.id}`, undefined, { token: tsdKey });
  });

  test('a slow receiver does not hold up another', async () => {
    const slow = await receiver({ delayMs: 1000 });
    const fast = await receiver();
    const slowHook = await createWebhook(slow.url);
    const fastHook = await createWebhook(fast.url);
    const u = await signUpAndLogin(svc);
    for (let i = 0; i < 5; i++) await addDevice(u, u.activeOrganizationId);
    await eventually('the fast receiver has every event', () => fast.received.length >= 5);
    assert.ok(slow.received.length < 5, `the slow one is still at ${slow.received.length} of 5 when the fast one has all`);
    await eventually('the slow receiver gets them too', () => slow.received.length >= 5);
    for (const h of [slowHook, fastHook]) await svc.request('DELETE', `/services/tsd/webhooks/${h.id}`, undefined, { token: tsdKey });
  });
});
