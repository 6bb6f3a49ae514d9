import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { withoutRevisions } from '../support/revisions.js';
import { addMember, signUpAndLogin, signUpMany, startTestService, type SignedUpUser, type TestService } from '../support/service.js';

let svc: TestService;
let serviceKey: string;
before(async () => {
  svc = await startTestService();
  withoutRevisions(svc);
  serviceKey = (await svc.gatehouse.core.serviceClients.create('tests')).key;
});
after(async () => {
  await svc?.close();
});

const addDevice = async (u: SignedUpUser, orgId: string, extra: Record<string, unknown> = {}) => {
  const r = await svc.request(
    'POST',
    `/orgs/${orgId}/devices`,
    { uuid: randomUUID(), name: `Device ${randomUUID().slice(0, 4)}`, ...extra },
    { token: u.token },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { device: { id: string; uuid: string }; deviceToken: string };
};
const check = async (body: Record<string, unknown>, token = serviceKey) => {
  const r = await svc.request('POST', '/authz/check', body, { token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { allowed: boolean; reason: string };
};

async function team(roles: string[]) {
  const [owner, ...members] = await signUpMany(svc, roles.length + 1);
  const orgId = owner!.activeOrganizationId;
  for (const [i, m] of members.entries()) await addMember(svc, orgId, m.userId, roles[i]);
  return { owner: owner!, members, orgId };
}

describe('devices', () => {
  test('registered by UUID (any case, unique across organizations), token shown once and resettable, audited', async () => {
    const a = await signUpAndLogin(svc);
    const b = await signUpAndLogin(svc);
    const uuid = randomUUID();
    const created = await svc.request(
      'POST',
      `/orgs/${a.activeOrganizationId}/devices`,
      { uuid: ` ${uuid.toUpperCase()} `, name: 'Press 7', location: 'Hall 2', tags: ['Line-1', 'line-1', ' press '] },
      { token: a.token },
    );
    assert.equal(created.status, 201);
    assert.equal(created.body.device.uuid, uuid);
    assert.deepEqual(created.body.device.tags, ['line-1', 'press']);
    assert.ok(created.body.deviceToken.length >= 43, 'expected created.body.deviceToken.length >= 43');
    const rows = await svc.gatehouse.db.query<{ token_hash: string }>(`SELECT token_hash FROM devices WHERE id = $1`, [
      created.body.device.id,
    ]);
    assert.notEqual(rows[0]!.token_hash, created.body.deviceToken, 'stored hashed');
    const read = await svc.request('GET', `/orgs/${a.activeOrganizationId}/devices/${created.body.device.id}`, undefined, {
      token: a.token,
    });
    assert.equal(read.body.deviceToken, undefined, 'never shown again');

    for (const [org, token] of [
      [a.activeOrganizationId, a.token],
      [b.activeOrganizationId, b.token],
    ] as const) {
      const dup = await svc.request('POST', `/orgs/${org}/devices`, { uuid: uuid.toUpperCase(), name: 'Again' }, { token });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.code, 'device.already_registered');
    }
    for (const bad of ['not-a-uuid', '123e4567e89b12d3a456426614174000', `${uuid}0`]) {
      const r = await svc.request('POST', `/orgs/${a.activeOrganizationId}/devices`, { uuid: bad, name: 'Bad' }, { token: a.token });
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.errors[0].field, '/uuid');
    }
    const reset = await svc.request('POST', `/orgs/${a.activeOrganizationId}/devices/${created.body.device.id}/token`, undefined, {
      token: a.token,
    });
    assert.equal(reset.status, 200);
    assert.notEqual(reset.body.deviceToken, created.body.deviceToken);
    const patched = await svc.request(
      'PATCH',
      `/orgs/${a.activeOrganizationId}/devices/${created.body.device.id}`,
      { name: 'Press 8', location: null },
      { token: a.token },
    );
    assert.equal(patched.body.name, 'Press 8');
    assert.equal(patched.body.location, null);
    const actions = (
      await svc.request('GET', `/orgs/${a.activeOrganizationId}/audit-events?targetId=${created.body.device.id}`, undefined, {
        token: a.token,
      })
    ).body.items.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['device.changed', 'device.token_reset', 'device.added']);
  });

  test('a non-admin sees only the devices they may reach; the one they add is theirs; search and tags', async () => {
    const {
      owner,
      members: [editor],
      orgId,
    } = await team(['editor']);
    const adminDevice = await addDevice(owner, orgId, { name: 'Admin only', tags: ['secret'] });
    const own = await addDevice(editor!, orgId, { name: 'Editor pump', tags: ['pumps'] });
    const list = (await svc.request('GET', `/orgs/${orgId}/devices`, undefined, { token: editor!.token })).body.items;
    assert.deepEqual(
      list.map((d: { id: string }) => d.id),
      [own.device.id],
    );
    const hidden = await svc.request('GET', `/orgs/${orgId}/devices/${adminDevice.device.id}`, undefined, { token: editor!.token });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.code, 'device.not_found');
    assert.equal(
      (await svc.request('DELETE', `/orgs/${orgId}/devices/${adminDevice.device.id}`, undefined, { token: editor!.token })).status,
      404,
    );
    const all = (await svc.request('GET', `/orgs/${orgId}/devices`, undefined, { token: owner.token })).body.items;
    assert.equal(all.length, 2);
    assert.deepEqual(
      (await svc.request('GET', `/orgs/${orgId}/devices?tag=pumps`, undefined, { token: owner.token })).body.items.map(
        (d: { id: string }) => d.id,
      ),
      [own.device.id],
    );
    assert.deepEqual(
      (await svc.request('GET', `/orgs/${orgId}/devices?q=ADMIN`, undefined, { token: owner.token })).body.items.map(
        (d: { id: string }) => d.id,
      ),
      [adminDevice.device.id],
    );
    assert.deepEqual(
      (
        await svc.request('GET', `/orgs/${orgId}/devices?q=${adminDevice.device.uuid.slice(0, 8)}`, undefined, { token: owner.token })
      ).body.items.map((d: { id: string }) => d.id),
      [adminDevice.device.id],
    );
  });

  test('device access: set, read, Admins are never narrowed, unknown devices refused, removal and deletion drop grants', async () => {
    const {
      owner,
      members: [viewer],
      orgId,
    } = await team(['viewer']);
    const d1 = await addDevice(owner, orgId);
    const d2 = await addDevice(owner, orgId);
    const path = `/orgs/${orgId}/members/${viewer!.userId}/device-access`;
    assert.deepEqual((await svc.request('GET', path, undefined, { token: viewer!.token })).body, { allDevices: false, deviceIds: [] });
    const set = await svc.request(
      'PUT',
      path,
      { allDevices: false, deviceIds: [d2.device.id, d1.device.id, d1.device.id] },
      { token: owner.token },
    );
    assert.equal(set.status, 200);
    assert.deepEqual(
      [...(await svc.request('GET', path, undefined, { token: owner.token })).body.deviceIds].sort(),
      [d1.device.id, d2.device.id].sort(),
    );
    assert.equal(
      (
        await svc.request(
          'PUT',
          `/orgs/${orgId}/members/${owner.userId}/device-access`,
          { allDevices: false, deviceIds: [] },
          { token: owner.token },
        )
      ).body.code,
      'member.admin_all_devices',
    );
    const other = await signUpAndLogin(svc);
    const foreign = await addDevice(other, other.activeOrganizationId);
    const unknown = await svc.request(
      'PUT',
      path,
      { allDevices: false, deviceIds: [d1.device.id, foreign.device.id] },
      { token: owner.token },
    );
    assert.equal(unknown.status, 400);
    assert.deepEqual(
      unknown.body.errors.map((e: { field: string }) => e.field),
      ['/deviceIds/1'],
    );
    assert.equal((await svc.request('PUT', path, { allDevices: false, deviceIds: [] }, { token: viewer!.token })).status, 403);

    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/devices/${d1.device.id}`, undefined, { token: owner.token })).status, 204);
    assert.deepEqual((await svc.request('GET', path, undefined, { token: owner.token })).body.deviceIds, [d2.device.id]);
    await svc.request('DELETE', `/orgs/${orgId}/members/${viewer!.userId}`, undefined, { token: owner.token });
    const left = await svc.gatehouse.db.query(`SELECT 1 FROM member_devices WHERE org_id = $1 AND user_id = $2`, [orgId, viewer!.userId]);
    assert.equal(left.length, 0, 'removing the member removed their grants');
    const audit = (
      await svc.request('GET', `/orgs/${orgId}/audit-events?action=member.device_access_changed`, undefined, { token: owner.token })
    ).body.items;
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].before, { allDevices: false, deviceIds: [] });
  });

  test('promotion to Admin drops explicit device access: a later demotion starts from no devices', async () => {
    const {
      owner,
      members: [editor],
      orgId,
    } = await team(['editor']);
    const device = await addDevice(owner, orgId);
    const path = `/orgs/${orgId}/members/${editor!.userId}/device-access`;
    assert.equal(
      (await svc.request('PUT', path, { allDevices: false, deviceIds: [device.device.id] }, { token: owner.token })).status,
      200,
    );
    const ask = {
      userId: editor!.userId,
      organizationId: orgId,
      permission: 'device-management:firmware.update',
      deviceId: device.device.id,
    };
    assert.equal((await check(ask)).reason, 'granted');
    for (const roleId of ['admin', 'editor']) {
      assert.equal(
        (await svc.request('PATCH', `/orgs/${orgId}/members/${editor!.userId}`, { roleId }, { token: owner.token })).status,
        200,
      );
    }
    assert.deepEqual((await svc.request('GET', path, undefined, { token: owner.token })).body, { allDevices: false, deviceIds: [] });
    assert.equal((await check(ask)).reason, 'device_denied', 'the index agrees with the database');
  });

  test("an invitation's device set is applied at acceptance, all or nothing", async () => {
    const owner = await signUpAndLogin(svc, { email: `owner-${randomUUID().slice(0, 8)}@one.example` });
    const orgId = owner.activeOrganizationId;
    const d1 = await addDevice(owner, orgId);
    const d2 = await addDevice(owner, orgId);
    const [ok, late] = await signUpMany(svc, 2);
    const inv = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: ok!.email, roleId: 'viewer', deviceAccess: { allDevices: false, deviceIds: [d1.device.id] } },
      { token: owner.token },
    );
    assert.equal(inv.status, 201);
    assert.deepEqual(inv.body.invitation.deviceAccess, { allDevices: false, deviceIds: [d1.device.id] });
    const token = new URL(inv.body.link).searchParams.get('token');
    assert.equal((await svc.request('POST', '/invitations/accept', { token }, { token: ok!.token })).status, 200);
    assert.deepEqual((await svc.request('GET', `/orgs/${orgId}/me`, undefined, { token: ok!.token })).body.deviceAccess, {
      allDevices: false,
      deviceIds: [d1.device.id],
    });

    const inv2 = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: late!.email, roleId: 'viewer', deviceAccess: { allDevices: false, deviceIds: [d2.device.id] } },
      { token: owner.token },
    );
    await svc.request('DELETE', `/orgs/${orgId}/devices/${d2.device.id}`, undefined, { token: owner.token });
    const refused = await svc.request(
      'POST',
      '/invitations/accept',
      { token: new URL(inv2.body.link).searchParams.get('token') },
      { token: late!.token },
    );
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'invitation.device_gone');
    assert.equal(
      (await svc.gatehouse.db.query(`SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2`, [orgId, late!.userId])).length,
      0,
      'nothing half-applied',
    );
  });
});

describe('authorization API', () => {
  test('every reason, answered from an index that follows each write at once', async () => {
    const {
      owner,
      members: [editor, viewer],
      orgId,
    } = await team(['editor', 'viewer']);
    const device = await addDevice(owner, orgId);
    const other = await signUpAndLogin(svc);
    const foreign = await addDevice(other, other.activeOrganizationId);
    const q = (userId: string, permission: string, deviceId?: string) =>
      check({ userId, organizationId: orgId, permission, ...(deviceId ? { deviceId } : {}) });

    assert.deepEqual(await q(owner.userId, 'device-management:firmware.update', device.device.id), { allowed: true, reason: 'granted' });
    assert.deepEqual(
      await q(editor!.userId, 'device-management:firmware.update'),
      { allowed: true, reason: 'granted' },
      'no device named: the role decides',
    );
    assert.deepEqual(await q(editor!.userId, 'device-management:firmware.update', device.device.id), {
      allowed: false,
      reason: 'device_denied',
    });
    assert.deepEqual(await q(editor!.userId, 'user-management:users.invite', device.device.id), {
      allowed: false,
      reason: 'permission_denied',
    });
    assert.deepEqual(
      await q(editor!.userId, 'organization:create', device.device.id),
      { allowed: true, reason: 'granted' },
      'not device-scoped',
    );
    assert.deepEqual(await q(viewer!.userId, 'device-management:firmware.update'), { allowed: false, reason: 'permission_denied' });
    assert.deepEqual(await q(editor!.userId, 'device-management:fly'), { allowed: false, reason: 'unknown_permission' });
    assert.deepEqual(await q(editor!.userId, 'device-management:devices.view', foreign.device.id), {
      allowed: false,
      reason: 'unknown_device',
    });
    assert.deepEqual(
      await q(other.userId, 'device-management:devices.view', foreign.device.id),
      { allowed: false, reason: 'unknown_device' },
      "another organization's device, even for its owner",
    );
    assert.deepEqual(await q(other.userId, 'device-management:devices.view'), { allowed: false, reason: 'not_member' });

    // Each write is visible to the very next check.
    await svc.request(
      'PUT',
      `/orgs/${orgId}/members/${editor!.userId}/device-access`,
      { allDevices: false, deviceIds: [device.device.id] },
      { token: owner.token },
    );
    assert.equal((await q(editor!.userId, 'device-management:firmware.update', device.device.id)).allowed, true);
    await svc.request('PATCH', `/orgs/${orgId}/members/${editor!.userId}`, { roleId: 'viewer' }, { token: owner.token });
    assert.deepEqual(
      await q(editor!.userId, 'device-management:firmware.update', device.device.id),
      { allowed: false, reason: 'permission_denied' },
      'grants narrow, never widen',
    );
    assert.equal((await q(editor!.userId, 'device-management:devices.view', device.device.id)).allowed, true);
    const role = (
      await svc.request(
        'POST',
        `/orgs/${orgId}/roles`,
        { name: 'Firmware', permissions: ['device-management:firmware.update'] },
        { token: owner.token },
      )
    ).body.id;
    await svc.request('PATCH', `/orgs/${orgId}/members/${editor!.userId}`, { roleId: role }, { token: owner.token });
    assert.equal((await q(editor!.userId, 'device-management:firmware.update', device.device.id)).allowed, true);
    await svc.request('PATCH', `/orgs/${orgId}/roles/${role}`, { permissions: [] }, { token: owner.token });
    assert.equal(
      (await q(editor!.userId, 'device-management:firmware.update', device.device.id)).reason,
      'permission_denied',
      'a role edit applies at once',
    );
    await svc.request('DELETE', `/orgs/${orgId}/devices/${device.device.id}`, undefined, { token: owner.token });
    assert.equal((await q(owner.userId, 'device-management:devices.view', device.device.id)).reason, 'unknown_device');
    await svc.request('DELETE', `/orgs/${orgId}/members/${viewer!.userId}`, undefined, { token: owner.token });
    assert.equal((await q(viewer!.userId, 'device-management:access')).reason, 'not_member');
  });

  test('a member who adds a device reaches it at once, keeps the devices they had, and gains no others', async () => {
    const {
      owner,
      members: [editor],
      orgId,
    } = await team(['editor']);
    const [had, other] = [await addDevice(owner, orgId), await addDevice(owner, orgId)];
    await svc.request(
      'PUT',
      `/orgs/${orgId}/members/${editor!.userId}/device-access`,
      { allDevices: false, deviceIds: [had.device.id] },
      { token: owner.token },
    );
    const q = (deviceId: string) =>
      check({ userId: editor!.userId, organizationId: orgId, permission: 'device-management:devices.view', deviceId });
    // The organization is in the engine's memory now, so the next write is applied in place (the
    // grant's delta) rather than by a reload: the path this test is about.
    assert.deepEqual(await q(had.device.id), { allowed: true, reason: 'granted' }, 'the device granted before');
    const before = svc.gatehouse.core.authzEngine.stats();

    const added = await addDevice(editor!, orgId);
    const after = svc.gatehouse.core.authzEngine.stats();
    // On PGlite nothing else tells the engine about the write, so the in-place path is certain; on
    // PostgreSQL the instance's own NOTIFY may arrive before it and make it reload instead.
    if (svc.gatehouse.db.engine === 'pglite') {
      assert.ok(
        after.deltas > before.deltas && after.loads === before.loads,
        `the new device and the grant were applied to the index in place, not reloaded (${JSON.stringify({ before, after })})`,
      );
    }
    assert.deepEqual(await q(added.device.id), { allowed: true, reason: 'granted' }, 'the device they added');
    assert.deepEqual(
      await q(had.device.id),
      { allowed: true, reason: 'granted' },
      'the device they had: a grant adds, it does not replace',
    );
    assert.deepEqual(await q(other.device.id), { allowed: false, reason: 'device_denied' }, 'a device nobody granted them');
    // The API agrees with the database: a reload gives the same answers.
    svc.gatehouse.core.authzEngine.invalidate(orgId);
    assert.deepEqual(
      [await q(added.device.id), await q(had.device.id), await q(other.device.id)].map((r) => r.allowed),
      [true, true, false],
      'after a reload',
    );
    const access = await svc.request('GET', `/orgs/${orgId}/members/${editor!.userId}`, undefined, { token: owner.token });
    assert.deepEqual(
      access.body.deviceAccess,
      { allDevices: false, deviceIds: [had.device.id, added.device.id].sort() },
      "the member's device access as the API shows it",
    );
  });

  test('check-batch answers in order; accessible-devices pages; users may ask only about themselves', async () => {
    const {
      owner,
      members: [viewer],
      orgId,
    } = await team(['viewer']);
    const devices = [];
    for (let i = 0; i < 5; i++) devices.push((await addDevice(owner, orgId)).device.id);
    await svc.request(
      'PUT',
      `/orgs/${orgId}/members/${viewer!.userId}/device-access`,
      { allDevices: false, deviceIds: devices.slice(0, 3) },
      { token: owner.token },
    );
    const batch = await svc.request(
      'POST',
      '/authz/check-batch',
      {
        checks: devices.map((deviceId) => ({
          userId: viewer!.userId,
          organizationId: orgId,
          permission: 'device-management:devices.view',
          deviceId,
        })),
      },
      { token: serviceKey },
    );
    assert.deepEqual(
      batch.body.results.map((r: { allowed: boolean }) => r.allowed),
      [true, true, true, false, false],
    );

    const pages: string[] = [];
    let cursor: string | null | undefined;
    do {
      const r = await svc.request(
        'POST',
        '/authz/accessible-devices',
        { userId: owner.userId, organizationId: orgId, limit: 2, ...(cursor ? { cursor } : {}) },
        { token: serviceKey },
      );
      assert.equal(r.body.allDevices, true);
      pages.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.deepEqual(pages, [...devices].sort());
    const mine = await svc.request(
      'POST',
      '/authz/accessible-devices',
      { userId: viewer!.userId, organizationId: orgId, permission: 'device-management:devices.view' },
      { token: viewer!.token },
    );
    assert.deepEqual(mine.body, { allDevices: false, items: devices.slice(0, 3).sort(), nextCursor: null });
    const noPermission = await svc.request(
      'POST',
      '/authz/accessible-devices',
      { userId: viewer!.userId, organizationId: orgId, permission: 'device-management:devices.delete' },
      { token: serviceKey },
    );
    assert.deepEqual(noPermission.body.items, []);

    const self = await svc.request(
      'POST',
      '/authz/check',
      { userId: viewer!.userId, organizationId: orgId, permission: 'device-management:access' },
      { token: viewer!.token },
    );
    assert.equal(self.body.allowed, true);
    const snoop = await svc.request(
      'POST',
      '/authz/check',
      { userId: owner.userId, organizationId: orgId, permission: 'device-management:access' },
      { token: viewer!.token },
    );
    assert.equal(snoop.status, 403);
    assert.equal(snoop.body.code, 'authz.forbidden');
    const tooMany = await svc.request(
      'POST',
      '/authz/check-batch',
      {
        checks: Array.from({ length: 1001 }, () => ({
          userId: viewer!.userId,
          organizationId: orgId,
          permission: 'device-management:access',
        })),
      },
      { token: serviceKey },
    );
    assert.equal(tooMany.status, 400);
  });

  test("a signed-in user's batch of 1,000 made-up organizations loads none of them and evicts nothing (issue 13, item 6)", async () => {
    const {
      members: [viewer],
      orgId,
    } = await team(['viewer']);
    const stranger = await signUpAndLogin(svc);
    const engine = svc.gatehouse.core.authzEngine;
    const mine = { userId: viewer!.userId, organizationId: orgId, permission: 'device-management:access' };
    assert.deepEqual(await check(mine), { allowed: true, reason: 'granted' }, "the viewer's own organization, now in memory");
    const realIndex = engine.peek(orgId);
    assert.ok(realIndex, "the real organization's index is cached");
    const otherOrg = stranger.activeOrganizationId; // real, not in memory, not the viewer's to load
    engine.invalidate(otherOrg);

    const made = Array.from({ length: 998 }, (_, i) => `org_${i.toString(36)}made${Math.random().toString(36).slice(2, 10)}`);
    const checks = [
      ...made.map((organizationId, i) => ({
        userId: viewer!.userId,
        organizationId,
        permission: i % 2 ? 'device-management:access' : 'no-such:permission',
        ...(i % 3 ? {} : { deviceId: 'dev_x1' }),
      })),
      mine,
      { userId: viewer!.userId, organizationId: otherOrg, permission: 'device-management:access', deviceId: 'dev_x2' },
    ];
    const before = engine.stats();
    const metricsBefore = await svc.request('GET', '/metrics');
    const r = await svc.request('POST', '/authz/check-batch', { checks }, { token: viewer!.token });
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
    const results = r.body.results as { allowed: boolean; reason: string }[];
    assert.equal(results.length, 1000, 'one answer per check');
    made.forEach((_, i) =>
      assert.deepEqual(
        results[i],
        { allowed: false, reason: i % 2 ? 'not_member' : 'unknown_permission' },
        `made-up organization #${i}: answered from the caller's memberships`,
      ),
    );
    assert.deepEqual(results[998], { allowed: true, reason: 'granted' }, "the caller's own organization still answers");
    assert.deepEqual(
      results[999],
      { allowed: false, reason: 'not_member' },
      'an organization the caller is not in: not_member, device or not',
    );
    const after = engine.stats();
    assert.equal(after.loads - before.loads, 0, `no organization index was loaded (${JSON.stringify({ before, after })})`);
    assert.equal(after.evictions - before.evictions, 0, 'nothing was evicted');
    assert.equal(after.cached, before.cached, 'no index entered the cache');
    assert.equal(engine.peek(orgId), realIndex, "the real organization's index is still the one in memory");
    assert.equal(engine.peek(otherOrg), undefined, 'an organization the caller is not in was not loaded for them');
    const metricsAfter = await svc.request('GET', '/metrics');
    const loads = (text: string) => Number(/^gatehouse_authz_index_loads_total (\d+)/m.exec(text)?.[1] ?? 'NaN');
    assert.equal(loads(metricsAfter.raw.body) - loads(metricsBefore.raw.body), 0, '/metrics counts no index load either');

    // The same questions about themself one at a time: the same answers, nothing loaded.
    const single = await check(
      { userId: viewer!.userId, organizationId: made[1]!, permission: 'device-management:access', deviceId: 'dev_x3' },
      viewer!.token,
    );
    assert.deepEqual(single, { allowed: false, reason: 'not_member' }, 'POST /authz/check by the user: not_member');
    const devices = await svc.request(
      'POST',
      '/authz/accessible-devices',
      { userId: viewer!.userId, organizationId: made[2]! },
      { token: viewer!.token },
    );
    assert.deepEqual(
      devices.body,
      { allDevices: false, items: [], nextCursor: null },
      'accessible-devices of a made-up organization: none',
    );
    assert.equal(engine.stats().loads - before.loads, 0, 'still nothing loaded');
  });

  test('service keys open only the authorization API, and a revoked key is refused at once', async () => {
    const owner = await signUpAndLogin(svc);
    const client = await svc.gatehouse.core.serviceClients.create('short-lived');
    const body = { userId: owner.userId, organizationId: owner.activeOrganizationId, permission: 'device-management:access' };
    assert.equal((await svc.request('POST', '/authz/check', body, { token: client.key })).status, 200);
    assert.equal((await svc.request('GET', '/me', undefined, { token: client.key })).status, 401);
    assert.equal((await svc.request('GET', `/orgs/${owner.activeOrganizationId}`, undefined, { token: client.key })).status, 401);
    assert.equal(await svc.gatehouse.core.serviceClients.revoke(client.id), true);
    assert.equal((await svc.request('POST', '/authz/check', body, { token: client.key })).status, 401);
  });
});

describe('when the database is unreachable', () => {
  test('a check that needs the database is a 503, never an allow', async () => {
    const dedicated = await startTestService();
    try {
      const owner = await signUpAndLogin(dedicated);
      const key = (await dedicated.gatehouse.core.serviceClients.create('outage')).key;
      const body = { userId: owner.userId, organizationId: owner.activeOrganizationId, permission: 'device-management:access' };
      assert.equal(
        (await dedicated.request('POST', '/authz/check', body, { token: key })).body.allowed,
        true,
        'warm: key and index cached',
      );
      // Another instance's write can no longer reach us, and the database is gone.
      dedicated.gatehouse.core.authzEngine.distrustAll();
      await dedicated.gatehouse.db.close();
      const down = await dedicated.request('POST', '/authz/check', body, { token: key });
      assert.equal(down.status, 503, JSON.stringify(down.body));
      assert.equal(down.body.allowed, undefined);
      assert.equal(down.body.code, 'service.unavailable');
      const batch = await dedicated.request('POST', '/authz/check-batch', { checks: [body] }, { token: key });
      assert.equal(batch.status, 503);
    } finally {
      await dedicated.close();
    }
  });
});
