// Delegated administration (issue 13, items 2, 3, 12 and the role names of 14): nobody hands on
// more than they hold. Device access like roles (authz/delegation.ts), invitations that are worth
// what their inviter could grant when they are accepted, revoke and resend under the role rule with
// the original delivery, and role names that cannot pass for a built-in role.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { addMember, signUpAndLogin, startTestService, uniqueEmail, type SignedUpUser, type TestService } from '../support/service.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

const domain = () => `${randomUUID().slice(0, 8)}.example`;
const as = (u: SignedUpUser) => ({ token: u.token });

async function createRole(admin: SignedUpUser, permissions: string[], name = `Role ${randomUUID().slice(0, 6)}`) {
  const r = await svc.request('POST', `/orgs/${admin.activeOrganizationId}/roles`, { name, permissions }, as(admin));
  assert.equal(r.status, 201, `role created: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

async function addDevice(admin: SignedUpUser, orgId = admin.activeOrganizationId) {
  const r = await svc.request(
    'POST',
    `/orgs/${orgId}/devices`,
    { uuid: randomUUID(), name: `Device ${randomUUID().slice(0, 4)}` },
    as(admin),
  );
  assert.equal(r.status, 201, `device added: ${JSON.stringify(r.body)}`);
  return r.body.device?.id ?? r.body.id;
}

const setAccess = (actor: SignedUpUser, orgId: string, userId: string, body: { allDevices: boolean; deviceIds: string[] }) =>
  svc.request('PUT', `/orgs/${orgId}/members/${userId}/device-access`, body, as(actor));
const getAccess = async (admin: SignedUpUser, orgId: string, userId: string) =>
  (await svc.request('GET', `/orgs/${orgId}/members/${userId}/device-access`, undefined, as(admin))).body;

/** An organization whose Admin has a custom "device manager" role holder with device 1 of 2. */
async function deviceManagerSetup() {
  const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', domain()) });
  const orgId = admin.activeOrganizationId;
  const role = await createRole(admin, [
    'user-management:access',
    'user-management:users.device-access',
    'user-management:users.invite',
    'device-management:access',
    'device-management:devices.view',
  ]);
  const manager = await signUpAndLogin(svc, { email: uniqueEmail('manager', domain()) });
  await addMember(svc, orgId, manager.userId, role);
  const colleague = await signUpAndLogin(svc);
  await addMember(svc, orgId, colleague.userId, role);
  const [mine, other] = [await addDevice(admin), await addDevice(admin)];
  assert.equal(
    (await setAccess(admin, orgId, manager.userId, { allDevices: false, deviceIds: [mine] })).status,
    200,
    'the Admin gives the manager one device',
  );
  return { admin, orgId, role, manager, colleague, mine, other };
}

describe('device access is delegated like roles (item 2)', () => {
  test('a non-Admin cannot widen their own device access, nor grant all devices or a device they do not reach', async () => {
    const { admin, orgId, manager, colleague, mine, other } = await deviceManagerSetup();
    const own = await setAccess(manager, orgId, manager.userId, { allDevices: true, deviceIds: [] });
    assert.equal(own.status, 403, 'a non-Admin may not change their own device access');
    assert.equal(own.body.code, 'authz.device_escalation', 'the device rule answers');
    const ownNarrow = await setAccess(manager, orgId, manager.userId, { allDevices: false, deviceIds: [mine, other] });
    assert.equal(ownNarrow.body.code, 'authz.device_escalation', 'nor add a device to their own set');
    const all = await setAccess(manager, orgId, colleague.userId, { allDevices: true, deviceIds: [] });
    assert.equal(all.status, 403, 'all devices only from an Admin or someone with all devices');
    assert.equal(all.body.code, 'authz.device_escalation', 'all devices: the device rule answers');
    const beyond = await setAccess(manager, orgId, colleague.userId, { allDevices: false, deviceIds: [mine, other] });
    assert.equal(beyond.status, 403, 'a device the manager does not reach cannot be granted');
    assert.deepEqual(await getAccess(admin, orgId, colleague.userId), { allDevices: false, deviceIds: [] }, 'nothing was applied');
    assert.deepEqual(
      await getAccess(admin, orgId, manager.userId),
      { allDevices: false, deviceIds: [mine] },
      'the manager still has exactly their device',
    );

    const within = await setAccess(manager, orgId, colleague.userId, { allDevices: false, deviceIds: [mine] });
    assert.equal(within.status, 200, 'a device the manager reaches can be granted');
    // Keeping is not giving: a device the colleague already has (from the Admin) may stay in the set.
    assert.equal(
      (await setAccess(admin, orgId, colleague.userId, { allDevices: false, deviceIds: [mine, other] })).status,
      200,
      'the Admin grants both',
    );
    assert.equal(
      (await setAccess(manager, orgId, colleague.userId, { allDevices: false, deviceIds: [other] })).status,
      200,
      'the manager may narrow, keeping a device they cannot see',
    );
    assert.equal(
      (await setAccess(manager, orgId, colleague.userId, { allDevices: false, deviceIds: [] })).status,
      200,
      'and take everything away',
    );

    // Someone with all devices may grant all devices (they have it), and any device.
    assert.equal(
      (await setAccess(admin, orgId, manager.userId, { allDevices: true, deviceIds: [] })).status,
      200,
      'the Admin gives the manager all devices',
    );
    assert.equal(
      (await setAccess(manager, orgId, colleague.userId, { allDevices: true, deviceIds: [] })).status,
      200,
      'a member with all devices may grant all devices',
    );
    assert.equal(
      (await setAccess(admin, orgId, admin.userId, { allDevices: false, deviceIds: [] })).body.code,
      'member.admin_all_devices',
      'an Admin keeps every device',
    );
  });

  test("the same rule for invitations: no all devices, no device beyond the inviter's own", async () => {
    const { orgId, role, manager, mine, other } = await deviceManagerSetup();
    for (const [deviceAccess, what] of [
      [{ allDevices: true, deviceIds: [] }, 'all devices'],
      [{ allDevices: false, deviceIds: [mine, other] }, 'a device the inviter does not reach'],
    ] as const) {
      const r = await svc.request(
        'POST',
        `/orgs/${orgId}/invitations`,
        { email: uniqueEmail('invitee', domain()), roleId: role, deviceAccess },
        as(manager),
      );
      assert.equal(r.status, 403, `an invitation with ${what} is refused`);
      assert.equal(r.body.code, 'authz.device_escalation', `${what}: the device rule answers`);
    }
    const ok = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: uniqueEmail('invitee', domain()), roleId: role, deviceAccess: { allDevices: false, deviceIds: [mine] } },
      as(manager),
    );
    assert.equal(ok.status, 201, "an invitation with the inviter's own device is sent");
  });
});

describe('invitations are worth what their inviter can grant when accepted (item 3)', () => {
  async function invitedByRecruiter() {
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', domain()) });
    const orgId = admin.activeOrganizationId;
    const recruiterRole = await createRole(admin, ['user-management:access', 'user-management:users.invite', 'device-management:access']);
    const recruiter = await signUpAndLogin(svc, { email: uniqueEmail('recruiter', domain()) });
    await addMember(svc, orgId, recruiter.userId, recruiterRole);
    const invitee = await signUpAndLogin(svc, { email: uniqueEmail('invitee', domain()) });
    const sent = await svc.request('POST', `/orgs/${orgId}/invitations`, { email: invitee.email, roleId: recruiterRole }, as(recruiter));
    assert.equal(sent.status, 201, 'the recruiter invites with their own role');
    return {
      admin,
      orgId,
      recruiterRole,
      recruiter,
      invitee,
      invitationId: sent.body.invitation.id as string,
      link: sent.body.link as string,
    };
  }
  const accept = (invitee: SignedUpUser, id: string) => svc.request('POST', `/me/invitations/${id}/accept`, undefined, as(invitee));
  const isMember = async (orgId: string, userId: string) =>
    (
      await svc.gatehouse.db.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships WHERE org_id = $1 AND user_id = $2', [
        orgId,
        userId,
      ])
    )[0]!.n === 1;

  test('the inviter was removed: the invitation cannot be accepted (by id or by link), nothing is applied', async () => {
    const { admin, orgId, recruiter, invitee, invitationId, link } = await invitedByRecruiter();
    assert.equal(
      (await svc.request('DELETE', `/orgs/${orgId}/members/${recruiter.userId}`, undefined, as(admin))).status,
      204,
      'the Admin removes the recruiter',
    );
    const r = await accept(invitee, invitationId);
    assert.equal(r.status, 409, "a removed inviter's invitation is refused");
    assert.equal(r.body.code, 'invitation.inviter_lacks_authority', 'the refusal names the reason');
    const byLink = await svc.request('POST', '/invitations/accept', { token: new URL(link).searchParams.get('token') }, as(invitee));
    assert.equal(byLink.body.code, 'invitation.inviter_lacks_authority', 'by link too');
    assert.equal(await isMember(orgId, invitee.userId), false, 'no membership was made');
  });

  test('the inviter was demoted (or their role lost the permission): refused; promoted back, it can be accepted', async () => {
    const { admin, orgId, recruiterRole, recruiter, invitee, invitationId } = await invitedByRecruiter();
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${recruiter.userId}`, { roleId: 'viewer' }, as(admin))).status,
      200,
      'the Admin demotes the recruiter',
    );
    const r = await accept(invitee, invitationId);
    assert.equal(r.status, 409, "a demoted inviter's invitation is refused");
    assert.equal(r.body.code, 'invitation.inviter_lacks_authority', 'demotion: the refusal names the reason');
    assert.equal(await isMember(orgId, invitee.userId), false, 'no membership was made');

    // The rule is "could send it now": a role that keeps its name but not what the invitation grants.
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${recruiter.userId}`, { roleId: recruiterRole }, as(admin))).status,
      200,
      'promoted back',
    );
    const narrowed = await createRole(admin, ['user-management:access', 'user-management:users.invite']);
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${recruiter.userId}`, { roleId: narrowed }, as(admin))).status,
      200,
      'moved to a role without device-management:access',
    );
    assert.equal(
      (await accept(invitee, invitationId)).body.code,
      'invitation.inviter_lacks_authority',
      'the inviter no longer holds what the invited role holds',
    );
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${recruiter.userId}`, { roleId: recruiterRole }, as(admin))).status,
      200,
      'promoted back again',
    );
    const ok = await accept(invitee, invitationId);
    assert.equal(ok.status, 200, `accepted once the inviter could send it again: ${JSON.stringify(ok.body)}`);
    assert.equal(await isMember(orgId, invitee.userId), true, 'the membership is there');
  });

  test('the inviter lost the device they granted: refused', async () => {
    const { admin, orgId, role, manager, mine } = await deviceManagerSetup();
    const invitee = await signUpAndLogin(svc, { email: uniqueEmail('invitee', domain()) });
    const sent = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: invitee.email, roleId: role, deviceAccess: { allDevices: false, deviceIds: [mine] } },
      as(manager),
    );
    assert.equal(sent.status, 201, "invited with the manager's device");
    assert.equal(
      (await setAccess(admin, orgId, manager.userId, { allDevices: false, deviceIds: [] })).status,
      200,
      'the Admin takes the device away from the manager',
    );
    const r = await accept(invitee, sent.body.invitation.id);
    assert.equal(r.body.code, 'invitation.inviter_lacks_authority', "the device is no longer the inviter's to give");
  });
});

describe('an Admin invitation carries no device set into a later demotion', () => {
  test('invited as Admin with devices, accepted, demoted: no devices (as when a member is made Admin)', async () => {
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', domain()) });
    const orgId = admin.activeOrganizationId;
    const device = await addDevice(admin);
    const invitee = await signUpAndLogin(svc, { email: uniqueEmail('second', domain()) });
    const sent = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: invitee.email, roleId: 'admin', deviceAccess: { allDevices: false, deviceIds: [device] } },
      as(admin),
    );
    assert.equal(sent.status, 201, 'the Admin invites an Admin, naming a device');
    assert.equal(
      (await svc.request('POST', `/me/invitations/${sent.body.invitation.id}/accept`, undefined, as(invitee))).status,
      200,
      'accepted',
    );
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${invitee.userId}`, { roleId: 'viewer' }, as(admin))).status,
      200,
      'demoted to Viewer',
    );
    assert.deepEqual(
      await getAccess(admin, orgId, invitee.userId),
      { allDevices: false, deviceIds: [] },
      'the demoted Admin has no devices left over from the invitation',
    );
  });
});

