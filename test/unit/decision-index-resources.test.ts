// The decision with resources (shared/spec/PLATFORM.md, "The question, with resources and
// revisions") against a reference model written from the spec's words, over random worlds with a
// 4-deep type hierarchy (group > dashboard > panel > widget) and a lone type; and `applyDelta` for
// the resource deltas against a reload of the changed world.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decide,
  catalogIndex,
  permissionBits,
  type AuthzDelta,
  type OrgIndex,
  type ResourceRef,
} from '../../src/core/authz/decision-index.js';
import { applyDelta, memberOf } from '../../src/core/authz/org-index.js';
import { indexFrom } from '../support/org-index.js';
import { builtInRolePermissions, CATALOG, PERMISSION_KEYS } from '../support/shipped-catalog.js';

const TYPE_PARENT: Record<string, string | null> = {
  'tsd:group': null,
  'tsd:dashboard': 'tsd:group',
  'tsd:panel': 'tsd:dashboard',
  'tsd:widget': 'tsd:panel',
  'x:thing': null,
};
const TYPES = Object.keys(TYPE_PARENT);
/** Permissions with a resource type other than `device` (the catalog's `permissions.resource_type`). */
const PERMISSION_TYPES: Record<string, string> = {
  'tsd:dashboards.view': 'tsd:dashboard',
  'tsd:dashboards.favorite': 'tsd:dashboard',
  'tsd:alert-rules.edit': 'tsd:widget',
  'tsd:access': 'tsd:group',
  'emma:dashboards.view': 'x:thing',
};
/** The shipped catalog with these types: the resource types and permission types are the catalog's (CatalogIndex). */
const TEST_CATALOG = catalogIndex(
  CATALOG.map((e) => ({ key: e.key, resourceType: PERMISSION_TYPES[e.key] ?? (e.deviceScoped ? 'device' : null), deprecated: false })),
  Object.entries(TYPE_PARENT).map(([type, parent]) => ({ type, parent })),
);
const deviceScoped = new Set(CATALOG.filter((e) => e.deviceScoped).map((e) => e.key as string));
const known = new Set<string>(PERMISSION_KEYS);
const ext = (id: string) => `ext-${id}`;

interface Access {
  all: boolean;
  ids: string[];
}
interface Member {
  role: string;
  allDevices: boolean;
  devices: string[];
  access: Record<string, Access>;
}
interface Resource {
  id: string;
  type: string;
  parent: string | null;
}
interface World {
  roles: Record<string, string[]>;
  members: Record<string, Member>;
  devices: string[];
  resources: Resource[];
}

/** The reference: the rule as the spec words it, no shortcuts. */
function reference(w: World, userId: string, permission: string, deviceId?: string, resource?: ResourceRef): string {
  if (!known.has(permission)) return 'unknown_permission';
  if (resource?.type === 'device') {
    if (resource.id === undefined) return 'unknown_device';
    deviceId = resource.id;
    resource = undefined;
  }
  if (deviceId !== undefined && !w.devices.includes(deviceId)) return 'unknown_device';
  const r =
    resource &&
    w.resources.find(
      (x) => x.type === resource.type && (resource.id !== undefined ? x.id === resource.id : ext(x.id) === resource.externalId),
    );
  if (resource && !r) return 'unknown_resource';
  const m = w.members[userId];
  if (!m) return 'not_member';
  if (!w.roles[m.role]!.includes(permission)) return 'permission_denied';
  const ptype = PERMISSION_TYPES[permission] ?? (deviceScoped.has(permission) ? 'device' : undefined);
  if (r) {
    if (ptype === undefined) return 'granted';
    if (ptype !== r.type) return 'resource_type_mismatch';
    if (m.role === 'admin') return 'granted';
    // The resource and its ancestors: `all` of the type of any, or any of them given.
    for (let at: Resource | undefined = r; at; at = w.resources.find((x) => x.id === at!.parent)) {
      const a = m.access[at.type];
      if (a && (a.all || a.ids.includes(at.id))) return 'granted';
    }
    return 'resource_denied';
  }
  if (deviceId === undefined || ptype === undefined) return 'granted';
  if (ptype !== 'device') return 'resource_type_mismatch';
  return m.role === 'admin' || m.allDevices || m.devices.includes(deviceId) ? 'granted' : 'device_denied';
}

