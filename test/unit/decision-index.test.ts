// The decision function against a tiny reference model written straight from PERMISSIONS.md and
// API.md, over random worlds and random questions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decide, permissionMask, type IndexedMember, type OrgIndex } from '../../src/core/authz/decision-index.js';
import { builtInRolePermissions, CATALOG, PERMISSION_KEYS } from '../../src/core/authz/permissions.js';

interface WorldMember { role: string; allDevices: boolean; devices: string[] }
interface World { roles: Record<string, string[]>; members: Record<string, WorldMember>; devices: string[] }

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
  const members = new Map<string, IndexedMember>(Object.entries(world.members).map(([u, m]) => [u, {
    isAdmin: m.role === 'admin', allDevices: m.allDevices, ...permissionMask(world.roles[m.role]!), devices: new Set(m.devices),
  }]));
  return { orgId: 'org_x', version: 0, members, devices: new Set(world.devices) };
}

const users = ['usr_a', 'usr_b', 'usr_c', 'usr_d', 'usr_e'];
const deviceIds = ['dev_1', 'dev_2', 'dev_3', 'dev_4'];
const permission = fc.oneof(fc.constantFrom(...PERMISSION_KEYS), fc.constantFrom('device-management:fly', 'admin', ''));

const world: fc.Arbitrary<World> = fc.record({
  custom: fc.array(fc.subarray([...PERMISSION_KEYS] as string[]), { maxLength: 3 }),
  devices: fc.subarray(deviceIds),
  members: fc.dictionary(fc.constantFrom(...users), fc.record({
    role: fc.constantFrom('admin', 'editor', 'viewer', 'rol_0', 'rol_1', 'rol_2'),
    allDevices: fc.boolean(),
    devices: fc.subarray(deviceIds),
  }), { maxKeys: users.length }),
}).map(({ custom, devices, members }) => {
  const roles: Record<string, string[]> = {
    admin: builtInRolePermissions('admin'), editor: builtInRolePermissions('editor'), viewer: builtInRolePermissions('viewer'),
  };
  custom.forEach((p, i) => (roles[`rol_${i}`] = p));
  // A member holds a role the organization has; grants only of its devices (the database's foreign keys).
  const valid = Object.fromEntries(Object.entries(members).map(([u, m]) => [u, {
    ...m, role: roles[m.role] ? m.role : 'viewer', devices: m.devices.filter((d) => devices.includes(d)),
  }]));
  return { roles, members: valid, devices };
});

describe('decide', () => {
  test('matches the reference model on 2,000 random worlds and questions', () => {
    fc.assert(fc.property(world, fc.array(fc.record({
      user: fc.constantFrom(...users), permission, device: fc.option(fc.constantFrom(...deviceIds, 'dev_other'), { nil: undefined }),
    }), { minLength: 1, maxLength: 30 }), (w, questions) => {
      const index = indexOf(w);
      for (const q of questions) {
        const got = decide(index, q.user, q.permission, q.device);
        const want = reference(w, q.user, q.permission, q.device);
        assert.equal(got.reason, want, JSON.stringify({ q, member: w.members[q.user] }));
        assert.equal(got.allowed, want === 'granted');
      }
    }), { numRuns: 2000 });
  });

  test('an unknown organization answers like one without the user, and names no device', () => {
    assert.deepEqual(decide(undefined, 'usr_a', 'device-management:access'), { allowed: false, reason: 'not_member' });
    assert.deepEqual(decide(undefined, 'usr_a', 'device-management:access', 'dev_1'), { allowed: false, reason: 'unknown_device' });
  });
});
