// The decision function against a tiny reference model written straight from PERMISSIONS.md and
// API.md, over random worlds and random questions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyDelta,
  decide,
  noResources,
  permissionMask,
  type AuthzDelta,
  type IndexedMember,
  type OrgIndex,
} from '../../src/core/authz/decision-index.js';
import { builtInRolePermissions, CATALOG, PERMISSION_KEYS } from '../../src/core/authz/permissions.js';

interface WorldMember {
  role: string;
  allDevices: boolean;
  devices: string[];
}
interface World {
  roles: Record<string, string[]>;
  members: Record<string, WorldMember>;
  devices: string[];
}

const deviceScoped = new Set(CATALOG.filter((e) => e.deviceScoped).map((e) => e.key as string));
const known = new Set<string>(PERMISSION_KEYS);

/** The reference: the rule as the spec words it, no shortcuts. */
function reference(world: World | undefined, userId: string, permission: string, deviceId?: string) {
  if (!known.has(permission)) return 'unknown_permission';
  if (deviceId !== undefined && !(world?.devices.includes(deviceId) ?? false)) return 'unknown_device';
  const m = world?.members[userId];
  if (!m) return 'not_member';
  if (!world!.roles[m.role]!.includes(permission)) return 'permission_denied';
  if (deviceId === undefined || !deviceScoped.has(permission)) return 'granted';
  if (m.role === 'admin' || m.allDevices || m.devices.includes(deviceId)) return 'granted';
  return 'device_denied';
}

function indexOf(world: World): OrgIndex {
  const members = new Map<string, IndexedMember>(
    Object.entries(world.members).map(([u, m]) => [
      u,
      {
        isAdmin: m.role === 'admin',
        allDevices: m.allDevices,
        ...permissionMask(world.roles[m.role]!),
        devices: new Set(m.devices),
        access: new Map(),
      },
    ]),
  );
  return { orgId: 'org_x', version: 0, members, devices: new Set(world.devices), ...noResources() };
}

const users = ['usr_a', 'usr_b', 'usr_c', 'usr_d', 'usr_e'];
const deviceIds = ['dev_1', 'dev_2', 'dev_3', 'dev_4'];
const permission = fc.oneof(fc.constantFrom(...PERMISSION_KEYS), fc.constantFrom('device-management:fly', 'admin', ''));

const world: fc.Arbitrary<World> = fc
  .record({
    custom: fc.array(fc.subarray([...PERMISSION_KEYS] as string[]), { maxLength: 3 }),
    devices: fc.subarray(deviceIds),
    members: fc.dictionary(
      fc.constantFrom(...users),
      fc.record({
        role: fc.constantFrom('admin', 'editor', 'viewer', 'rol_0', 'rol_1', 'rol_2'),
        allDevices: fc.boolean(),
        devices: fc.subarray(deviceIds),
      }),
      { maxKeys: users.length },
    ),
  })
  .map(({ custom, devices, members }) => {
    const roles: Record<string, string[]> = {
      admin: builtInRolePermissions('admin'),
      editor: builtInRolePermissions('editor'),
      viewer: builtInRolePermissions('viewer'),
    };
    custom.forEach((p, i) => (roles[`rol_${i}`] = p));
    // A member holds a role the organization has; grants only of its devices (the database's foreign keys).
    const valid = Object.fromEntries(
      Object.entries(members).map(([u, m]) => [
        u,
        {
          ...m,
          role: roles[m.role] ? m.role : 'viewer',
          devices: m.devices.filter((d) => devices.includes(d)),
        },
      ]),
    );
    return { roles, members: valid, devices };
  });

