import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, signUpAndLogin, signUpMany, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { builtInRolePermissions } from '../support/shipped-catalog.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

const get = (u: SignedUpUser, path: string) => svc.request('GET', path, undefined, { token: u.token });

/** An organization owned by a fresh Admin, with members of the given roles. */
async function team(roles: string[]) {
  const [owner, ...members] = await signUpMany(svc, roles.length + 1, (i) => ({
    firstName: ['Olaf', 'Anna', 'Emil', 'Vera', 'Carl', 'Dora'][i] ?? `U${i}`,
  }));
  const orgId = owner!.activeOrganizationId;
  for (const [i, m] of members.entries()) await addMember(svc, orgId, m.userId, roles[i], owner!.userId);
  return { owner: owner!, members, orgId };
}

describe('changing roles and removing members', () => {
  test("an Admin changes a role; it takes effect on the member's very next request", async () => {
    const {
      owner,
      members: [viewer],
      orgId,
    } = await team(['viewer']);
    assert.equal((await get(viewer!, `/orgs/${orgId}/members`)).status, 403);
    const changed = await svc.request('PATCH', `/orgs/${orgId}/members/${viewer!.userId}`, { roleId: 'admin' }, { token: owner.token });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.role, { id: 'admin', name: 'Admin' });
    assert.equal((await get(viewer!, `/orgs/${orgId}/members`)).status, 200, 'the new role applies at once');

    await svc.request('PATCH', `/orgs/${orgId}/members/${viewer!.userId}`, { roleId: 'viewer' }, { token: owner.token });
    assert.equal((await get(viewer!, `/orgs/${orgId}/members`)).status, 403, 'and so does the demotion');
    const events = (await get(owner, `/orgs/${orgId}/audit-events?action=member.role_changed`)).body.items;
    assert.equal(events.length, 2);
    assert.deepEqual(events[0].before, { role: { id: 'admin', name: 'Admin' } });
    assert.deepEqual(events[0].after, { role: { id: 'viewer', name: 'Viewer' } });
    assert.deepEqual(
      events[0].target,
      { type: 'member', id: viewer!.userId, name: `${viewer!.firstName} ${viewer!.lastName}`, email: viewer!.email },
      'the target with its name and e-mail as they were at the event',
    );
  });

  test('the last Admin can be neither demoted, removed, nor leave; with a second Admin they can', async () => {
    const {
      owner,
      members: [editor],
      orgId,
    } = await team(['editor']);
    for (const [method, path, body] of [
      ['PATCH', `/orgs/${orgId}/members/${owner.userId}`, { roleId: 'editor' }],
      ['DELETE', `/orgs/${orgId}/members/${owner.userId}`, undefined],
      ['POST', `/orgs/${orgId}/leave`, undefined],
    ] as const) {
      const refused = await svc.request(method, path, body, { token: owner.token });
      assert.equal(refused.status, 409, `${method} ${path}`);
      assert.equal(refused.body.code, 'member.last_admin');
      assert.match(refused.body.detail, /at least one Admin/);
    }
    await svc.request('PATCH', `/orgs/${orgId}/members/${editor!.userId}`, { roleId: 'admin' }, { token: owner.token });
    assert.equal((await svc.request('POST', `/orgs/${orgId}/leave`, undefined, { token: owner.token })).status, 204);
    const me = (await get(owner, '/me')).body;
    assert.ok(
      !me.organizations.some((o: { id: string }) => o.id === orgId),
      'expected !me.organizations.some((o: { id: string }) => o.id === orgId)',
    );
    assert.equal(me.activeOrganizationId, me.organizations[0].id, 'active organization moved on');
    const left = (await get(editor!, `/orgs/${orgId}/audit-events?action=member.left`)).body.items;
    assert.equal(left.length, 1);
    assert.equal(left[0].actorId, owner.userId);
  });

  test('a removed member loses access at once and, without another organization, gets a new empty one', async () => {
    const {
      owner,
      members: [editor],
      orgId,
    } = await team(['editor']);
    // Make this organization the editor's only one.
    assert.equal((await svc.request('DELETE', `/orgs/${editor!.activeOrganizationId}`, undefined, { token: editor!.token })).status, 204);
    assert.equal((await get(editor!, `/orgs/${orgId}`)).status, 200);
    const removed = await svc.request('DELETE', `/orgs/${orgId}/members/${editor!.userId}`, undefined, { token: owner.token });
    assert.equal(removed.status, 204);
    const gone = await get(editor!, `/orgs/${orgId}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 'organization.not_found');
    const me = (await get(editor!, '/me')).body;
    assert.deepEqual(
      me.organizations.map((o: { name: string; role: { id: string } }) => [o.name, o.role.id]),
      [["Anna's organization", 'admin']],
    );
    assert.equal(me.activeOrganizationId, me.organizations[0].id);
    const again = await svc.request('DELETE', `/orgs/${orgId}/members/${editor!.userId}`, undefined, { token: owner.token });
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'member.not_found');
  });

  test('members are listed with search, role filter, every sort order and stable cursor pages', async () => {
    const owner = await signUpAndLogin(svc, { firstName: 'Zoe', lastName: 'Zander' });
    const orgId = owner.activeOrganizationId;
    const people = await signUpMany(svc, 6, (i) => ({
      firstName: ['anna', 'Bert', 'Carla', 'dieter', 'Emil', 'Frieda'][i]!,
      lastName: ['Xu', 'Weber', 'Vogel', 'Ulm', 'Tal', 'Sommer'][i]!,
    }));
    for (const [i, p] of people.entries()) {
      svc.clock.advance(1000);
      await addMember(svc, orgId, p.userId, i % 2 === 0 ? 'editor' : 'viewer', owner.userId);
    }
    const names = (items: { firstName: string }[]) => items.map((m) => m.firstName);

    const byFirst = await get(owner, `/orgs/${orgId}/members?sort=firstName`);
    assert.equal(byFirst.status, 200);
    assert.deepEqual(names(byFirst.body.items), ['anna', 'Bert', 'Carla', 'dieter', 'Emil', 'Frieda', 'Zoe'], 'case-insensitive');
    assert.deepEqual(names((await get(owner, `/orgs/${orgId}/members?sort=lastName&order=desc`)).body.items), [
      'Zoe',
      'anna',
      'Bert',
      'Carla',
      'dieter',
      'Emil',
      'Frieda',
    ]);
    assert.deepEqual(names((await get(owner, `/orgs/${orgId}/members?sort=joinedAt`)).body.items), [
      'Zoe',
      'anna',
      'Bert',
      'Carla',
      'dieter',
      'Emil',
      'Frieda',
    ]);
    const byRole = names((await get(owner, `/orgs/${orgId}/members?sort=role`)).body.items);
    assert.equal(byRole[0], 'Zoe', 'admin < editor < viewer');
    assert.deepEqual(byRole.slice(1, 4).sort(), ['Carla', 'Emil', 'anna'].sort());

    const editors = (await get(owner, `/orgs/${orgId}/members?role=editor&sort=firstName`)).body.items;
    assert.deepEqual(names(editors), ['anna', 'Carla', 'Emil']);
    assert.deepEqual(editors[0].invitedBy, { userId: owner.userId, firstName: 'Zoe', lastName: 'Zander' });
    assert.equal(editors[0].status, 'active');
    assert.ok(Date.parse(editors[0].joinedAt) > 0, 'expected Date.parse(editors[0].joinedAt) > 0');

    assert.deepEqual(names((await get(owner, `/orgs/${orgId}/members?q=ERT`)).body.items), ['Bert']);
    assert.deepEqual(
      names((await get(owner, `/orgs/${orgId}/members?q=${encodeURIComponent('carla vogel')}`)).body.items),
      ['Carla'],
      'full name',
    );
    assert.equal(
      (await get(owner, `/orgs/${orgId}/members?q=${encodeURIComponent(people[3]!.email.toUpperCase())}`)).body.items[0].firstName,
      'dieter',
    );
    assert.deepEqual((await get(owner, `/orgs/${orgId}/members?q=%25`)).body.items, [], '% is a character, not a wildcard');
    const carla = people[2]!;
    assert.deepEqual(
      (await get(owner, `/orgs/${orgId}/members?q=${encodeURIComponent(`vogel ${carla.email.slice(0, 3)}`)}`)).body.items,
      [],
      'a search does not match across the last name and the e-mail address',
    );
    // Migration 019: the index's pending list stays small, so a search never reads hundreds of
    // unmerged pages (PGlite has no autovacuum to merge them).
    const index = await svc.gatehouse.db.query<{ reloptions: string[] | null }>(
      `SELECT reloptions FROM pg_class WHERE oid = to_regclass('memberships_search_trgm_idx')`,
    );
    assert.deepEqual(index[0]?.reloptions, ['gin_pending_list_limit=64'], 'the search index merges its pending list every 64 kB');

    for (const sort of ['firstName', 'lastName', 'email', 'role', 'joinedAt']) {
      for (const order of ['asc', 'desc']) {
        const all = (await get(owner, `/orgs/${orgId}/members?sort=${sort}&order=${order}`)).body.items.map(
          (m: { userId: string }) => m.userId,
        );
        const paged: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: { body: { items: { userId: string }[]; nextCursor: string | null } } = await get(
            owner,
            `/orgs/${orgId}/members?sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          paged.push(...page.body.items.map((m) => m.userId));
          cursor = page.body.nextCursor;
          // A member joining between pages must not shift what the next page holds.
          if (pages++ === 0)
            await addMember(svc, orgId, (await signUpAndLogin(svc, { firstName: 'Late', lastName: 'Comer' })).userId, 'viewer');
        } while (cursor);
        const late = (
          await svc.gatehouse.db.query<{ user_id: string }>(
            `SELECT user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE org_id = $1 AND u.first_name = 'Late'`,
            [orgId],
          )
        ).map((r) => r.user_id);
        assert.deepEqual(
          paged.filter((id) => !late.includes(id)),
          all.filter((id: string) => !late.includes(id)),
          `${sort} ${order}: pages add up to the list`,
        );
        await svc.gatehouse.db.query(`DELETE FROM memberships WHERE org_id = $1 AND user_id = ANY($2::text[])`, [orgId, late]);
      }
    }
    for (const cursor of ['garbage', Buffer.from('{"key":1}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      const bad = await get(owner, `/orgs/${orgId}/members?cursor=${cursor}`);
      assert.equal(bad.status, 400, cursor);
      assert.equal(bad.body.code, 'request.invalid');
    }
    assert.equal((await get(owner, `/orgs/${orgId}/members?limit=201`)).status, 400);
    assert.equal((await get(owner, `/orgs/${orgId}/members?sort=password`)).status, 400);
  });

  test("a member reads their own entry without user-management:access, not anyone else's", async () => {
    const {
      owner,
      members: [viewer],
      orgId,
    } = await team(['viewer']);
    const self = await get(viewer!, `/orgs/${orgId}/members/${viewer!.userId}`);
    assert.equal(self.status, 200);
    assert.deepEqual(self.body.deviceAccess, { allDevices: false, deviceIds: [] });
    const other = await get(viewer!, `/orgs/${orgId}/members/${owner.userId}`);
    assert.equal(other.status, 403);
    assert.equal(other.body.code, 'authz.forbidden');
    assert.deepEqual((await get(owner, `/orgs/${orgId}/members/${owner.userId}`)).body.deviceAccess, { allDevices: true, deviceIds: [] });
  });

  test('profile changes show in the member list and its sort order', async () => {
    const {
      owner,
      members: [member],
      orgId,
    } = await team(['viewer']);
    await svc.request('PATCH', '/me', { firstName: 'Aaron' }, { token: member!.token });
    const first = (await get(owner, `/orgs/${orgId}/members?sort=firstName`)).body.items[0];
    assert.equal(first.firstName, 'Aaron');
  });
});

