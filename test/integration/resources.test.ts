// Resources of a Smart Service and access to them per member and type (shared/spec/PLATFORM.md,
// "Resources", "Access to resources", "The question, with resources and revisions"): written by
// the owning service's key, listed for members by what they reach, checked with hierarchies, and
// every write's revision honoured by the checks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, signUpAndLogin, signUpMany, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { registerSmartService, TSD, withResourceTypes } from '../support/smart-services.js';
import { builtInRolePermissions } from '../support/shipped-catalog.js';

let svc: TestService;
let tsdKey: string;
let otherKey: string;
let plainKey: string;
before(async () => {
  svc = await startTestService();
  tsdKey = (await registerSmartService(svc.gatehouse, TSD)).key;
  otherKey = (await registerSmartService(svc.gatehouse, withResourceTypes('emma', ['report']))).key;
  plainKey = (await svc.gatehouse.core.serviceClients.create('no service')).key;
});
after(async () => {
  await svc?.close();
});

const put = (orgId: string, type: string, ext: string, body: Record<string, unknown>, token = tsdKey) =>
  svc.request('PUT', `/orgs/${orgId}/resources/${type}/${encodeURIComponent(ext)}`, body, { token });
async function upsert(orgId: string, type: string, ext: string, body: Record<string, unknown>) {
  const r = await put(orgId, type, ext, body);
  assert.ok(r.status === 201 || r.status === 200, `upsert ${type}/${ext}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; type: string; externalId: string; name: string; parent: { type: string; externalId: string } | null };
}
const check = async (body: Record<string, unknown>, token = tsdKey) => {
  const r = await svc.request('POST', '/authz/check', body, { token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { allowed: boolean; reason: string; revision: number };
};

async function team(roles: string[]) {
  const [owner, ...members] = await signUpMany(svc, roles.length + 1);
  const orgId = owner!.activeOrganizationId;
  for (const [i, m] of members.entries()) await addMember(svc, orgId, m.userId, roles[i]);
  return { owner: owner!, members, orgId };
}

/** Two groups, each with two dashboards. */
async function dashboards(orgId: string) {
  const g1 = await upsert(orgId, 'tsd:dashboard-group', 'g1', { name: 'Plant North' });
  const g2 = await upsert(orgId, 'tsd:dashboard-group', 'g2', { name: 'Plant South' });
  const d = [];
  for (const [g, ext, name] of [
    ['g1', 'd1', 'Energy'],
    ['g1', 'd2', 'Pressure'],
    ['g2', 'd3', 'Energy south'],
    ['g2', 'd4', 'Flow'],
  ] as const)
    d.push(await upsert(orgId, 'tsd:dashboard', ext, { name, parent: { type: 'tsd:dashboard-group', externalId: g } }));
  return { g1, g2, d };
}

const setAccess = (u: SignedUpUser, orgId: string, userId: string, type: string, body: { all: boolean; ids: string[] }) =>
  svc.request('PUT', `/orgs/${orgId}/members/${userId}/access/${type}`, body, { token: u.token });

describe('resources, written by the owning service', () => {
  test('upsert is 201 then 200 with the same id; name and parent replaced; parent of the parent type, same organization', async () => {
    const { orgId } = await team([]);
    const g = await put(orgId, 'tsd:dashboard-group', 'grp', { name: 'Group' });
    assert.equal(g.status, 201, JSON.stringify(g.body));
    assert.match(g.body.id, /^res_/, 'a res_ id');
    assert.equal(g.headers['gatehouse-revision'] !== undefined, true, 'the write carries its revision');
    const again = await put(orgId, 'tsd:dashboard-group', 'grp', { name: 'Group renamed' });
    assert.equal(again.status, 200, 'the second upsert updates');
    assert.equal(again.body.id, g.body.id, 'same resource');
    assert.equal(again.body.name, 'Group renamed', 'name replaced');
    const d = await put(orgId, 'tsd:dashboard', 'a/b c', { name: 'Dash', parent: { type: 'tsd:dashboard-group', externalId: 'grp' } });
    assert.equal(d.status, 201, JSON.stringify(d.body));
    assert.deepEqual(d.body.parent, { type: 'tsd:dashboard-group', externalId: 'grp' }, 'parent as the service names it');
    assert.equal(d.body.externalId, 'a/b c', 'an external id with a slash and a space, percent-encoded in the path');
    const wrongParentType = await put(orgId, 'tsd:dashboard-group', 'grp2', {
      name: 'x',
      parent: { type: 'tsd:dashboard-group', externalId: 'grp' },
    });
    assert.equal(wrongParentType.status, 400, 'a group has no parent');
    const missingParent = await put(orgId, 'tsd:dashboard', 'd9', {
      name: 'x',
      parent: { type: 'tsd:dashboard-group', externalId: 'nope' },
    });
    assert.equal(missingParent.status, 400, 'the parent must exist');
    assert.equal(missingParent.body.errors[0].field, '/parent/externalId', 'the field is named');
    const other = await team([]);
    const crossOrg = await put(other.orgId, 'tsd:dashboard', 'd9', {
      name: 'x',
      parent: { type: 'tsd:dashboard-group', externalId: 'grp' },
    });
    assert.equal(crossOrg.status, 400, "another organization's group is no parent");
  });

  test('only the owning service writes: another service 403, a key without service 403, a user 401, unknown organization or type 404', async () => {
    const { owner, orgId } = await team([]);
    const other = await put(orgId, 'tsd:dashboard-group', 'g', { name: 'x' }, otherKey);
    assert.equal(other.status, 403, "emma's key on tsd's type");
    assert.equal(other.body.code, 'service.forbidden', "another service's key: the one code for it (as webhooks and manifests)");
    const plain = await put(orgId, 'tsd:dashboard-group', 'g', { name: 'x' }, plainKey);
    assert.equal(plain.status, 403, 'a key of no service');
    assert.equal(plain.body.code, 'service.forbidden', 'a key of no service: the same code');
    assert.equal((await put(orgId, 'tsd:dashboard-group', 'g', { name: 'x' }, owner.token)).status, 401, 'a signed-in user, even Admin');
    const noOrg = await put('org_doesnotexist', 'tsd:dashboard-group', 'g', { name: 'x' });
    assert.equal(noOrg.status, 404, 'unknown organization');
    assert.equal(noOrg.body.code, 'organization.not_found');
    const noType = await put(orgId, 'tsd:nothing', 'g', { name: 'x' });
    assert.equal(noType.status, 404, 'unknown type');
    assert.equal(noType.body.code, 'resource.type_not_found');
    assert.equal((await put(orgId, 'tsd:dashboard-group', 'x'.repeat(201), { name: 'x' })).status, 400, 'external id over 200');
    assert.equal((await put(orgId, 'tsd:dashboard-group', 'a\u0001b', { name: 'x' })).status, 400, 'a control character');
    const rows = await svc.gatehouse.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM resources WHERE org_id = $1`, [orgId]);
    assert.equal(rows[0]!.n, 0, 'nothing was written');
  });

  test('delete takes the descendants and the grants on them; 404 for one that is not there', async () => {
    const { owner, members, orgId } = await team(['viewer']);
    const { g1, d } = await dashboards(orgId);
    assert.equal((await setAccess(owner, orgId, members[0]!.userId, 'tsd:dashboard', { all: false, ids: [d[0]!.id] })).status, 200);
    const del = await svc.request('DELETE', `/orgs/${orgId}/resources/tsd:dashboard-group/g1`, undefined, { token: tsdKey });
    assert.equal(del.status, 204, JSON.stringify(del.body));
    assert.ok(Number(del.headers['gatehouse-revision']) > 0, 'the delete carries its revision');
    const left = await svc.gatehouse.db.query<{ id: string }>(`SELECT id FROM resources WHERE org_id = $1 ORDER BY id`, [orgId]);
    assert.ok(!left.some((r) => [g1.id, d[0]!.id, d[1]!.id].includes(r.id)), 'the group and its dashboards are gone');
    assert.equal(left.length, 3, 'the other group and its dashboards stay');
    const grants = await svc.gatehouse.db.query(`SELECT 1 FROM member_resources WHERE org_id = $1`, [orgId]);
    assert.equal(grants.length, 0, 'the grant on a deleted dashboard went with it');
    const events = await svc.gatehouse.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM events WHERE org_id = $1 AND type = 'resource.deleted'`,
      [orgId],
    );
    assert.deepEqual(
      events.map((e) => e.data),
      [{ type: 'tsd:dashboard-group', externalId: 'g1', id: g1.id }],
      'one resource.deleted event, for the resource named (its descendants went with it)',
    );
    const c = await check({
      userId: owner.userId,
      organizationId: orgId,
      permission: 'tsd:dashboards.view',
      resource: { type: 'tsd:dashboard', externalId: 'd1' },
    });
    assert.equal(c.reason, 'unknown_resource', 'a deleted dashboard is unknown to the next check');
    const again = await svc.request('DELETE', `/orgs/${orgId}/resources/tsd:dashboard-group/g1`, undefined, { token: tsdKey });
    assert.equal(again.status, 404, 'gone');
    assert.equal(again.body.code, 'resource.not_found');
  });

  test('createdBy: a non-Admin member gets access to what they made; an Admin gets no row; a non-member is 400', async () => {
    const { owner, members, orgId } = await team(['editor']);
    const editor = members[0]!;
    // The editor starts with nothing of either type (they joined after the types appeared).
    const g = await upsert(orgId, 'tsd:dashboard-group', 'mine', { name: 'Mine', createdBy: editor.userId });
    const list = await svc.request('GET', `/orgs/${orgId}/resources`, undefined, { token: editor.token });
    assert.deepEqual(
      list.body.items.map((r: { id: string }) => r.id),
      [g.id],
      'the creator sees what they made',
    );
    await upsert(orgId, 'tsd:dashboard-group', 'admins', { name: 'Admins', createdBy: owner.userId });
    const rows = await svc.gatehouse.db.query(`SELECT 1 FROM member_resources WHERE org_id = $1 AND user_id = $2`, [orgId, owner.userId]);
    assert.equal(rows.length, 0, 'an Admin reaches everything: no grant recorded');
    const stranger = await team([]);
    const r = await put(orgId, 'tsd:dashboard-group', 'x', { name: 'x', createdBy: stranger.owner.userId });
    assert.equal(r.status, 400, 'createdBy must be a member');
    assert.equal(r.body.errors[0].field, '/createdBy');
  });
});

describe('resources, read by members', () => {
  test('the list shows only what the member reaches (a group covers its dashboards), filters, searches and pages', async () => {
    const { owner, members, orgId } = await team(['viewer']);
    const viewer = members[0]!;
    const { g1, g2, d } = await dashboards(orgId);
    assert.equal((await setAccess(owner, orgId, viewer.userId, 'tsd:dashboard-group', { all: false, ids: [g1.id] })).status, 200);
    const mine = await svc.request('GET', `/orgs/${orgId}/resources?type=tsd:dashboard`, undefined, { token: viewer.token });
    assert.deepEqual(mine.body.items.map((r: { externalId: string }) => r.externalId).sort(), ['d1', 'd2'], "the group's dashboards");
    const all = await svc.request('GET', `/orgs/${orgId}/resources`, undefined, { token: owner.token });
    assert.equal(all.body.items.length, 6, 'an Admin sees all');
    const children = await svc.request('GET', `/orgs/${orgId}/resources?parent=${g2.id}`, undefined, { token: owner.token });
    assert.deepEqual(children.body.items.map((r: { externalId: string }) => r.externalId).sort(), ['d3', 'd4'], 'by parent');
    const q = await svc.request('GET', `/orgs/${orgId}/resources?q=energy`, undefined, { token: owner.token });
    assert.deepEqual(q.body.items.map((r: { externalId: string }) => r.externalId).sort(), ['d1', 'd3'], 'by name, any case');
    const page1 = await svc.request('GET', `/orgs/${orgId}/resources?limit=4`, undefined, { token: owner.token });
    const page2 = await svc.request('GET', `/orgs/${orgId}/resources?limit=4&cursor=${page1.body.nextCursor}`, undefined, {
      token: owner.token,
    });
    assert.equal(page1.body.items.length + page2.body.items.length, 6, 'two pages hold all');
    assert.equal(page2.body.nextCursor, null, 'the last page says so');
    const hidden = await svc.request('GET', `/orgs/${orgId}/resources/tsd:dashboard/d3`, undefined, { token: viewer.token });
    assert.equal(hidden.status, 404, 'a dashboard out of reach is a 404');
    const shown = await svc.request('GET', `/orgs/${orgId}/resources/tsd:dashboard/d1`, undefined, { token: viewer.token });
    assert.equal(shown.status, 200, 'a dashboard in reach');
    assert.equal(shown.body.id, d[0]!.id);
    const byService = await svc.request('GET', `/orgs/${orgId}/resources/tsd:dashboard/d3`, undefined, { token: tsdKey });
    assert.equal(byService.status, 200, 'the owning service reads any');
    const byOther = await svc.request('GET', `/orgs/${orgId}/resources/tsd:dashboard/d3`, undefined, { token: otherKey });
    assert.equal(byOther.status, 403, 'another service does not');
    const outsider = await team([]);
    const foreign = await svc.request('GET', `/orgs/${orgId}/resources`, undefined, { token: outsider.owner.token });
    assert.equal(foreign.status, 404, "another organization's list");
  });
});

describe('access per member and type', () => {
  test('GET lists device first and every type; PUT replaces one type; Admins are all and cannot be narrowed', async () => {
    const { owner, members, orgId } = await team(['viewer']);
    const viewer = members[0]!;
    const { g1 } = await dashboards(orgId);
    const put1 = await setAccess(owner, orgId, viewer.userId, 'tsd:dashboard-group', { all: false, ids: [g1.id] });
    assert.deepEqual(put1.body, { all: false, ids: [g1.id] }, 'the new access');
    assert.ok(Number(put1.headers['gatehouse-revision']) > 0, 'the write carries its revision');
    const changed = await svc.gatehouse.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM events WHERE org_id = $1 AND type = 'member.access_changed'`,
      [orgId],
    );
    assert.deepEqual(
      changed.map((e) => e.data),
      [{ userId: viewer.userId, type: 'tsd:dashboard-group' }],
      'the access change is an event naming the member and the type',
    );
    const got = await svc.request('GET', `/orgs/${orgId}/members/${viewer.userId}/access`, undefined, { token: viewer.token });
    assert.equal(got.status, 200, 'a member reads their own');
    assert.equal(Object.keys(got.body)[0], 'device', 'device first');
    assert.deepEqual(got.body['tsd:dashboard-group'], { all: false, ids: [g1.id] }, 'the group');
    assert.deepEqual(got.body['tsd:dashboard'], { all: false, ids: [] }, 'no dashboards of their own');
    assert.deepEqual(got.body['emma:report'], { all: false, ids: [] }, 'every type is listed');
    const dev = await setAccess(owner, orgId, viewer.userId, 'device', { all: true, ids: [] });
    assert.deepEqual(dev.body, { all: true, ids: [] }, 'device is the device access');
    const legacy = await svc.request('GET', `/orgs/${orgId}/members/${viewer.userId}/device-access`, undefined, { token: owner.token });
    assert.equal(legacy.body.allDevices, true, 'the device-access route says the same');
    const admin = await setAccess(owner, orgId, owner.userId, 'tsd:dashboard', { all: false, ids: [] });
    assert.equal(admin.status, 409, 'an Admin has everything');
    assert.equal(admin.body.code, 'member.admin_all_resources');
    const wrongType = await setAccess(owner, orgId, viewer.userId, 'tsd:dashboard', { all: false, ids: [g1.id] });
    assert.equal(wrongType.status, 400, 'a group is not a dashboard');
    assert.equal(wrongType.body.errors[0].field, '/ids/0');
    const unknownType = await setAccess(owner, orgId, viewer.userId, 'tsd:nothing', { all: true, ids: [] });
    assert.equal(unknownType.status, 404, 'no such type');
  });

  test('escalation: nobody grants beyond their reach, all only with all, nobody but an Admin changes their own', async () => {
    const { owner, members, orgId } = await team(['viewer', 'viewer']);
    const [delegate, target] = members as [SignedUpUser, SignedUpUser];
    const { g1, g2, d } = await dashboards(orgId);
    // A custom role that may set access (and every permission a viewer has, so the role rule allows acting on viewers).
    const permissions = [...builtInRolePermissions('viewer'), 'user-management:access', 'user-management:users.device-access'];
    const role = await svc.request('POST', `/orgs/${orgId}/roles`, { name: 'Delegate', permissions }, { token: owner.token });
    assert.equal(role.status, 201, JSON.stringify(role.body));
    const changed = await svc.request(
      'PATCH',
      `/orgs/${orgId}/members/${delegate.userId}`,
      { roleId: role.body.id },
      { token: owner.token },
    );
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await setAccess(owner, orgId, delegate.userId, 'tsd:dashboard-group', { all: false, ids: [g1.id] });
    const within = await setAccess(delegate, orgId, target.userId, 'tsd:dashboard', { all: false, ids: [d[0]!.id] });
    assert.equal(within.status, 200, `a dashboard inside the delegate's group: ${JSON.stringify(within.body)}`);
    const beyond = await setAccess(delegate, orgId, target.userId, 'tsd:dashboard', { all: false, ids: [d[2]!.id] });
    assert.equal(beyond.status, 403, 'a dashboard of the other group');
    assert.equal(beyond.body.code, 'authz.access_escalation');
    const beyondGroup = await setAccess(delegate, orgId, target.userId, 'tsd:dashboard-group', { all: false, ids: [g2.id] });
    assert.equal(beyondGroup.body.code, 'authz.access_escalation', 'a group they do not have');
    const all = await setAccess(delegate, orgId, target.userId, 'tsd:dashboard', { all: true, ids: [] });
    assert.equal(all.body.code, 'authz.access_escalation', 'all dashboards without all of them');
    const own = await setAccess(delegate, orgId, delegate.userId, 'tsd:dashboard-group', { all: false, ids: [g1.id, g2.id] });
    assert.equal(own.body.code, 'authz.access_escalation', 'their own access');
    await setAccess(owner, orgId, delegate.userId, 'tsd:dashboard-group', { all: true, ids: [] });
    const viaAncestor = await setAccess(delegate, orgId, target.userId, 'tsd:dashboard', { all: true, ids: [] });
    assert.equal(viaAncestor.status, 200, 'all groups covers all dashboards');
  });

  test('a type that appears gives existing non-Admin members all of it; who joins later gets nothing', async () => {
    const { owner, members, orgId } = await team(['viewer']);
    await registerSmartService(svc.gatehouse, withResourceTypes('impulse-analytics', ['arrester']));
    const [late] = await signUpMany(svc, 1);
    await addMember(svc, orgId, late!.userId, 'viewer');
    const read = async (userId: string) =>
      (await svc.request('GET', `/orgs/${orgId}/members/${userId}/access`, undefined, { token: owner.token })).body[
        'impulse-analytics:arrester'
      ];
    assert.deepEqual(await read(members[0]!.userId), { all: true, ids: [] }, 'an existing viewer keeps seeing everything');
    assert.deepEqual(await read(owner.userId), { all: true, ids: [] }, 'an Admin has all anyway');
    assert.deepEqual(await read(late!.userId), { all: false, ids: [] }, 'a later member gets nothing');
  });
});