describe('revoke and resend under the role rule, with the original delivery (item 12)', () => {
  test('a Recruiter cannot revoke or resend an Admin invitation', async () => {
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', domain()) });
    const orgId = admin.activeOrganizationId;
    const recruiterRole = await createRole(admin, ['user-management:access', 'user-management:users.invite']);
    const recruiter = await signUpAndLogin(svc);
    await addMember(svc, orgId, recruiter.userId, recruiterRole);
    const sent = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: uniqueEmail('boss', domain()), roleId: 'admin' },
      as(admin),
    );
    assert.equal(sent.status, 201, 'the Admin invites an Admin');
    const id = sent.body.invitation.id;
    const revoke = await svc.request('DELETE', `/orgs/${orgId}/invitations/${id}`, undefined, as(recruiter));
    assert.equal(revoke.status, 403, 'revoking an Admin invitation needs an Admin');
    assert.equal(revoke.body.code, 'authz.escalation', 'the role rule answers');
    const resend = await svc.request('POST', `/orgs/${orgId}/invitations/${id}/resend`, undefined, as(recruiter));
    assert.equal(resend.body.code, 'authz.escalation', 'and resending it');
    const list = (await svc.request('GET', `/orgs/${orgId}/invitations`, undefined, as(admin))).body.items;
    assert.equal(list.find((i: { id: string }) => i.id === id)?.status, 'pending', 'the invitation is still pending');
  });

  test('a resend by a member on another domain mails a mailed invitation again; the link is not shown to them', async () => {
    const d = domain();
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', d) });
    const orgId = admin.activeOrganizationId;
    const outsiderRole = await createRole(admin, ['user-management:access', 'user-management:users.invite']);
    const outsider = await signUpAndLogin(svc, { email: uniqueEmail('outsider', domain()) });
    await addMember(svc, orgId, outsider.userId, outsiderRole);
    const email = uniqueEmail('colleague', d);
    const sent = await svc.request('POST', `/orgs/${orgId}/invitations`, { email, roleId: outsiderRole }, as(admin));
    assert.equal(sent.body.delivery, 'email', 'same domain as the Admin: mailed');
    const resend = await svc.request('POST', `/orgs/${orgId}/invitations/${sent.body.invitation.id}/resend`, undefined, as(outsider));
    assert.equal(resend.status, 200, `the outsider may resend it: ${JSON.stringify(resend.body)}`);
    assert.equal(resend.body.delivery, 'email', 'the original delivery stands');
    assert.equal(resend.body.link, undefined, 'the mailed link is not shown to the resender');
    await svc.flushMail();
    const mails = svc.smtp.mails.filter((m) => m.to.includes(email) && m.text.includes('/invitation?token='));
    assert.equal(mails.length, 2, 'the invitation was mailed twice: sent, then resent');
  });
});

