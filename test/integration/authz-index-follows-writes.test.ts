// The in-memory index must follow every write: random sequences of writes through the core (role
// changes, removals, custom roles and their edits, device access, devices added and deleted), each
// followed by every question against a model of the same world. A stale index shows as a mismatch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { addMember, signUpMany, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { builtInRolePermissions, CATALOG, PERMISSION_KEYS } from '../support/shipped-catalog.js';

const RUNS = Number(process.env.AUTHZ_PROPERTY_RUNS ?? 25);

let svc: TestService;
let owner: SignedUpUser;
let pool: SignedUpUser[];
before(async () => {
  svc = await startTestService();
  [owner, ...pool] = (await signUpMany(svc, 4)) as [SignedUpUser, ...SignedUpUser[]];
});
after(async () => {
  await svc?.close();
});

const deviceScoped = new Set(CATALOG.filter((e) => e.deviceScoped).map((e) => e.key as string));
const ASKED = [
  'device-management:firmware.update',
  'device-management:devices.view',
  'user-management:users.invite',
  'organization:create',
  'tsd:dashboards.view',
  'device-management:fly',
];

interface Model {
  roles: Map<string, Set<string>>;
  members: Map<string, { role: string; allDevices: boolean; devices: Set<string> }>;
  devices: string[];
}

function expected(m: Model, userId: string, permission: string, deviceId?: string) {
  if (!(PERMISSION_KEYS as readonly string[]).includes(permission)) return 'unknown_permission';
  if (deviceId !== undefined && !m.devices.includes(deviceId)) return 'unknown_device';
  const member = m.members.get(userId);
  if (!member) return 'not_member';
  if (!m.roles.get(member.role)!.has(permission)) return 'permission_denied';
  if (
    deviceId === undefined ||
    !deviceScoped.has(permission) ||
    member.role === 'admin' ||
    member.allDevices ||
    member.devices.has(deviceId)
  )
    return 'granted';
  return 'device_denied';
}

type Write =
  | { kind: 'role'; who: number; role: 'admin' | 'editor' | 'viewer' | 'custom' }
  | { kind: 'remove'; who: number }
  | { kind: 'access'; who: number; all: boolean; devices: number[] }
  | { kind: 'addDevice' }
  | { kind: 'deleteDevice'; which: number }
  | { kind: 'editCustom'; permissions: string[] };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    kind: fc.constant('role' as const),
    who: fc.nat(2),
    role: fc.constantFrom('admin' as const, 'editor' as const, 'viewer' as const, 'custom' as const),
  }),
  fc.record({ kind: fc.constant('remove' as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant('access' as const), who: fc.nat(2), all: fc.boolean(), devices: fc.array(fc.nat(4), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('addDevice' as const) }),
  fc.record({ kind: fc.constant('deleteDevice' as const), which: fc.nat(4) }),
  fc.record({ kind: fc.constant('editCustom' as const), permissions: fc.subarray(ASKED.filter((p) => p !== 'device-management:fly')) }),
);

describe('the authorization index follows every write', () => {
  test(`${RUNS} random write sequences, every question after every write`, async () => {
    const core = svc.gatehouse.core;
    const actor = () => ({ userId: owner.userId });
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { minLength: 3, maxLength: 10 }),
        fc.array(fc.constantFrom('editor', 'viewer'), { minLength: 3, maxLength: 3 }),
        async (writes, initialRoles) => {
          const orgId = (await core.organizations.create(actor(), { name: `World ${randomUUID().slice(0, 6)}` })).id;
          const custom = await core.roles.create(actor(), orgId, { name: 'Custom', permissions: ['device-management:devices.view'] });
          const model: Model = {
            roles: new Map([
              ['admin', new Set(builtInRolePermissions('admin'))],
              ['editor', new Set(builtInRolePermissions('editor'))],
              ['viewer', new Set(builtInRolePermissions('viewer'))],
              [custom.id, new Set(custom.permissions)],
            ]),
            members: new Map([[owner.userId, { role: 'admin', allDevices: false, devices: new Set() }]]),
            devices: [],
          };
          for (const [i, u] of pool.entries()) {
            await addMember(svc, orgId, u.userId, initialRoles[i]!);
            model.members.set(u.userId, { role: initialRoles[i]!, allDevices: false, devices: new Set() });
          }
          const askEverything = async (after: string) => {
            const devices = [...model.devices, 'dev_unknown0000000000000000'];
            for (const user of [owner, ...pool]) {
              for (const permission of ASKED) {
                for (const deviceId of [undefined, ...devices]) {
                  const got = await core.authz.check(
                    { kind: 'service', clientId: 'svc_test' },
                    { userId: user.userId, organizationId: orgId, permission, deviceId },
                  );
                  assert.equal(
                    got.reason,
                    expected(model, user.userId, permission, deviceId),
                    `after ${after}: ${user.userId} ${permission} ${deviceId ?? '-'}`,
                  );
                }
              }
            }
          };
          await askEverything('setup');
          for (const w of writes) {
            const target = pool[('who' in w ? w.who : 0) % pool.length]!;
            const member = model.members.get(target.userId);
            switch (w.kind) {
              case 'role': {
                if (!member) continue;
                const roleId = w.role === 'custom' ? custom.id : w.role;
                await core.members.changeRole(actor(), orgId, target.userId, { roleId });
                member.role = roleId;
                if (roleId === 'admin') {
                  member.allDevices = false;
                  member.devices.clear();
                }
                break;
              }
              case 'remove':
                if (!member) continue;
                await core.members.remove(actor(), orgId, target.userId);
                model.members.delete(target.userId);
                break;
              case 'access': {
                if (!member || member.role === 'admin') continue;
                const ids = [...new Set(w.devices.map((i) => model.devices[i]).filter((d): d is string => d !== undefined))];
                await core.devices.setAccess(actor(), orgId, target.userId, { allDevices: w.all, deviceIds: ids });
                member.allDevices = w.all;
                member.devices = new Set(w.all ? [] : ids);
                break;
              }
              case 'addDevice':
                model.devices.push((await core.devices.add(actor(), orgId, { uuid: randomUUID(), name: 'Random device' })).device.id);
                break;
              case 'deleteDevice': {
                const id = model.devices[w.which % Math.max(1, model.devices.length)];
                if (!id) continue;
                await core.devices.delete(actor(), orgId, id);
                model.devices = model.devices.filter((d) => d !== id);
                for (const m of model.members.values()) m.devices.delete(id);
                break;
              }
              case 'editCustom':
                await core.roles.update(actor(), orgId, custom.id, { permissions: w.permissions });
                model.roles.set(custom.id, new Set(w.permissions));
                break;
            }
            await askEverything(JSON.stringify(w));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
