import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canActOnRole, decide, requireAccess, requireCanActOnRole, type Requirement } from '../../src/core/authz/authz.js';
import { AppError } from '../../src/core/errors.js';
import type { BuiltInRoleId } from '../../src/core/authz/permissions.js';
import { builtInRolePermissions } from '../support/shipped-catalog.js';
import type { MemberAccess } from '../../src/core/organizations/ports.js';
import type { Repos } from '../../src/core/store.js';

const member = (roleId: string, permissions: readonly string[]): MemberAccess => ({
  orgId: 'org_1',
  userId: 'usr_1',
  roleId,
  roleName: roleId,
  isAdmin: roleId === 'admin',
  allDevices: false,
  permissions: new Set(permissions),
});
const builtIn = (role: BuiltInRoleId) => member(role, builtInRolePermissions(role));

describe('decide', () => {
  const cases: [string, MemberAccess | undefined, Requirement, ReturnType<typeof decide>][] = [
    ['no membership, whatever is asked', undefined, 'member', 'not_member'],
    ['no membership, a permission', undefined, 'device-management:devices.view', 'not_member'],
    ['any member is a member', builtIn('viewer'), 'member', 'allow'],
    ['Admin is admin', builtIn('admin'), 'admin', 'allow'],
    ['Editor is not admin', builtIn('editor'), 'admin', 'forbidden'],
    [
      'a custom role with every permission is still not the Admin role',
      member('rol_x', builtInRolePermissions('admin')),
      'admin',
      'forbidden',
    ],
    ['Viewer views devices', builtIn('viewer'), 'device-management:devices.view', 'allow'],
    ['Viewer does not add devices', builtIn('viewer'), 'device-management:devices.add', 'forbidden'],
    ['Editor does not invite', builtIn('editor'), 'user-management:users.invite', 'forbidden'],
    [
      'a custom role holds exactly its permissions',
      member('rol_x', ['user-management:users.invite']),
      'user-management:users.invite',
      'allow',
    ],
    ['… and nothing else', member('rol_x', ['user-management:users.invite']), 'user-management:access', 'forbidden'],
  ];
  for (const [name, access, requirement, expected] of cases) {
    test(name, () => assert.equal(decide(access, requirement), expected));
  }
});

describe('escalation: canActOnRole', () => {
  const lead = member('rol_lead', ['user-management:users.change-role', 'device-management:access', 'device-management:devices.view']);
  test('an Admin may act on any role', () => {
    for (const role of ['admin', 'editor', 'viewer'] as const)
      assert.equal(canActOnRole(builtIn('admin'), { id: role, permissions: builtInRolePermissions(role) }), true);
  });
  test('nobody but an Admin acts on the Admin role, even holding all its permissions', () => {
    assert.equal(
      canActOnRole(member('rol_all', builtInRolePermissions('admin')), { id: 'admin', permissions: builtInRolePermissions('admin') }),
      false,
    );
  });
  test("a role that is a subset of the actor's permissions is fine; one more permission is not", () => {
    assert.equal(canActOnRole(lead, { id: 'rol_a', permissions: ['device-management:access'] }), true);
    assert.equal(canActOnRole(lead, { id: 'rol_a', permissions: [] }), true);
    assert.equal(canActOnRole(lead, { id: 'rol_b', permissions: ['device-management:access', 'device-management:devices.add'] }), false);
    assert.equal(
      canActOnRole(lead, { id: 'viewer', permissions: builtInRolePermissions('viewer') }),
      false,
      'Viewer holds TSD permissions the lead lacks',
    );
  });
});