describe('role names cannot pass for built-in roles (item 14)', () => {
  test('invisible characters and look-alikes of Admin, Editor, Viewer are refused; names are NFKC', async () => {
    const admin = await signUpAndLogin(svc);
    const orgId = admin.activeOrganizationId;
    const create = (name: string) => svc.request('POST', `/orgs/${orgId}/roles`, { name, permissions: [] }, as(admin));
    for (const name of [
      'Admin\u200b',
      '\u200bAdmin',
      'Ad\u200dmin',
      '\u202eAdmin',
      '\u2066Admin\u2069',
      'Admin\ufe0f',
      'Ed\u00aditor',
      '\u2060Viewer',
    ]) {
      const r = await create(name);
      assert.equal(r.status, 400, `${JSON.stringify(name)} is refused`);
      assert.equal(r.body.code, 'role.name_invisible', `${JSON.stringify(name)}: invisible`);
      assert.equal(r.body.errors?.[0]?.field, '/name', `${JSON.stringify(name)}: the problem is the name field's`);
    }
    for (const name of ['\u0410dmin', '\u0391dmin', 'ADMlN', 'Adrnin', '\u0410DMIN', '\u0395ditor', 'V\u0456ewer', 'vi\u0435wer']) {
      const r = await create(name);
      assert.equal(r.status, 409, `${JSON.stringify(name)} is refused`);
      assert.equal(r.body.code, 'role.name_confusable', `${JSON.stringify(name)}: confusable with a built-in role`);
    }
    const fullWidth = await create('\uff21\uff44\uff4d\uff49\uff4e');
    assert.equal(fullWidth.body.code, 'role.name_taken', 'full-width Admin is Admin after NFKC');
    const ok = await create('\uff30lant \uff4fperator');
    assert.equal(ok.status, 201, 'an ordinary name is accepted');
    assert.equal(ok.body.name, 'Plant operator', 'stored as NFKC');
    for (const name of ['Administrators', 'Инженер', 'Café Editor'])
      assert.equal((await create(name)).status, 201, `${name} is an ordinary name`);
    const rename = await svc.request(
      'PATCH',
      `/orgs/${orgId}/roles/${ok.body.id}`,
      { name: '\u0412iewer'.replace('\u0412', 'V') + '\u200b' },
      as(admin),
    );
    assert.equal(rename.body.code, 'role.name_invisible', 'renaming follows the same rules');
    const rename2 = await svc.request('PATCH', `/orgs/${orgId}/roles/${ok.body.id}`, { name: '\u0415ditor' }, as(admin));
    assert.equal(rename2.body.code, 'role.name_confusable', 'renaming to a look-alike is refused');
  });
});
