import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canActOnRole, decide, type Requirement } from '../../src/core/authz/authz.js';
import { builtInRolePermissions, type BuiltInRoleId, type Permission } from '../../src/core/authz/permissions.js';
import type { MemberAccess } from '../../src/core/organizations/ports.js';

const member = (roleId: string, permissions: readonly Permission[]): MemberAccess => ({
  orgId: 'org_1', userId: 'usr_1', roleId, roleName: roleId, isAdmin: roleId === 'admin', allDevices: false, permissions: new Set(permissions),
});
const builtIn = (role: BuiltInRoleId) => member(role, builtInRolePermissions(role));

describe('decide', () => {
  const cases: [string, MemberAccess | undefined, Requirement, ReturnType<typeof decide>][] = [
    ['no membership, whatever is asked', undefined, 'member', 'not_member'],
    ['no membership, a permission', undefined, 'device-management:access', 'not_member'],
    ['any member is a member', builtIn('viewer'), 'member', 'allow'],
    ['Admin is admin', builtIn('admin'), 'admin', 'allow'],
    ['Editor is not admin', builtIn('editor'), 'admin', 'forbidden'],
    ['a custom role with every permission is still not the Admin role', member('rol_x', builtInRolePermissions('admin')), 'admin', 'forbidden'],
    ['Viewer views devices', builtIn('viewer'), 'device-management:devices.view', 'allow'],
    ['Viewer does not add devices', builtIn('viewer'), 'device-management:devices.add', 'forbidden'],
    ['Editor does not invite', builtIn('editor'), 'user-management:users.invite', 'forbidden'],
    ['a custom role holds exactly its permissions', member('rol_x', ['user-management:users.invite']), 'user-management:users.invite', 'allow'],
    ['… and nothing else', member('rol_x', ['user-management:users.invite']), 'user-management:access', 'forbidden'],
  ];
  for (const [name, access, requirement, expected] of cases) {
    test(name, () => assert.equal(decide(access, requirement), expected));
  }
});

describe('escalation: canActOnRole', () => {
  const lead = member('rol_lead', ['user-management:users.change-role', 'device-management:access', 'device-management:devices.view']);
  test('an Admin may act on any role', () => {
    for (const role of ['admin', 'editor', 'viewer'] as const) assert.equal(canActOnRole(builtIn('admin'), { id: role, permissions: builtInRolePermissions(role) }), true);
  });
  test('nobody but an Admin acts on the Admin role, even holding all its permissions', () => {
    assert.equal(canActOnRole(member('rol_all', builtInRolePermissions('admin')), { id: 'admin', permissions: builtInRolePermissions('admin') }), false);
  });
  test('a role that is a subset of the actor\'s permissions is fine; one more permission is not', () => {
    assert.equal(canActOnRole(lead, { id: 'rol_a', permissions: ['device-management:access'] }), true);
    assert.equal(canActOnRole(lead, { id: 'rol_a', permissions: [] }), true);
    assert.equal(canActOnRole(lead, { id: 'rol_b', permissions: ['device-management:access', 'device-management:devices.add'] }), false);
    assert.equal(canActOnRole(lead, { id: 'viewer', permissions: builtInRolePermissions('viewer') }), false, 'Viewer holds TSD permissions the lead lacks');
  });
});