function indexOf(w: World, version = 0): OrgIndex {
  return indexFrom({
    version,
    catalog: TEST_CATALOG,
    devices: w.devices,
    members: Object.entries(w.members).map(([u, m]) => [
      u,
      {
        isAdmin: m.role === 'admin',
        allDevices: m.allDevices,
        permissions: permissionBits(TEST_CATALOG, w.roles[m.role]!),
        devices: m.devices,
        access: new Map(Object.entries(m.access).map(([t, a]) => [t, { all: a.all, ids: new Set(a.ids) }])),
      },
    ]),
    resources: w.resources.map((r) => ({ id: r.id, type: r.type, externalId: ext(r.id), parentId: r.parent })),
  });
}

const users = ['usr_a', 'usr_b', 'usr_c', 'usr_d'];
const deviceIds = ['dev_1', 'dev_2'];
/** Candidate resources: each picks a parent among the earlier ones of its parent type (or none). */
const SLOTS: { id: string; type: string }[] = [
  { id: 'res_g1', type: 'tsd:group' },
  { id: 'res_g2', type: 'tsd:group' },
  { id: 'res_d1', type: 'tsd:dashboard' },
  { id: 'res_d2', type: 'tsd:dashboard' },
  { id: 'res_d3', type: 'tsd:dashboard' },
  { id: 'res_p1', type: 'tsd:panel' },
  { id: 'res_p2', type: 'tsd:panel' },
  { id: 'res_w1', type: 'tsd:widget' },
  { id: 'res_w2', type: 'tsd:widget' },
  { id: 'res_x1', type: 'x:thing' },
];
const allIds = SLOTS.map((s) => s.id);

function resolveResources(present: boolean[], parentPick: number[]): Resource[] {
  const out: Resource[] = [];
  SLOTS.forEach((s, i) => {
    if (!present[i]) return;
    const candidates = out.filter((r) => r.type === TYPE_PARENT[s.type]);
    const pick = parentPick[i]! % (candidates.length + 1);
    out.push({ id: s.id, type: s.type, parent: pick === candidates.length ? null : candidates[pick]!.id });
  });
  return out;
}

const accessArb = fc.dictionary(fc.constantFrom(...TYPES), fc.record({ all: fc.boolean(), ids: fc.subarray(allIds) }), {
  maxKeys: TYPES.length,
});

const world: fc.Arbitrary<World> = fc
  .record({
    custom: fc.subarray([...PERMISSION_KEYS] as string[]),
    devices: fc.subarray(deviceIds),
    present: fc.array(fc.boolean(), { minLength: SLOTS.length, maxLength: SLOTS.length }),
    parentPick: fc.array(fc.nat(5), { minLength: SLOTS.length, maxLength: SLOTS.length }),
    members: fc.dictionary(
      fc.constantFrom(...users),
      fc.record({
        role: fc.constantFrom('admin', 'editor', 'viewer', 'rol_0'),
        allDevices: fc.boolean(),
        devices: fc.subarray(deviceIds),
        access: accessArb,
      }),
      { maxKeys: users.length },
    ),
  })
  .map(({ custom, devices, present, parentPick, members }) => {
    const roles: Record<string, string[]> = {
      admin: builtInRolePermissions('admin'),
      editor: builtInRolePermissions('editor'),
      viewer: builtInRolePermissions('viewer'),
      rol_0: custom,
    };
    const resources = resolveResources(present, parentPick);
    const ids = new Set(resources.map((r) => r.id));
    // Grants only of the organization's devices and resources, and of the type the grant is under
    // (the database's foreign keys and the access routes keep them so).
    const valid = Object.fromEntries(
      Object.entries(members).map(([u, m]) => [
        u,
        {
          ...m,
          devices: m.devices.filter((d) => devices.includes(d)),
          access: Object.fromEntries(
            Object.entries(m.access).map(([t, a]) => [
              t,
              { all: a.all, ids: a.ids.filter((id) => ids.has(id) && resources.find((r) => r.id === id)!.type === t) },
            ]),
          ),
        },
      ]),
    );
    return { roles, members: valid, devices, resources };
  });

