// The audit log's promises (API.md, Audit log): append-only in the database itself; an
// organization's deletion is recorded and outlives it; the list filters by actor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, signUpAndLogin, signUpMany, startTestService, STRONG_PASSWORD, type TestService } from '../support/service.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

interface EventRow { action: string; actor_id: string | null; target_type: string | null; target_id: string | null; before: unknown; details: unknown }
const eventsOf = (orgId: string, action: string) => svc.gatehouse.db.query<EventRow>(
  `SELECT action, actor_id, target_type, target_id, before, details FROM audit_events WHERE org_id = $1 AND action = $2`, [orgId, action]);

describe('audit log', () => {
  test('the table refuses UPDATE and DELETE, whoever sends them, and keeps the event unchanged', async () => {
    const u = await signUpAndLogin(svc);
    const orgId = u.activeOrganizationId;
    assert.equal((await svc.request('PATCH', `/orgs/${orgId}`, { name: 'Renamed for the audit' }, { token: u.token })).status, 200, 'a rename to audit');
    const [before] = await svc.gatehouse.db.query<{ id: string; after: unknown }>(`SELECT id, after FROM audit_events WHERE org_id = $1 AND action = 'organization.renamed'`, [orgId]);
    assert.ok(before, 'the rename was recorded');
    await assert.rejects(svc.gatehouse.db.query(`UPDATE audit_events SET action = 'member.left' WHERE id = $1`, [before.id]), /append-only/, 'UPDATE refused');
    await assert.rejects(svc.gatehouse.db.query(`DELETE FROM audit_events WHERE id = $1`, [before.id]), /append-only/, 'DELETE refused');
    await assert.rejects(svc.gatehouse.db.query(`DELETE FROM audit_events WHERE org_id = $1`, [orgId]), /append-only/, 'a DELETE of many rows refused too');
    const [after] = await svc.gatehouse.db.query<{ id: string; action: string; after: unknown }>(`SELECT id, action, after FROM audit_events WHERE id = $1`, [before.id]);
    assert.deepEqual(after, { id: before.id, action: 'organization.renamed', after: before.after }, 'the event is as it was');
  });

  test('deleting an organization records organization.deleted (who, its name, how many members), and the event outlives it', async () => {
    const [admin, member] = await signUpMany(svc, 2);
    const created = await svc.request('POST', '/orgs', { name: 'Doomed plant' }, { token: admin!.token });
    assert.equal(created.status, 201, 'created');
    const orgId = created.body.id as string;
    await addMember(svc, orgId, member!.userId, 'viewer');
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}`, undefined, { token: admin!.token })).status, 204, 'deleted');
    assert.deepEqual(await eventsOf(orgId, 'organization.deleted'), [{
      action: 'organization.deleted', actor_id: admin!.userId, target_type: 'organization', target_id: orgId,
      before: { name: 'Doomed plant', memberCount: 2 }, details: null,
    }], 'one event, by the Admin, naming the organization as it was');
    assert.equal((await eventsOf(orgId, 'organization.created')).length, 1, 'its earlier events are kept too (no foreign key to the organization)');
  });

  test('deleting an account deletes its now-empty organization and records why', async () => {
    const u = await signUpAndLogin(svc);
    const orgId = u.activeOrganizationId;
    assert.equal((await svc.request('DELETE', '/me', { password: STRONG_PASSWORD }, { token: u.token })).status, 204, 'account deleted');
    const [event] = await eventsOf(orgId, 'organization.deleted');
    assert.deepEqual(event, {
      action: 'organization.deleted', actor_id: u.userId, target_type: 'organization', target_id: orgId,
      before: { name: "Test's organization", memberCount: 1 }, details: { reason: 'account_deleted' },
    }, 'the organization deleted with the account');
  });

  test('actorId filters the list to one member\'s changes; another actor\'s id gives none', async () => {
    const [admin, editorAdmin] = await signUpMany(svc, 2);
    const orgId = admin!.activeOrganizationId;
    await addMember(svc, orgId, editorAdmin!.userId, 'admin');
    assert.equal((await svc.request('PATCH', `/orgs/${orgId}`, { name: 'By the first' }, { token: admin!.token })).status, 200, 'rename by the first');
    assert.equal((await svc.request('POST', `/orgs/${orgId}/roles`, { name: 'By the second', permissions: [] }, { token: editorAdmin!.token })).status, 201, 'a role by the second');
    const list = async (query: string) => {
      const r = await svc.request('GET', `/orgs/${orgId}/audit-events${query}`, undefined, { token: admin!.token });
      assert.equal(r.status, 200, `GET audit-events${query}: ${r.raw.body}`);
      return (r.body.items as { action: string; actorId: string | null }[]).map((e) => `${e.action} by ${e.actorId === admin!.userId ? 'first' : e.actorId === editorAdmin!.userId ? 'second' : e.actorId}`);
    };
    assert.deepEqual(await list(`?actorId=${admin!.userId}`), ['organization.renamed by first', 'organization.created by first'], 'the first Admin\'s changes, newest first');
    assert.deepEqual(await list(`?actorId=${editorAdmin!.userId}`), ['role.created by second'], 'the second Admin\'s');
    const stranger = await signUpAndLogin(svc);
    assert.deepEqual(await list(`?actorId=${stranger.userId}`), [], 'someone who changed nothing here');
    assert.deepEqual(await list(''), ['role.created by second', 'organization.renamed by first', 'organization.created by first'], 'without the filter: everything');
    const bad = await svc.request('GET', `/orgs/${orgId}/audit-events?actorId=not-an-id`, undefined, { token: admin!.token });
    assert.equal(bad.status, 400, 'a malformed actor id is a 400');
  });
});