describe('checks with resources and revisions', () => {
  test('a grant on a group allows its dashboards; mismatch, denied and unknown reasons; a batch; revisions', async () => {
    const { owner, members, orgId } = await team(['viewer']);
    const viewer = members[0]!;
    const { g1, d } = await dashboards(orgId);
    const set = await setAccess(owner, orgId, viewer.userId, 'tsd:dashboard-group', { all: false, ids: [g1.id] });
    const revision = Number(set.headers['gatehouse-revision']);
    const ask = (resource: Record<string, unknown>, permission = 'tsd:dashboards.view') =>
      check({ userId: viewer.userId, organizationId: orgId, permission, resource, atLeastRevision: revision });
    const byId = await ask({ type: 'tsd:dashboard', id: d[0]!.id });
    assert.equal(byId.reason, 'granted', 'a dashboard in the group, by id');
    assert.ok(byId.revision >= revision, 'answered at the revision or newer');
    assert.equal((await ask({ type: 'tsd:dashboard', externalId: 'd2' })).reason, 'granted', "by the service's id");
    assert.equal((await ask({ type: 'tsd:dashboard', externalId: 'd3' })).reason, 'resource_denied', 'the other group');
    assert.equal((await ask({ type: 'tsd:dashboard', externalId: 'nope' })).reason, 'unknown_resource', 'no such dashboard');
    assert.equal(
      (await ask({ type: 'tsd:dashboard-group', id: g1.id })).reason,
      'resource_type_mismatch',
      'a group for a dashboard permission',
    );
    assert.equal(
      (await ask({ type: 'tsd:dashboard', externalId: 'd3' }, 'tsd:access')).reason,
      'granted',
      'a permission without a resource type',
    );
    const ownerAsk = await check({
      userId: owner.userId,
      organizationId: orgId,
      permission: 'tsd:dashboards.view',
      resource: { type: 'tsd:dashboard', externalId: 'd3' },
    });
    assert.equal(ownerAsk.reason, 'granted', 'an Admin reaches everything');
    const other = await team([]);
    const foreign = await check({
      userId: other.owner.userId,
      organizationId: other.orgId,
      permission: 'tsd:dashboards.view',
      resource: { type: 'tsd:dashboard', id: d[0]!.id },
    });
    assert.equal(foreign.reason, 'unknown_resource', "another organization's dashboard");
    const both = await svc.request(
      'POST',
      '/authz/check',
      {
        userId: viewer.userId,
        organizationId: orgId,
        permission: 'tsd:dashboards.view',
        deviceId: 'dev_x',
        resource: { type: 'tsd:dashboard', id: d[0]!.id },
      },
      { token: tsdKey },
    );
    assert.equal(both.status, 400, 'a device and a resource at once');
    const batch = await svc.request(
      'POST',
      '/authz/check-batch',
      {
        checks: [0, 2].map((i) => ({
          userId: viewer.userId,
          organizationId: orgId,
          permission: 'tsd:dashboards.view',
          resource: { type: 'tsd:dashboard', id: d[i]!.id },
          atLeastRevision: revision,
        })),
      },
      { token: tsdKey },
    );
    assert.deepEqual(
      batch.body.results.map((r: { reason: string }) => r.reason),
      ['granted', 'resource_denied'],
      'the batch in order',
    );
    const self = await svc.request(
      'POST',
      '/authz/check',
      {
        userId: viewer.userId,
        organizationId: orgId,
        permission: 'tsd:dashboards.view',
        resource: { type: 'tsd:dashboard', id: d[0]!.id },
      },
      { token: viewer.token },
    );
    assert.equal(self.body.reason, 'granted', 'a user asking about themself');
  });

  test('accessible-resources: all, or the reached ones (through an ancestor), paged', async () => {
    const { owner, members, orgId } = await team(['viewer', 'viewer']);
    const [viewer, allOfThem] = members as [SignedUpUser, SignedUpUser];
    const { g1, d } = await dashboards(orgId);
    await setAccess(owner, orgId, viewer.userId, 'tsd:dashboard-group', { all: false, ids: [g1.id] });
    await setAccess(owner, orgId, viewer.userId, 'tsd:dashboard', { all: false, ids: [d[3]!.id] });
    const set = await setAccess(owner, orgId, allOfThem.userId, 'tsd:dashboard-group', { all: true, ids: [] });
    const list = async (userId: string, extra: Record<string, unknown> = {}) => {
      const r = await svc.request(
        'POST',
        '/authz/accessible-resources',
        { userId, organizationId: orgId, type: 'tsd:dashboard', atLeastRevision: Number(set.headers['gatehouse-revision']), ...extra },
        { token: tsdKey },
      );
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body as { all: boolean; items: { id: string; externalId: string }[]; nextCursor: string | null; revision: number };
    };
    const mine = await list(viewer.userId);
    assert.equal(mine.all, false, 'not all');
    assert.deepEqual(mine.items.map((i) => i.externalId).sort(), ['d1', 'd2', 'd4'], "the group's dashboards and the one given");
    const everything = await list(allOfThem.userId, { limit: 3 });
    assert.equal(everything.all, true, 'all groups is all dashboards');
    assert.equal(everything.items.length, 3, 'a page');
    const rest = await list(allOfThem.userId, { limit: 3, cursor: everything.nextCursor });
    assert.equal(rest.items.length, 1, 'the rest');
    assert.equal(rest.nextCursor, null, 'the end');
    assert.equal(
      (await list(viewer.userId, { permission: 'user-management:users.invite' })).items.length,
      0,
      'a permission the role lacks',
    );
  });

  test('atLeastRevision: an instance behind reloads; a revision never written is 503 after 2 s', async () => {
    const { owner, members, orgId } = await team(['viewer']);
    const viewer = members[0]!;
    const { d } = await dashboards(orgId);
    const q = {
      userId: viewer.userId,
      organizationId: orgId,
      permission: 'tsd:dashboards.view',
      resource: { type: 'tsd:dashboard', id: d[0]!.id },
    };
    assert.equal((await check(q)).reason, 'resource_denied', 'loaded, without access');
    // A write the index does not hear of (as if its NOTIFY had not arrived): straight into the database.
    await svc.gatehouse.db.query(
      `INSERT INTO member_resource_access (org_id, user_id, type, all_resources) VALUES ($1, $2, 'tsd:dashboard', true)`,
      [orgId, viewer.userId],
    );
    const [row] = await svc.gatehouse.db.query<{ v: string }>(
      `UPDATE organizations SET authz_version = authz_version + 1 WHERE id = $1 RETURNING authz_version::text AS v`,
      [orgId],
    );
    // Without a revision the index in memory may answer (when this instance trusts its change feed).
    const engine = svc.gatehouse.core.authzEngine;
    if (engine.peek(orgId)?.version === Number(row!.v) - 1)
      assert.equal((await check(q)).reason, 'resource_denied', 'without a revision, the index in memory answers');
    const fresh = await check({ ...q, atLeastRevision: Number(row!.v) });
    assert.equal(fresh.reason, 'granted', 'with the revision, never the old answer');
    assert.equal(fresh.revision, Number(row!.v), 'at that revision');
    const started = Date.now();
    const future = await svc.request('POST', '/authz/check', { ...q, atLeastRevision: Number(row!.v) + 1000 }, { token: tsdKey });
    assert.equal(future.status, 503, 'a revision that never came');
    assert.equal(future.body.code, 'authz.revision_unavailable');
    assert.ok(Date.now() - started >= 1900, 'after waiting about 2 s');
    void owner;
  });
});