const permission = fc.oneof(
  fc.constantFrom(...Object.keys(PERMISSION_TYPES)),
  fc.constantFrom(...PERMISSION_KEYS),
  fc.constantFrom('tsd:fly', ''),
);
const resourceRef: fc.Arbitrary<ResourceRef | undefined> = fc.option(
  fc.oneof(
    fc.record({ type: fc.constantFrom(...TYPES), id: fc.constantFrom(...allIds, 'res_other') }),
    fc.record({ type: fc.constantFrom(...TYPES), externalId: fc.constantFrom(...allIds.map(ext), 'ext-none') }),
    fc.record({ type: fc.constant('device'), id: fc.constantFrom(...deviceIds, 'dev_other') }),
  ),
  { nil: undefined },
);

describe('decide with resources', () => {
  test('matches the reference model on 2,000 random worlds with hierarchies and questions', () => {
    fc.assert(
      fc.property(
        world,
        fc.array(
          fc.record({
            user: fc.constantFrom(...users),
            permission,
            device: fc.option(fc.constantFrom(...deviceIds, 'dev_other'), { nil: undefined }),
            resource: resourceRef,
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (w, questions) => {
          const index = indexOf(w);
          for (const q of questions) {
            // A check names a device one way (the API refuses both).
            const device = q.resource ? undefined : q.device;
            const got = decide(index, q.user, q.permission, device, q.resource);
            const want = reference(w, q.user, q.permission, device, q.resource);
            assert.equal(got.reason, want, JSON.stringify({ q, member: w.members[q.user], resources: w.resources }));
            assert.equal(got.allowed, want === 'granted', 'allowed iff granted');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a grant on a group covers its dashboards and their descendants, 4 deep; a sibling group does not', () => {
    const w: World = {
      roles: { viewer: builtInRolePermissions('viewer'), editor: builtInRolePermissions('editor') },
      devices: [],
      resources: [
        { id: 'res_g1', type: 'tsd:group', parent: null },
        { id: 'res_g2', type: 'tsd:group', parent: null },
        { id: 'res_d1', type: 'tsd:dashboard', parent: 'res_g1' },
        { id: 'res_d2', type: 'tsd:dashboard', parent: 'res_g2' },
        { id: 'res_p1', type: 'tsd:panel', parent: 'res_d1' },
        { id: 'res_w1', type: 'tsd:widget', parent: 'res_p1' },
      ],
      members: {
        usr_a: { role: 'editor', allDevices: false, devices: [], access: { 'tsd:group': { all: false, ids: ['res_g1'] } } },
      },
    };
    const index = indexOf(w);
    const ask = (p: string, id: string, type: string) => decide(index, 'usr_a', p, undefined, { type, id }).reason;
    assert.equal(ask('tsd:dashboards.view', 'res_d1', 'tsd:dashboard'), 'granted', 'dashboard in the given group');
    assert.equal(ask('tsd:dashboards.view', 'res_d2', 'tsd:dashboard'), 'resource_denied', 'dashboard in another group');
    assert.equal(ask('tsd:alert-rules.edit', 'res_w1', 'tsd:widget'), 'granted', 'a widget 4 deep under the group');
    assert.equal(ask('tsd:dashboards.view', 'res_g1', 'tsd:group'), 'resource_type_mismatch', 'a group is not a dashboard');
    assert.equal(ask('tsd:dashboards.view', 'res_zz', 'tsd:dashboard'), 'unknown_resource', 'no such dashboard');
    assert.equal(ask('tsd:dashboards.view', 'res_d1', 'tsd:panel'), 'unknown_resource', 'named with the wrong type');
  });
});

// ---------------------------------------------------------------------------------------------
// applyDelta with resource deltas: the index afterwards answers every question like a reload of
// the changed world. Deltas are drawn as choices and resolved against the current world, as a use
// case would make them (a delete lists the subtree; an upsert's parent is of the parent type).
// ---------------------------------------------------------------------------------------------

type Step =
  | { kind: 'upsert'; slot: number; parentPick: number }
  | { kind: 'delete'; slot: number }
  | { kind: 'access'; user: string; type: string; all: boolean; ids: string[] }
  | { kind: 'grant'; user: string; slot: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), slot: fc.nat(SLOTS.length - 1), parentPick: fc.nat(5) }),
  fc.record({ kind: fc.constant('delete' as const), slot: fc.nat(SLOTS.length - 1) }),
  fc.record({
    kind: fc.constant('access' as const),
    user: fc.constantFrom(...users),
    type: fc.constantFrom(...TYPES),
    all: fc.boolean(),
    ids: fc.subarray(allIds),
  }),
  fc.record({ kind: fc.constant('grant' as const), user: fc.constantFrom(...users), slot: fc.nat(SLOTS.length - 1) }),
);

/** The step as a delta against `w`, and the world after it (or `undefined`: the step does not apply). */
function resolve(w: World, s: Step): { delta: AuthzDelta; next: World } | undefined {
  const next: World = structuredClone(w);
  const slot = 'slot' in s ? SLOTS[s.slot]! : undefined;
  switch (s.kind) {
    case 'upsert': {
      const candidates = w.resources.filter((r) => r.type === TYPE_PARENT[slot!.type] && r.id !== slot!.id);
      const pick = s.parentPick % (candidates.length + 1);
      const parent = pick === candidates.length ? null : candidates[pick]!.id;
      const existing = next.resources.find((r) => r.id === slot!.id);
      if (existing) existing.parent = parent;
      else next.resources.push({ id: slot!.id, type: slot!.type, parent });
      return { delta: { kind: 'resource_upserted', id: slot!.id, type: slot!.type, externalId: ext(slot!.id), parentId: parent }, next };
    }
    case 'delete': {
      if (!w.resources.some((r) => r.id === slot!.id)) return undefined;
      const gone = [slot!.id];
      for (let i = 0; i < gone.length; i++) for (const r of w.resources) if (r.parent === gone[i]) gone.push(r.id);
      next.resources = next.resources.filter((r) => !gone.includes(r.id));
      for (const m of Object.values(next.members))
        for (const a of Object.values(m.access)) a.ids = a.ids.filter((id) => !gone.includes(id));
      return { delta: { kind: 'resources_removed', ids: gone }, next };
    }
    case 'access': {
      const ids = s.ids.filter((id) => w.resources.some((r) => r.id === id && r.type === s.type));
      const m = next.members[s.user];
      if (m) m.access[s.type] = { all: s.all, ids: s.all ? [] : ids };
      return { delta: { kind: 'resource_access', userId: s.user, type: s.type, all: s.all, ids: s.all ? [] : ids }, next };
    }
    case 'grant': {
      if (!w.resources.some((r) => r.id === slot!.id)) return undefined;
      const m = next.members[s.user];
      if (m) {
        m.access[slot!.type] ??= { all: false, ids: [] };
        const a = m.access[slot!.type]!;
        if (!a.ids.includes(slot!.id)) a.ids.push(slot!.id);
      }
      return { delta: { kind: 'resource_grant', userId: s.user, type: slot!.type, id: slot!.id }, next };
    }
  }
}

describe('applyDelta with resources', () => {
  test('answers like a reload of the changed world (1,000 random worlds, up to 8 steps each)', () => {
    fc.assert(
      fc.property(world, fc.array(step, { minLength: 1, maxLength: 8 }), (w, steps) => {
        let index = indexOf(w);
        let expected = w;
        for (const s of steps) {
          const r = resolve(expected, s);
          if (!r) continue;
          // `false`: the engine reloads the index instead.
          if (!applyDelta(index, r.delta)) index = indexOf(r.next);
          expected = r.next;
          for (const u of users)
            for (const p of Object.keys(PERMISSION_TYPES))
              for (const id of allIds) {
                const type = SLOTS.find((x) => x.id === id)!.type;
                assert.equal(
                  decide(index, u, p, undefined, { type, id }).reason,
                  reference(expected, u, p, undefined, { type, id }),
                  `after ${JSON.stringify(s)}: ${u} ${p} ${id}`,
                );
                assert.equal(
                  decide(index, u, p, undefined, { type, externalId: ext(id) }).reason,
                  reference(expected, u, p, undefined, { type, externalId: ext(id) }),
                  `after ${JSON.stringify(s)}: ${u} ${p} ${ext(id)}`,
                );
              }
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('a resource of a type the index does not know makes the engine reload (applyDelta says false)', () => {
    const index = indexOf({ roles: { viewer: [] }, members: {}, devices: [], resources: [] });
    assert.equal(
      applyDelta(index, { kind: 'resource_upserted', id: 'res_n', type: 'new:type', externalId: 'n', parentId: null }),
      false,
      'an unknown type cannot be applied in place',
    );
    assert.equal(
      applyDelta(index, { kind: 'resource_upserted', id: 'res_n', type: 'tsd:dashboard', externalId: 'n', parentId: 'res_missing' }),
      false,
      'a parent the index does not hold cannot be applied in place',
    );
  });

  test('a resource deleted and created again under the same external id is not reached through the old grant', () => {
    const w: World = {
      roles: { viewer: builtInRolePermissions('viewer') },
      members: {
        usr_a: { role: 'viewer', allDevices: false, devices: [], access: { 'tsd:dashboard': { all: false, ids: ['res_d1'] } } },
      },
      devices: [],
      resources: [{ id: 'res_d1', type: 'tsd:dashboard', parent: null }],
    };
    const index = indexOf(w);
    const byExternal = { type: 'tsd:dashboard', externalId: ext('res_d1') };
    assert.equal(decide(index, 'usr_a', 'tsd:dashboards.view', undefined, byExternal).reason, 'granted', 'given before the delete');
    applyDelta(index, { kind: 'resources_removed', ids: ['res_d1'] });
    assert.equal(decide(index, 'usr_a', 'tsd:dashboards.view', undefined, byExternal).reason, 'unknown_resource', 'gone');
    assert.deepEqual(
      [...memberOf(index, 'usr_a')!.access.values()].flatMap((a) => [...a.ids]),
      [],
      'the grant went with it',
    );
    // The service creates it again: a new `res_…` id, or (a replayed delta) the same one; a new ordinal either way.
    for (const id of ['res_d9', 'res_d1']) {
      applyDelta(index, { kind: 'resource_upserted', id, type: 'tsd:dashboard', externalId: ext('res_d1'), parentId: null });
      assert.equal(
        decide(index, 'usr_a', 'tsd:dashboards.view', undefined, byExternal).reason,
        'resource_denied',
        `created again as ${id}: not reached through the old grant`,
      );
      applyDelta(index, { kind: 'resources_removed', ids: [id] });
    }
  });

  test('more than 32 resource types, and a type the catalog does not know at load, are each told apart', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ type: `svc:t${i}`, parent: null }));
    const catalog = catalogIndex(
      many.map((t) => ({ key: `svc:${t.type.slice(4)}.view`, resourceType: t.type, deprecated: false })),
      many,
    );
    const resources = [
      ...many.map((t, i) => ({ id: `res_${i}`, type: t.type, externalId: `e${i}`, parentId: null })),
      { id: 'res_late', type: 'late:type', externalId: 'late', parentId: null },
    ];
    const member = (access: Map<string, { all: boolean; ids: Set<string> }>) => ({
      isAdmin: false,
      allDevices: false,
      permissions: permissionBits(catalog, catalog.bits.keys()),
      access,
    });
    const index = indexFrom({
      catalog,
      devices: [],
      members: [
        ['usr_a', member(new Map([['svc:t39', { all: true, ids: new Set<string>() }]]))],
        [
          'usr_b',
          member(
            new Map([
              ['svc:t7', { all: false, ids: new Set(['res_7', 'res_8']) }],
              ['late:type', { all: true, ids: new Set<string>() }],
            ]),
          ),
        ],
      ],
      resources,
    });
    for (let i = 0; i < 40; i++) {
      const ask = (u: string) => decide(index, u, `svc:t${i}.view`, undefined, { type: `svc:t${i}`, externalId: `e${i}` }).reason;
      assert.equal(ask('usr_a'), i === 39 ? 'granted' : 'resource_denied', `usr_a, all of t39 only: t${i}`);
      assert.equal(ask('usr_b'), i === 7 ? 'granted' : 'resource_denied', `usr_b, res_7 given (res_8 is not a t7): t${i}`);
    }
    assert.deepEqual(
      memberOf(index, 'usr_b')!.access,
      new Map([
        ['svc:t7', { all: false, ids: new Set(['res_7']) }],
        ['late:type', { all: true, ids: new Set() }],
      ]),
      "usr_b's access as plain data",
    );
    assert.equal(
      decide(index, 'usr_b', 'svc:t0.view', undefined, { type: 'late:type', externalId: 'late' }).reason,
      'resource_type_mismatch',
      'a type the catalog does not know is still a type of its own',
    );
  });
});