// requireAccess turns decide()'s answer into the API's status policy: 404 for a non-member (the
// same as an unknown organization), 403 for a member without the permission. It reads the
// membership through the one repository method it needs (a stand-in holding one member here).
describe('requireAccess: the status policy', () => {
  const viewer = builtIn('viewer');
  const repos = {
    memberships: { findAccess: async (orgId: string, userId: string) => (orgId === 'org_1' && userId === 'usr_1' ? viewer : undefined) },
  } as unknown as Repos;
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof AppError, `an AppError, not ${String(e)}`);
      return { code: e.code, status: e.status, detail: e.options.detail };
    }
    return assert.fail('expected a refusal');
  };

  test('a member with the permission gets their access back', async () => {
    assert.equal(
      await requireAccess(repos, { userId: 'usr_1' }, 'device-management:devices.view', { orgId: 'org_1' }),
      viewer,
      'the membership it loaded',
    );
    assert.equal(await requireAccess(repos, { userId: 'usr_1' }, 'member', { orgId: 'org_1' }), viewer, 'any member is a member');
  });

  test('a non-member, or an unknown organization, is 404 organization.not_found, naming both ids only in the log detail', async () => {
    assert.deepEqual(
      await refusal(requireAccess(repos, { userId: 'usr_2' }, 'member', { orgId: 'org_1' })),
      { code: 'organization.not_found', status: 404, detail: 'org=org_1 user=usr_2' },
      'another user',
    );
    assert.deepEqual(
      await refusal(requireAccess(repos, { userId: 'usr_1' }, 'member', { orgId: 'org_9' })),
      { code: 'organization.not_found', status: 404, detail: 'org=org_9 user=usr_1' },
      'another organization',
    );
  });

  test('a member without the permission is 403 authz.forbidden, the missing permission in the log detail', async () => {
    assert.deepEqual(
      await refusal(requireAccess(repos, { userId: 'usr_1' }, 'device-management:devices.add', { orgId: 'org_1' })),
      { code: 'authz.forbidden', status: 403, detail: 'org=org_1 user=usr_1 needs=device-management:devices.add' },
      'Viewer adding a device',
    );
    assert.deepEqual(
      await refusal(requireAccess(repos, { userId: 'usr_1' }, 'admin', { orgId: 'org_1' })),
      { code: 'authz.forbidden', status: 403, detail: 'org=org_1 user=usr_1 needs=admin' },
      'Viewer as Admin',
    );
  });
});

describe('requireCanActOnRole: the escalation refusal', () => {
  const lead = member('rol_lead', ['user-management:users.change-role', 'device-management:access']);
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof AppError, `an AppError, not ${String(e)}`);
      return { code: e.code, status: e.status, detail: e.options.detail, publicDetail: e.options.publicDetail };
    }
    return undefined;
  };

  test('allowed: nothing is thrown', () => {
    assert.equal(
      refusal(() => requireCanActOnRole(lead, { id: 'rol_a', permissions: ['device-management:access'] }, 'grant')),
      undefined,
      "a subset of the actor's permissions",
    );
    assert.equal(
      refusal(() => requireCanActOnRole(builtIn('admin'), { id: 'admin', permissions: builtInRolePermissions('admin') }, 'grant')),
      undefined,
      'an Admin on the Admin role',
    );
  });

  test('the Admin role: 403 authz.escalation saying only an Admin may', () => {
    assert.deepEqual(
      refusal(() => requireCanActOnRole(lead, { id: 'admin', permissions: [] }, 'remove')),
      {
        code: 'authz.escalation',
        status: 403,
        detail: 'user=usr_1 role=admin remove',
        publicDetail: 'Only an Admin can grant the Admin role or change an Admin.',
      },
      'acting on the Admin role',
    );
  });

  test('a role holding more than the actor: 403 authz.escalation saying why', () => {
    assert.deepEqual(
      refusal(() => requireCanActOnRole(lead, { id: 'rol_big', permissions: ['device-management:devices.add'] }, 'grant')),
      {
        code: 'authz.escalation',
        status: 403,
        detail: 'user=usr_1 role=rol_big grant',
        publicDetail: 'You cannot grant or change a role that holds permissions you do not have yourself.',
      },
      'a bigger custom role',
    );
  });
});