describe('invitations with access per type', () => {
  test('applied at acceptance; refused beyond the sender; an inviter narrowed meanwhile makes it void', async () => {
    const { owner, orgId } = await team([]);
    const { g1, g2, d } = await dashboards(orgId);
    const invitee = await signUpAndLogin(svc);
    const sent = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: invitee.email, roleId: 'viewer', access: { 'tsd:dashboard-group': { all: false, ids: [g1.id] } } },
      { token: owner.token },
    );
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.deepEqual(sent.body.invitation.access, { 'tsd:dashboard-group': { all: false, ids: [g1.id] } }, 'the invitation shows it');
    const accepted = await svc.request('POST', `/me/invitations/${sent.body.invitation.id}/accept`, undefined, { token: invitee.token });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.ok(Number(accepted.headers['gatehouse-revision']) > 0, 'the acceptance carries its revision');
    const c = await check({
      userId: invitee.userId,
      organizationId: orgId,
      permission: 'tsd:dashboards.view',
      resource: { type: 'tsd:dashboard', id: d[1]!.id },
      atLeastRevision: Number(accepted.headers['gatehouse-revision']),
    });
    assert.equal(c.reason, 'granted', "a dashboard of the invitation's group");
    const other = await check({
      userId: invitee.userId,
      organizationId: orgId,
      permission: 'tsd:dashboards.view',
      resource: { type: 'tsd:dashboard', id: d[2]!.id },
    });
    assert.equal(other.reason, 'resource_denied', 'not the other group');

    // A manager who may invite and set access, with one group.
    const permissions = [
      ...builtInRolePermissions('viewer'),
      'user-management:access',
      'user-management:users.invite',
      'user-management:users.device-access',
    ];
    const role = await svc.request('POST', `/orgs/${orgId}/roles`, { name: 'Manager', permissions }, { token: owner.token });
    const [manager] = await signUpMany(svc, 1);
    await addMember(svc, orgId, manager!.userId, role.body.id);
    await setAccess(owner, orgId, manager!.userId, 'tsd:dashboard-group', { all: false, ids: [g1.id] });
    const invite = async (ids: string[]) =>
      svc.request(
        'POST',
        `/orgs/${orgId}/invitations`,
        { email: (await signUpAndLogin(svc)).email, roleId: 'viewer', access: { 'tsd:dashboard-group': { all: false, ids } } },
        { token: manager!.token },
      );
    const beyond = await invite([g2.id]);
    assert.equal(beyond.status, 403, 'a group the manager does not have');
    assert.equal(beyond.body.code, 'authz.access_escalation');
    const unknown = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: 'x@example.com', roleId: 'viewer', access: { 'tsd:nothing': { all: true, ids: [] } } },
      { token: owner.token },
    );
    assert.equal(unknown.status, 400, 'an unknown type');
    const second = await signUpAndLogin(svc);
    const ok = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: second.email, roleId: 'viewer', access: { 'tsd:dashboard-group': { all: false, ids: [g1.id] } } },
      { token: manager!.token },
    );
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    await setAccess(owner, orgId, manager!.userId, 'tsd:dashboard-group', { all: false, ids: [] });
    const late = await svc.request('POST', `/me/invitations/${ok.body.invitation.id}/accept`, undefined, { token: second.token });
    assert.equal(late.body.code, 'invitation.inviter_lacks_authority', "the group is no longer the inviter's to give");
  });

  test('a type a manifest adds reaches the checks at once: the catalog carries the types, the trigger gives existing members all', async () => {
    // Last: the new permission is in the built-in Viewer role, which earlier tests build custom roles from.
    const { members, orgId } = await team(['viewer']);
    const viewer = members[0]!;
    const slug = `boxes-${Date.now().toString(36)}`;
    // The organization's index is in memory before the manifest arrives.
    assert.equal((await check({ userId: viewer.userId, organizationId: orgId, permission: 'device-management:access' })).reason, 'granted');
    const registered = await svc.gatehouse.core.services.register({
      service: slug,
      name: { en: 'Boxes' },
      resourceTypes: [{ type: 'box', name: { en: 'Box', de: 'Kiste' } }],
      permissions: [
        {
          action: 'boxes.open',
          label: { en: 'Open' },
          description: { en: 'Open a box' },
          roles: ['admin', 'editor', 'viewer'],
          resourceType: 'box',
        },
      ],
    });
    const key = registered.client!.key;
    assert.equal((await put(orgId, `${slug}:box`, 'b1', { name: 'B1' }, key)).status, 201, "the service's key writes its new type");
    const rows = await svc.gatehouse.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_resource_access WHERE org_id = $1 AND user_id = $2 AND type = $3 AND all_resources`,
      [orgId, viewer.userId, `${slug}:box`],
    );
    assert.equal(rows[0]!.n, 1, 'one row of all for the member who was there before the type (one mechanism, no duplicate)');
    const q = { userId: viewer.userId, organizationId: orgId, permission: `${slug}:boxes.open` };
    assert.equal(
      (await check({ ...q, resource: { type: `${slug}:box`, externalId: 'b1' } }, key)).reason,
      'granted',
      'all of the new type',
    );
    assert.equal((await check({ ...q, deviceId: 'dev_nothere' }, key)).reason, 'unknown_device', 'a device of none');
  });
});