describe('custom roles', () => {
  test('built-in roles are listed with exactly the PERMISSIONS.md mapping and cannot be changed', async () => {
    const owner = await signUpAndLogin(svc);
    const orgId = owner.activeOrganizationId;
    const roles = (await get(owner, `/orgs/${orgId}/roles`)).body;
    assert.deepEqual(
      roles.map((r: { id: string; builtIn: boolean }) => [r.id, r.builtIn]),
      [
        ['admin', true],
        ['editor', true],
        ['viewer', true],
      ],
    );
    for (const role of ['admin', 'editor', 'viewer'] as const) {
      assert.deepEqual(roles.find((r: { id: string }) => r.id === role).permissions, builtInRolePermissions(role));
      const patch = await svc.request('PATCH', `/orgs/${orgId}/roles/${role}`, { name: 'Boss' }, { token: owner.token });
      assert.equal(patch.status, 409);
      assert.equal(patch.body.code, 'role.built_in');
      assert.equal(
        (await svc.request('DELETE', `/orgs/${orgId}/roles/${role}`, undefined, { token: owner.token })).body.code,
        'role.built_in',
      );
    }
  });

  test('an Admin creates, edits and deletes a custom role; holders get the change at once; a held role cannot be deleted', async () => {
    const {
      owner,
      members: [member],
      orgId,
    } = await team(['viewer']);
    const created = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      {
        name: 'Maintenance',
        description: 'Firmware crew',
        permissions: ['device-management:firmware.update', 'device-management:access', 'device-management:access'],
      },
      { token: owner.token },
    );
    assert.equal(created.status, 201);
    assert.match(created.body.id, /^rol_/);
    assert.deepEqual(
      created.body.permissions,
      ['device-management:access', 'device-management:firmware.update'],
      'catalog order, no duplicates',
    );
    assert.equal(created.body.builtIn, false);
    const roleId = created.body.id;

    for (const name of ['maintenance', 'ADMIN', 'Viewer']) {
      const dup = await svc.request('POST', `/orgs/${orgId}/roles`, { name, permissions: [] }, { token: owner.token });
      assert.equal(dup.status, 409, name);
      assert.equal(dup.body.code, 'role.name_taken');
    }
    const unknown = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      { name: 'X', permissions: ['device-management:access', 'root:everything'] },
      { token: owner.token },
    );
    assert.equal(unknown.status, 400);
    assert.deepEqual(
      unknown.body.errors.map((e: { field: string }) => e.field),
      ['/permissions/1'],
    );

    await svc.request('PATCH', `/orgs/${orgId}/members/${member!.userId}`, { roleId }, { token: owner.token });
    assert.deepEqual((await get(member!, `/orgs/${orgId}/me`)).body.permissions, [
      'device-management:access',
      'device-management:firmware.update',
    ]);
    assert.equal((await get(member!, `/orgs/${orgId}/members`)).status, 403);

    const edited = await svc.request(
      'PATCH',
      `/orgs/${orgId}/roles/${roleId}`,
      { name: 'Crew', permissions: ['user-management:access'] },
      { token: owner.token },
    );
    assert.equal(edited.status, 200);
    assert.equal(edited.body.name, 'Crew');
    assert.equal(edited.body.description, 'Firmware crew');
    assert.equal((await get(member!, `/orgs/${orgId}/members`)).status, 200, 'the holder has the new permission at once');
    const listed = (await get(owner, `/orgs/${orgId}/members?role=${roleId}`)).body.items;
    assert.deepEqual(
      listed.map((m: { role: { name: string } }) => m.role.name),
      ['Crew'],
    );

    const inUse = await svc.request('DELETE', `/orgs/${orgId}/roles/${roleId}`, undefined, { token: owner.token });
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.code, 'role.in_use');
    await svc.request('PATCH', `/orgs/${orgId}/members/${member!.userId}`, { roleId: 'viewer' }, { token: owner.token });
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/roles/${roleId}`, undefined, { token: owner.token })).status, 204);
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${member!.userId}`, { roleId }, { token: owner.token })).body.code,
      'role.not_found',
    );

    const actions = (await get(owner, `/orgs/${orgId}/audit-events?targetId=${roleId}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    assert.deepEqual(actions, ['role.deleted', 'role.changed', 'role.created']);
  });

  test("another organization's custom role does not exist here", async () => {
    const a = await signUpAndLogin(svc);
    const b = await team(['viewer']);
    const foreign = (
      await svc.request('POST', `/orgs/${a.activeOrganizationId}/roles`, { name: 'Foreign', permissions: [] }, { token: a.token })
    ).body.id;
    const grant = await svc.request(
      'PATCH',
      `/orgs/${b.orgId}/members/${b.members[0]!.userId}`,
      { roleId: foreign },
      { token: b.owner.token },
    );
    assert.equal(grant.status, 404);
    assert.equal(grant.body.code, 'role.not_found');
    for (const [method, body] of [
      ['PATCH', { name: 'Hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const r = await svc.request(method, `/orgs/${b.orgId}/roles/${foreign}`, body, { token: b.owner.token });
      assert.equal(r.status, 404, method);
    }
    assert.equal(
      (await get(a, `/orgs/${a.activeOrganizationId}/roles`)).body.find((r: { id: string }) => r.id === foreign).name,
      'Foreign',
    );
  });
});

describe('escalation', () => {
  test('a custom role with users.change-role cannot make itself (or anyone) Admin, nor grant what it lacks', async () => {
    const {
      owner,
      members: [lead, worker],
      orgId,
    } = await team(['viewer', 'viewer']);
    const manager = (
      await svc.request(
        'POST',
        `/orgs/${orgId}/roles`,
        {
          name: 'Team lead',
          permissions: [
            'user-management:access',
            'user-management:users.change-role',
            'user-management:users.remove',
            'user-management:roles.manage',
            ...builtInRolePermissions('viewer'),
          ],
        },
        { token: owner.token },
      )
    ).body.id;
    await svc.request('PATCH', `/orgs/${orgId}/members/${lead!.userId}`, { roleId: manager }, { token: owner.token });
    const before = await svc.gatehouse.db.query(`SELECT user_id, role_id FROM memberships WHERE org_id = $1 ORDER BY user_id`, [orgId]);

    const attempts = [
      ['PATCH', `/orgs/${orgId}/members/${lead!.userId}`, { roleId: 'admin' }, 'make itself Admin'],
      ['PATCH', `/orgs/${orgId}/members/${worker!.userId}`, { roleId: 'admin' }, 'make another Admin'],
      ['PATCH', `/orgs/${orgId}/members/${worker!.userId}`, { roleId: 'editor' }, 'grant Editor, which holds devices.add it lacks'],
      ['PATCH', `/orgs/${orgId}/members/${owner.userId}`, { roleId: 'viewer' }, 'demote the Admin'],
      ['DELETE', `/orgs/${orgId}/members/${owner.userId}`, undefined, 'remove the Admin'],
      [
        'PATCH',
        `/orgs/${orgId}/roles/${manager}`,
        { permissions: ['organization:rename', 'user-management:roles.manage'] },
        'widen its own role',
      ],
      ['POST', `/orgs/${orgId}/roles`, { name: 'Super', permissions: ['organization:billing.edit'] }, 'create a role above itself'],
    ] as const;
    for (const [method, path, body, what] of attempts) {
      const r = await svc.request(method, path, body, { token: lead!.token });
      assert.equal(r.status, 403, what);
      assert.equal(r.body.code, 'authz.escalation', what);
    }
    assert.deepEqual(
      await svc.gatehouse.db.query(`SELECT user_id, role_id FROM memberships WHERE org_id = $1 ORDER BY user_id`, [orgId]),
      before,
      'nothing changed',
    );
    assert.deepEqual(
      (await get(owner, `/orgs/${orgId}/roles`)).body.map((r: { name: string }) => r.name),
      ['Admin', 'Editor', 'Viewer', 'Team lead'],
    );
    // Each role says how many members hold it (what the roles page lists), to any member.
    assert.deepEqual(
      (await get(worker!, `/orgs/${orgId}/roles`)).body.map((r: { name: string; memberCount: number }) => [r.name, r.memberCount]),
      [
        ['Admin', 1],
        ['Editor', 0],
        ['Viewer', 1],
        ['Team lead', 1],
      ],
      'member counts per role, this organization only',
    );

    // Within its own permissions it may act: a role that is a subset of its own.
    const subset = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      { name: 'Reader', permissions: ['device-management:access'] },
      { token: lead!.token },
    );
    assert.equal(subset.status, 201);
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${worker!.userId}`, { roleId: subset.body.id }, { token: lead!.token })).status,
      200,
    );
  });

  test('an Editor lacks the permission to grant any role', async () => {
    const {
      members: [editor, viewer],
      orgId,
    } = await team(['editor', 'viewer']);
    const r = await svc.request('PATCH', `/orgs/${orgId}/members/${viewer!.userId}`, { roleId: 'editor' }, { token: editor!.token });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'authz.forbidden');
  });
});
