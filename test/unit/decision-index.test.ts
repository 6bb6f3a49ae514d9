// The decision function against a tiny reference model written straight from PERMISSIONS.md,
// API.md and PLATFORM.md, over random worlds and random questions. A world's catalog is data, as
// the manifests make it: the shipped services plus a random extra service (some of its permissions
// per device), with random permissions deprecated (kept in custom roles, granted by no check).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  catalogIndex,
  decide,
  permissionBits,
  type AuthzDelta,
  type CatalogIndex,
  type OrgIndex,
} from '../../src/core/authz/decision-index.js';
import { applyDelta, deviceIdsOf, memberDevices, memberOf } from '../../src/core/authz/org-index.js';
import { indexFrom } from '../support/org-index.js';
import { builtInRolePermissions, CATALOG, PERMISSION_KEYS } from '../support/shipped-catalog.js';

interface WorldMember {
  role: string;
  allDevices: boolean;
  devices: string[];
}
interface CatalogEntry {
  key: string;
  resourceType: string | null;
  deprecated: boolean;
}
interface World {
  catalog: CatalogEntry[];
  roles: Record<string, string[]>;
  members: Record<string, WorldMember>;
  devices: string[];
}

const SHIPPED: CatalogEntry[] = CATALOG.map((e) => ({ key: e.key, resourceType: e.resourceType, deprecated: false }));
/** A service the manifests added: `x:act.<i>`; every third one per device, every fifth one per dashboard. */
const extra = (n: number): CatalogEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `x:act.${i}`,
    resourceType: i % 3 === 0 ? 'device' : i % 5 === 0 ? 'x:dashboard' : null,
    deprecated: false,
  }));

/** The reference: the rule as the spec words it, no shortcuts. */
function reference(world: World, userId: string, permission: string, deviceId?: string) {
  const entry = world.catalog.find((e) => e.key === permission);
  if (!entry || entry.deprecated) return 'unknown_permission';
  if (deviceId !== undefined && !world.devices.includes(deviceId)) return 'unknown_device';
  const m = world.members[userId];
  if (!m) return 'not_member';
  if (!world.roles[m.role]!.includes(permission)) return 'permission_denied';
  if (deviceId === undefined || entry.resourceType === null) return 'granted';
  // A device is a resource of type `device`: naming one for a permission of another resource type is a mismatch.
  if (entry.resourceType !== 'device') return 'resource_type_mismatch';
  if (m.role === 'admin' || m.allDevices || m.devices.includes(deviceId)) return 'granted';
  return 'device_denied';
}

/** The index as the loader builds it: the catalog interned, one bitset per role. */
function indexOf(world: World, catalog: CatalogIndex = catalogIndex(world.catalog)): OrgIndex {
  const sets = new Map(Object.entries(world.roles).map(([role, keys]) => [role, permissionBits(catalog, keys)]));
  return indexFrom({
    catalog,
    devices: world.devices,
    members: Object.entries(world.members).map(([u, m]) => [
      u,
      { isAdmin: m.role === 'admin', allDevices: m.allDevices, permissions: sets.get(m.role)!, devices: m.devices },
    ]),
  });
}

// Short ids, a Gatehouse-shaped one (30 characters), ids at and past the room a run leaves for its
// role's bits (36 and 41 characters: inline or not depending on the catalog's words), one too long
// for the member table's runs and one with a wide character (both in its side map).
const users = [
  'usr_a',
  'usr_b',
  'usr_c',
  'usr_d',
  'usr_e',
  'usr_01hzzzzzzzzzzzzzzzzzzzzzzz',
  `usr_${'m'.repeat(32)}`,
  `usr_${'n'.repeat(37)}`,
  `usr_${'o'.repeat(45)}`,
  'usr_\u4e16',
];
const deviceIds = ['dev_1', 'dev_2', 'dev_3', 'dev_4'];
const EXTRA_MAX = 80; // with the 60 shipped: past 128 bits, four words
const permission = fc.oneof(
  fc.constantFrom(...PERMISSION_KEYS),
  fc.integer({ min: 0, max: EXTRA_MAX }).map((i) => `x:act.${i}`),
  fc.constantFrom('device-management:fly', 'admin', ''),
);

/** A catalog: shipped + `n` extra, each deprecated with some probability. */
const catalogArb: fc.Arbitrary<CatalogEntry[]> = fc.integer({ min: 0, max: EXTRA_MAX }).chain((n) => {
  const all = [...SHIPPED, ...extra(n)];
  // About one in ten deprecated.
  return fc
    .array(fc.nat(9), { minLength: all.length, maxLength: all.length })
    .map((dice) => all.map((e, i) => ({ ...e, deprecated: dice[i] === 0 })));
});