describe('decide', () => {
  test('matches the reference model on 2,000 random worlds and questions', () => {
    fc.assert(
      fc.property(
        world,
        fc.array(
          fc.record({
            user: fc.constantFrom(...users),
            permission,
            device: fc.option(fc.constantFrom(...deviceIds, 'dev_other'), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (w, questions) => {
          const index = indexOf(w);
          for (const q of questions) {
            const got = decide(index, q.user, q.permission, q.device);
            const want = reference(w, q.user, q.permission, q.device);
            assert.equal(got.reason, want, JSON.stringify({ q, member: w.members[q.user] }));
            assert.equal(got.allowed, want === 'granted');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('an unknown organization answers like one without the user, and names no device', () => {
    assert.deepEqual(decide(undefined, 'usr_a', 'device-management:access'), { allowed: false, reason: 'not_member' });
    assert.deepEqual(decide(undefined, 'usr_a', 'device-management:access', 'dev_1'), { allowed: false, reason: 'unknown_device' });
  });
});

// ---------------------------------------------------------------------------------------------
// applyDelta: the in-place update the engine makes after its own writes (no reload). Each delta is
// applied to the reference world as the spec words it, and the index must then be exactly the
// index of the new world: every member's role bits, all-devices flag and device set, and the devices.
// ---------------------------------------------------------------------------------------------

/** The delta applied to the reference world (a copy). */
function referenceApply(w: World, delta: AuthzDelta): World {
  const next: World = {
    roles: w.roles,
    devices: [...w.devices],
    members: Object.fromEntries(Object.entries(w.members).map(([u, m]) => [u, { ...m, devices: [...m.devices] }])),
  };
  const m = 'userId' in delta ? next.members[delta.userId] : undefined;
  switch (delta.kind) {
    case 'device_access': // PUT …/device-access: the member's access becomes exactly this
      if (m) Object.assign(m, { allDevices: delta.allDevices, devices: [...delta.deviceIds] });
      break;
    case 'grant': // whoever adds a device may reach it: added to what they had, nothing else changes
      if (m) m.devices = [...new Set([...m.devices, ...delta.deviceIds])];
      break;
    case 'device_added':
      next.devices.push(delta.deviceId);
      break;
    case 'device_removed':
      next.devices = next.devices.filter((d) => d !== delta.deviceId);
      for (const x of Object.values(next.members)) x.devices = x.devices.filter((d) => d !== delta.deviceId);
      break;
    case 'member_removed':
      delete next.members[delta.userId];
      break;
  }
  return next;
}

/** An index as plain data, to compare two indexes exactly. */
function plain(index: OrgIndex) {
  return {
    devices: [...index.devices].sort(),
    members: Object.fromEntries(
      [...index.members]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([u, m]) => [
          u,
          {
            isAdmin: m.isAdmin,
            allDevices: m.allDevices,
            lo: m.lo,
            hi: m.hi,
            devices: [...m.devices].sort(),
          },
        ]),
    ),
  };
}

const someDevices = fc.subarray([...deviceIds, 'dev_5']);
const delta: fc.Arbitrary<AuthzDelta> = fc.oneof(
  fc.record({
    kind: fc.constant('device_access' as const),
    userId: fc.constantFrom(...users),
    allDevices: fc.boolean(),
    deviceIds: someDevices,
  }),
  fc.record({ kind: fc.constant('grant' as const), userId: fc.constantFrom(...users), deviceIds: someDevices }),
  fc.record({ kind: fc.constant('device_added' as const), deviceId: fc.constantFrom('dev_5', 'dev_6') }),
  fc.record({ kind: fc.constant('device_removed' as const), deviceId: fc.constantFrom(...deviceIds) }),
  fc.record({ kind: fc.constant('member_removed' as const), userId: fc.constantFrom(...users) }),
);

describe('applyDelta', () => {
  test('leaves the index exactly as a reload of the changed world would (1,000 random worlds, up to 8 deltas each)', () => {
    fc.assert(
      fc.property(world, fc.array(delta, { minLength: 1, maxLength: 8 }), (w, deltas) => {
        const index = indexOf(w);
        let expected = w;
        for (const d of deltas) {
          applyDelta(index, d);
          expected = referenceApply(expected, d);
          assert.deepEqual(plain(index), plain(indexOf(expected)), `after ${JSON.stringify(d)}`);
        }
        // …and answers every question like the reference.
        for (const u of users)
          for (const dev of [...deviceIds, 'dev_5', 'dev_6', undefined]) {
            assert.equal(
              decide(index, u, 'device-management:devices.view', dev).reason,
              reference(expected, u, 'device-management:devices.view', dev),
              `${u} ${dev}`,
            );
          }
      }),
      { numRuns: 1000 },
    );
  });

  const viewer = (devices: string[], allDevices = false): World => ({
    roles: { admin: builtInRolePermissions('admin'), viewer: builtInRolePermissions('viewer') },
    members: { usr_a: { role: 'viewer', allDevices, devices } },
    devices: ['dev_1', 'dev_2', 'dev_3'],
  });
  const view = (index: OrgIndex, device: string) => decide(index, 'usr_a', 'device-management:devices.view', device).reason;

  test('a grant adds to the devices the member had: it does not replace them, nor touch all-devices', () => {
    const index = indexOf(viewer(['dev_1']));
    applyDelta(index, { kind: 'grant', userId: 'usr_a', deviceIds: ['dev_2'] });
    assert.equal(view(index, 'dev_2'), 'granted', 'the granted device');
    assert.equal(view(index, 'dev_1'), 'granted', 'the device they had before the grant');
    assert.equal(view(index, 'dev_3'), 'device_denied', 'a device never granted');
    assert.equal(index.members.get('usr_a')!.allDevices, false, 'a grant is not all devices');
    const all = indexOf(viewer([], true));
    applyDelta(all, { kind: 'grant', userId: 'usr_a', deviceIds: ['dev_2'] });
    assert.equal(all.members.get('usr_a')!.allDevices, true, 'a grant keeps all-devices');
  });

  test('device access replaces the set, and can set or clear all-devices', () => {
    const index = indexOf(viewer(['dev_1', 'dev_2']));
    applyDelta(index, { kind: 'device_access', userId: 'usr_a', allDevices: false, deviceIds: ['dev_3'] });
    assert.deepEqual(
      [view(index, 'dev_1'), view(index, 'dev_2'), view(index, 'dev_3')],
      ['device_denied', 'device_denied', 'granted'],
      'exactly the new set',
    );
    applyDelta(index, { kind: 'device_access', userId: 'usr_a', allDevices: true, deviceIds: [] });
    assert.equal(view(index, 'dev_1'), 'granted', 'all devices');
    applyDelta(index, { kind: 'device_access', userId: 'usr_a', allDevices: false, deviceIds: [] });
    assert.equal(view(index, 'dev_1'), 'device_denied', 'all devices cleared, no device left');
  });

  test('a delta for someone who is not a member changes nothing (no member appears)', () => {
    const index = indexOf(viewer(['dev_1']));
    const before = plain(index);
    applyDelta(index, { kind: 'grant', userId: 'usr_z', deviceIds: ['dev_2'] });
    applyDelta(index, { kind: 'device_access', userId: 'usr_z', allDevices: true, deviceIds: [] });
    applyDelta(index, { kind: 'member_removed', userId: 'usr_z' });
    assert.deepEqual(plain(index), before, 'the index is unchanged');
    assert.equal(decide(index, 'usr_z', 'device-management:devices.view', 'dev_2').reason, 'not_member', 'still not a member');
  });

  test("a removed device leaves the organization and every member's set; the others stay", () => {
    const index = indexOf({
      ...viewer(['dev_1', 'dev_2']),
      members: {
        usr_a: { role: 'viewer', allDevices: false, devices: ['dev_1', 'dev_2'] },
        usr_b: { role: 'viewer', allDevices: false, devices: ['dev_2'] },
      },
    });
    applyDelta(index, { kind: 'device_removed', deviceId: 'dev_2' });
    assert.deepEqual([...index.devices].sort(), ['dev_1', 'dev_3'], "the organization's devices");
    assert.deepEqual([...index.members.get('usr_a')!.devices], ['dev_1'], 'usr_a keeps dev_1');
    assert.deepEqual([...index.members.get('usr_b')!.devices], [], 'usr_b had only dev_2');
    assert.equal(index.members.get('usr_b')!.lo, permissionMask(builtInRolePermissions('viewer')).lo, 'the member keeps their role');
    applyDelta(index, { kind: 'device_added', deviceId: 'dev_2' });
    assert.equal(view(index, 'dev_2'), 'device_denied', 'a device added again is not reached through the old grant');
  });

  test('a removed member is no longer a member', () => {
    const index = indexOf(viewer(['dev_1']));
    applyDelta(index, { kind: 'member_removed', userId: 'usr_a' });
    assert.equal(view(index, 'dev_1'), 'not_member', 'removed');
  });
});

describe('permissionMask', () => {
  test('ignores keys outside the catalog instead of setting a bit for them', () => {
    assert.deepEqual(permissionMask(['device-management:fly', '', 'admin']), { lo: 0, hi: 0 }, 'no bit for unknown keys');
    assert.deepEqual(
      permissionMask(['device-management:fly', PERMISSION_KEYS[40]!]),
      permissionMask([PERMISSION_KEYS[40]!]),
      'an unknown key next to a known one',
    );
  });
});
