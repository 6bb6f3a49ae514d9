// The audit log's promises (API.md, Audit log): append-only in the database itself; an
// organization's deletion is recorded and outlives it; the list filters by actor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { addMember, signUpAndLogin, signUpMany, startTestService, STRONG_PASSWORD, type TestService } from '../support/service.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

interface EventRow {
  action: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  details: unknown;
}
const eventsOf = (orgId: string, action: string) =>
  svc.gatehouse.db.query<EventRow>(
    `SELECT action, actor_id, target_type, target_id, before, details FROM audit_events WHERE org_id = $1 AND action = $2`,
    [orgId, action],
  );

describe('audit log', () => {
  test('the table refuses UPDATE and DELETE, whoever sends them, and keeps the event unchanged', async () => {
    const u = await signUpAndLogin(svc);
    const orgId = u.activeOrganizationId;
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}`, { name: 'Renamed for the audit' }, { token: u.token })).status,
      200,
      'a rename to audit',
    );
    const [before] = await svc.gatehouse.db.query<{ id: string; after: unknown }>(
      `SELECT id, after FROM audit_events WHERE org_id = $1 AND action = 'organization.renamed'`,
      [orgId],
    );
    assert.ok(before, 'the rename was recorded');
    await assert.rejects(
      svc.gatehouse.db.query(`UPDATE audit_events SET action = 'member.left' WHERE id = $1`, [before.id]),
      /append-only/,
      'UPDATE refused',
    );
    await assert.rejects(svc.gatehouse.db.query(`DELETE FROM audit_events WHERE id = $1`, [before.id]), /append-only/, 'DELETE refused');
    await assert.rejects(
      svc.gatehouse.db.query(`DELETE FROM audit_events WHERE org_id = $1`, [orgId]),
      /append-only/,
      'a DELETE of many rows refused too',
    );
    const [after] = await svc.gatehouse.db.query<{ id: string; action: string; after: unknown }>(
      `SELECT id, action, after FROM audit_events WHERE id = $1`,
      [before.id],
    );
    assert.deepEqual(after, { id: before.id, action: 'organization.renamed', after: before.after }, 'the event is as it was');
  });

  test('deleting an organization records organization.deleted (who, its name, how many members), and the event outlives it', async () => {
    const [admin, member] = await signUpMany(svc, 2);
    const created = await svc.request('POST', '/orgs', { name: 'Doomed plant' }, { token: admin!.token });
    assert.equal(created.status, 201, 'created');
    const orgId = created.body.id as string;
    await addMember(svc, orgId, member!.userId, 'viewer');
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}`, undefined, { token: admin!.token })).status, 204, 'deleted');
    assert.deepEqual(
      await eventsOf(orgId, 'organization.deleted'),
      [
        {
          action: 'organization.deleted',
          actor_id: admin!.userId,
          target_type: 'organization',
          target_id: orgId,
          before: { name: 'Doomed plant', memberCount: 2 },
          details: null,
        },
      ],
      'one event, by the Admin, naming the organization as it was',
    );
    assert.equal(
      (await eventsOf(orgId, 'organization.created')).length,
      1,
      'its earlier events are kept too (no foreign key to the organization)',
    );
  });

  test('deleting an account deletes its now-empty organization and records why', async () => {
    const u = await signUpAndLogin(svc);
    const orgId = u.activeOrganizationId;
    assert.equal((await svc.request('DELETE', '/me', { password: STRONG_PASSWORD }, { token: u.token })).status, 204, 'account deleted');
    const [event] = await eventsOf(orgId, 'organization.deleted');
    assert.deepEqual(
      event,
      {
        action: 'organization.deleted',
        actor_id: u.userId,
        target_type: 'organization',
        target_id: orgId,
        before: { name: "Test's organization", memberCount: 1 },
        details: { reason: 'account_deleted' },
      },
      'the organization deleted with the account',
    );
  });

  test("actorId filters the list to one member's changes; another actor's id gives none", async () => {
    const [admin, editorAdmin] = await signUpMany(svc, 2);
    const orgId = admin!.activeOrganizationId;
    await addMember(svc, orgId, editorAdmin!.userId, 'admin');
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}`, { name: 'By the first' }, { token: admin!.token })).status,
      200,
      'rename by the first',
    );
    assert.equal(
      (await svc.request('POST', `/orgs/${orgId}/roles`, { name: 'By the second', permissions: [] }, { token: editorAdmin!.token })).status,
      201,
      'a role by the second',
    );
    const list = async (query: string) => {
      const r = await svc.request('GET', `/orgs/${orgId}/audit-events${query}`, undefined, { token: admin!.token });
      assert.equal(r.status, 200, `GET audit-events${query}: ${r.raw.body}`);
      return (r.body.items as { action: string; actorId: string | null }[]).map(
        (e) => `${e.action} by ${e.actorId === admin!.userId ? 'first' : e.actorId === editorAdmin!.userId ? 'second' : e.actorId}`,
      );
    };
    assert.deepEqual(
      await list(`?actorId=${admin!.userId}`),
      ['organization.renamed by first', 'organization.created by first'],
      "the first Admin's changes, newest first",
    );
    assert.deepEqual(await list(`?actorId=${editorAdmin!.userId}`), ['role.created by second'], "the second Admin's");
    const stranger = await signUpAndLogin(svc);
    assert.deepEqual(await list(`?actorId=${stranger.userId}`), [], 'someone who changed nothing here');
    assert.deepEqual(
      await list(''),
      ['role.created by second', 'organization.renamed by first', 'organization.created by first'],
      'without the filter: everything',
    );
    const bad = await svc.request('GET', `/orgs/${orgId}/audit-events?actorId=not-an-id`, undefined, { token: admin!.token });
    assert.equal(bad.status, 400, 'a malformed actor id is a 400');
  });

  // Issue 14: the log forgot the names of removed members and deleted devices (it had only ids).
  test('names are recorded as they were at the event: the actor, a removed member, a deleted device, the devices of a grant', async () => {
    const [admin, mika] = await signUpMany(svc, 2, (i) =>
      i === 0 ? { firstName: 'Astrid', lastName: 'Audit' } : { firstName: 'Mika', lastName: 'Maier' },
    );
    const orgId = admin!.activeOrganizationId;
    const as = { token: admin!.token };
    await addMember(svc, orgId, mika!.userId, 'editor');
    const add = async (name: string) => {
      const r = await svc.request('POST', `/orgs/${orgId}/devices`, { uuid: randomUUID(), name }, as);
      assert.equal(r.status, 201, `device ${name}: ${r.raw.body}`);
      return r.body.device.id as string;
    };
    const press = await add('Press line PLC');
    const packaging = await add('Packaging EMpro');
    assert.equal(
      (
        await svc.request(
          'PUT',
          `/orgs/${orgId}/members/${mika!.userId}/device-access`,
          { allDevices: false, deviceIds: [press, packaging] },
          as,
        )
      ).status,
      200,
      'grant',
    );
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${mika!.userId}`, { roleId: 'viewer' }, as)).status,
      200,
      'role change',
    );
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/devices/${packaging}`, undefined, as)).status, 204, 'device deleted');
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/members/${mika!.userId}`, undefined, as)).status, 204, 'member removed');
    // Afterwards, the names change: the log keeps those of the time.
    assert.equal((await svc.request('PATCH', '/me', { firstName: 'Renamed' }, as)).status, 200, 'the Admin renames themself');
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/devices/${press}`, { name: 'Press line 2' }, as)).status,
      200,
      'the device renamed',
    );

    const r = await svc.request('GET', `/orgs/${orgId}/audit-events`, undefined, as);
    assert.equal(r.status, 200, r.raw.body);
    type View = {
      action: string;
      actor: { id: string; name: string | null; email: string | null } | null;
      target: { id: string; name: unknown; email: string | null };
      deviceNames: Record<string, unknown>;
    };
    const items = r.body.items as View[];
    const one = (action: string) => items.find((e) => e.action === action)!;
    const grant = one('member.device_access_changed');
    assert.deepEqual(grant.actor, { id: admin!.userId, name: 'Astrid Audit', email: admin!.email }, 'the actor as they were named then');
    assert.deepEqual([grant.target.name, grant.target.email], ['Mika Maier', mika!.email], 'the member, by name and e-mail');
    assert.deepEqual(
      grant.deviceNames,
      { [press]: 'Press line PLC', [packaging]: 'Packaging EMpro' },
      'the devices of the grant, named as they were',
    );
    assert.deepEqual(
      [one('member.removed').target.name, one('member.removed').target.email],
      ['Mika Maier', mika!.email],
      'a removed member keeps their name',
    );
    assert.equal(one('device.deleted').target.name, 'Packaging EMpro', 'a deleted device keeps its name');
    assert.equal(one('member.role_changed').target.name, 'Mika Maier', 'the member whose role changed');
    assert.equal(one('device.changed').actor!.name, 'Renamed Audit', 'a later event names the actor as they are then');
  });

  test('redaction covers the recorded names: a reader without access to a device sees neither its name nor its UUID, in any field', async () => {
    const [admin, reader] = await signUpMany(svc, 2);
    const orgId = admin!.activeOrganizationId;
    const as = { token: admin!.token };
    const role = await svc.request('POST', `/orgs/${orgId}/roles`, { name: 'People only', permissions: ['user-management:access'] }, as);
    assert.equal(role.status, 201, role.raw.body);
    await addMember(svc, orgId, reader!.userId, role.body.id);
    const uuid = randomUUID();
    const device = await svc.request('POST', `/orgs/${orgId}/devices`, { uuid, name: 'Vault controller' }, as);
    assert.equal(device.status, 201, device.raw.body);
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}/devices/${device.body.device.id}`, undefined, as)).status, 204, 'deleted');
    assert.equal(
      (
        await svc.request(
          'PUT',
          `/orgs/${orgId}/billing`,
          {
            companyName: 'Vault AG',
            street: 'Safe Lane 1',
            postalCode: '1010',
            city: 'Wien',
            country: 'AT',
            billingEmail: 'pay@vault.example',
          },
          as,
        )
      ).status,
      200,
      'billing',
    );
    const r = await svc.request('GET', `/orgs/${orgId}/audit-events`, undefined, { token: reader!.token });
    assert.equal(r.status, 200, r.raw.body);
    for (const s of ['Vault controller', uuid, 'Vault AG', 'Safe Lane', 'pay@vault.example'])
      assert.equal(r.raw.body.includes(s), false, `hidden from the reader: ${s}`);
    const deleted = (r.body.items as { action: string; target: { name: unknown }; before: unknown; redacted: boolean }[]).find(
      (e) => e.action === 'device.deleted',
    )!;
    assert.deepEqual(
      [deleted.target.name, deleted.before, deleted.redacted],
      [{ redacted: true }, { uuid: { redacted: true }, name: { redacted: true } }, true],
      'the deleted device: marked hidden',
    );
    const admins = await svc.request('GET', `/orgs/${orgId}/audit-events`, undefined, as);
    for (const s of ['Vault controller', uuid, 'Vault AG']) assert.ok(admins.raw.body.includes(s), `the Admin sees ${s}`);
  });
});