const world: fc.Arbitrary<World> = fc
  .record({
    catalog: catalogArb,
    custom: fc.array(fc.subarray([...PERMISSION_KEYS, ...extra(EXTRA_MAX).map((e) => e.key)]), { maxLength: 3 }),
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
  .map(({ catalog, custom, devices, members }) => {
    const keys = new Set(catalog.map((e) => e.key));
    // The built-in roles hold the shipped columns and every extra permission; a custom role keeps
    // whatever it was given (deprecated keys too), but only keys that exist (foreign keys).
    const extraKeys = catalog.filter((e) => e.key.startsWith('x:')).map((e) => e.key);
    const roles: Record<string, string[]> = {
      admin: [...builtInRolePermissions('admin'), ...extraKeys],
      editor: builtInRolePermissions('editor'),
      viewer: builtInRolePermissions('viewer'),
    };
    custom.forEach((p, i) => (roles[`rol_${i}`] = p.filter((k) => keys.has(k))));
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
    return { catalog, roles, members: valid, devices };
  });

/** A manifest change of the extra service: some permissions deprecated, some restored, some added. */
const manifestChange = fc.record({
  deprecate: fc.subarray([...Array(EXTRA_MAX + 1).keys()], { maxLength: 10 }),
  restore: fc.subarray([...Array(EXTRA_MAX + 1).keys()], { maxLength: 10 }),
  add: fc.integer({ min: 0, max: 10 }),
});

function applyChange(w: World, change: { deprecate: number[]; restore: number[]; add: number }): World {
  const present = w.catalog.filter((e) => e.key.startsWith('x:')).length;
  const added = extra(present + change.add).slice(present);
  const deprecate = new Set(change.deprecate.map((i) => `x:act.${i}`));
  const restore = new Set(change.restore.map((i) => `x:act.${i}`));
  const catalog = [...w.catalog, ...added].map((e) =>
    restore.has(e.key) ? { ...e, deprecated: false } : deprecate.has(e.key) ? { ...e, deprecated: true } : e,
  );
  // A new permission goes to the built-in roles the manifest names (here: Admin); custom roles never gain.
  return { ...w, catalog, roles: { ...w.roles, admin: [...w.roles.admin!, ...added.map((e) => e.key)] } };
}

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

  test('after manifest changes (deprecations, restorations, new permissions), a reload answers like the reference (500 worlds)', () => {
    fc.assert(
      fc.property(
        world,
        fc.array(manifestChange, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({ user: fc.constantFrom(...users), permission, device: fc.option(fc.constantFrom(...deviceIds), { nil: undefined }) }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (w, changes, questions) => {
          let current = w;
          for (const change of changes) {
            current = applyChange(current, change);
            // The engine drops every index on a catalog change and reloads it over the new catalog.
            const index = indexOf(current);
            for (const q of questions)
              assert.equal(
                decide(index, q.user, q.permission, q.device).reason,
                reference(current, q.user, q.permission, q.device),
                JSON.stringify({ q, change }),
              );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a deprecated permission answers unknown_permission even to a role holding it; re-adding it restores the role', () => {
    const w: World = {
      catalog: [...SHIPPED, ...extra(3)],
      roles: { admin: builtInRolePermissions('admin'), viewer: [], rol_0: ['x:act.1'] },
      members: { usr_a: { role: 'rol_0', allDevices: false, devices: [] } },
      devices: [],
    };
    assert.equal(decide(indexOf(w), 'usr_a', 'x:act.1').reason, 'granted', 'before');
    const gone = applyChange(w, { deprecate: [1], restore: [], add: 0 });
    assert.equal(decide(indexOf(gone), 'usr_a', 'x:act.1').reason, 'unknown_permission', 'deprecated');
    assert.deepEqual(gone.roles.rol_0, ['x:act.1'], 'the custom role keeps it');
    const back = applyChange(gone, { deprecate: [], restore: [1], add: 0 });
    assert.equal(decide(indexOf(back), 'usr_a', 'x:act.1').reason, 'granted', 're-added: the role holds it again');
  });

  test('3,000 permissions: bits past the first words answer as the reference', () => {
    const big: World = {
      catalog: [...SHIPPED, ...extra(2940)],
      roles: { admin: [], viewer: [], rol_0: ['x:act.2939', 'x:act.1000', 'x:act.31', 'x:act.32'] },
      members: { usr_a: { role: 'rol_0', allDevices: false, devices: ['dev_1'] } },
      devices: ['dev_1', 'dev_2'],
    };
    const index = indexOf(big);
    assert.equal(index.catalog.words, Math.ceil(3000 / 32), 'one bit per active permission');
    for (const key of ['x:act.2939', 'x:act.1000', 'x:act.31', 'x:act.32', 'x:act.33', 'x:act.2938', 'x:act.2940'])
      for (const device of [undefined, 'dev_1', 'dev_2'])
        assert.equal(decide(index, 'usr_a', key, device).reason, reference(big, 'usr_a', key, device), `${key} ${device}`);
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
    catalog: w.catalog,
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
    devices: deviceIdsOf(index).sort(),
    members: Object.fromEntries(
      [...index.members.keys()].sort().map((u) => {
        const m = memberOf(index, u)!;
        return [
          u,
          { isAdmin: m.isAdmin, allDevices: m.allDevices, permissions: [...m.permissions], devices: memberDevices(index, u).sort() },
        ];
      }),
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

  test('a long run of grants, revocations and removals keeps every member exact (runs outgrown, moved and compacted)', () => {
    const many = Array.from({ length: 40 }, (_, i) => `dev_m${i}`);
    const people = Array.from({ length: 10 }, (_, i) => `usr_m${i}`);
    const devicesArb = fc.subarray([...many, 'dev_new'], { maxLength: 30 });
    const longDelta: fc.Arbitrary<AuthzDelta> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({ kind: fc.constant('grant' as const), userId: fc.constantFrom(...people), deviceIds: devicesArb }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('device_access' as const),
          userId: fc.constantFrom(...people),
          allDevices: fc.boolean(),
          deviceIds: devicesArb,
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('device_removed' as const), deviceId: fc.constantFrom(...many) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('device_added' as const), deviceId: fc.constantFrom('dev_new', ...many) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('member_removed' as const), userId: fc.constantFrom(...people) }) },
    );
    const start: World = {
      catalog: SHIPPED,
      roles: { viewer: builtInRolePermissions('viewer') },
      members: Object.fromEntries(people.map((u, i) => [u, { role: 'viewer', allDevices: false, devices: many.slice(i, i + 3) }])),
      devices: many,
    };
    fc.assert(
      fc.property(fc.array(longDelta, { minLength: 50, maxLength: 120 }), (deltas) => {
        const index = indexOf(start);
        let expected = start;
        deltas.forEach((d, i) => {
          applyDelta(index, d);
          expected = referenceApply(expected, d);
          if (i % 10 === 9 || i === deltas.length - 1)
            assert.deepEqual(plain(index), plain(indexOf(expected)), `after delta ${i}: ${JSON.stringify(d)}`);
        });
        for (const u of people)
          for (const dev of [...many, 'dev_new'])
            assert.equal(
              decide(index, u, 'device-management:devices.view', dev).reason,
              reference(expected, u, 'device-management:devices.view', dev),
              `${u} ${dev}`,
            );
      }),
      { numRuns: 200 },
    );
  });

  const viewer = (devices: string[], allDevices = false): World => ({
    catalog: SHIPPED,
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
    assert.equal(memberOf(index, 'usr_a')!.allDevices, false, 'a grant is not all devices');
    const all = indexOf(viewer([], true));
    applyDelta(all, { kind: 'grant', userId: 'usr_a', deviceIds: ['dev_2'] });
    assert.equal(memberOf(all, 'usr_a')!.allDevices, true, 'a grant keeps all-devices');
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
    assert.deepEqual(deviceIdsOf(index).sort(), ['dev_1', 'dev_3'], "the organization's devices");
    assert.deepEqual(memberDevices(index, 'usr_a'), ['dev_1'], 'usr_a keeps dev_1');
    assert.deepEqual(memberDevices(index, 'usr_b'), [], 'usr_b had only dev_2');
    assert.deepEqual(
      memberOf(index, 'usr_b')!.permissions,
      permissionBits(index.catalog, builtInRolePermissions('viewer')),
      'the member keeps their role',
    );
    applyDelta(index, { kind: 'device_added', deviceId: 'dev_2' });
    assert.equal(view(index, 'dev_2'), 'device_denied', 'a device added again is not reached through the old grant');
  });

  test('a removed member is no longer a member', () => {
    const index = indexOf(viewer(['dev_1']));
    applyDelta(index, { kind: 'member_removed', userId: 'usr_a' });
    assert.equal(view(index, 'dev_1'), 'not_member', 'removed');
  });
});

describe('permissionBits', () => {
  test('ignores keys outside the catalog, and deprecated ones, instead of setting a bit for them', () => {
    const catalog = catalogIndex([...SHIPPED, { key: 'x:old', resourceType: null, deprecated: true }]);
    assert.deepEqual(
      [...permissionBits(catalog, ['device-management:fly', '', 'admin', 'x:old'])],
      [0, 0],
      'no bit for unknown or deprecated keys',
    );
    assert.deepEqual(
      permissionBits(catalog, ['device-management:fly', PERMISSION_KEYS[40]!]),
      permissionBits(catalog, [PERMISSION_KEYS[40]!]),
      'an unknown key next to a known one',
    );
    assert.equal(catalog.bits.has('x:old'), false, 'a deprecated key has no bit');
  });
});
