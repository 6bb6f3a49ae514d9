// An organization that requires a second factor: only an Admin with a factor turns it on; members
// whose session has none get 403 `auth.mfa_required` on its routes until they enrol (which
// upgrades the session) or sign in with one; `/authz/check` answers `mfa_required` for members
// without any factor, and follows enrolment and removal at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, signUpAndLogin, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { alignToStep, codeNow, STEP_MS } from '../support/totp.js';

let svc: TestService;
let serviceKey: string;
before(async () => {
  svc = await startTestService();
  serviceKey = (await svc.gatehouse.core.serviceClients.create('mfa-policy-tests')).key;
});
after(async () => {
  await svc?.close();
});

/** Enrols an authenticator app through the user's session (which then counts as two-factor). */
async function enrolTotp(u: SignedUpUser) {
  alignToStep(svc);
  const start = await svc.request('POST', '/me/mfa/totp', undefined, { token: u.token });
  const confirm = await svc.request('POST', '/me/mfa/totp/confirm', { code: codeNow(svc, start.body.secret) }, { token: u.token });
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  svc.clock.advance(STEP_MS);
  return start.body.secret as string;
}

const check = async (userId: string, orgId: string) => {
  const r = await svc.request(
    'POST',
    '/authz/check',
    { userId, organizationId: orgId, permission: 'device-management:access' },
    { token: serviceKey },
  );
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // Every answer carries the organization's revision (tested where revisions are); the decision is compared here.
  const { allowed, reason, revision } = r.body as { allowed: boolean; reason: string; revision: number };
  assert.ok(Number.isInteger(revision), `a revision: ${JSON.stringify(r.body)}`);
  return { allowed, reason };
};

describe('requiring a second factor of an organization', () => {
  test('only an Admin with a factor of their own turns it on; Admins see how many members lack one', async () => {
    const admin = await signUpAndLogin(svc);
    const orgId = admin.activeOrganizationId;
    const viewer = await signUpAndLogin(svc);
    await addMember(svc, orgId, viewer.userId, 'viewer');
    const editor = await signUpAndLogin(svc);
    await addMember(svc, orgId, editor.userId, 'editor');

    const without = await svc.request('PATCH', `/orgs/${orgId}`, { requireMfa: true }, { token: admin.token });
    assert.equal(without.status, 409, 'an Admin without a factor cannot require one');
    assert.equal(without.body.code, 'organization.mfa_admin_without_factor');
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}`, { requireMfa: true }, { token: editor.token })).status,
      403,
      'not an Editor',
    );
    assert.equal((await svc.request('PATCH', `/orgs/${orgId}`, {}, { token: admin.token })).status, 400, 'an empty change is refused');

    await enrolTotp(admin);
    const on = await svc.request('PATCH', `/orgs/${orgId}`, { requireMfa: true }, { token: admin.token });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.equal(on.body.requireMfa, true);
    assert.equal(on.body.membersWithoutMfa, 2, 'the Viewer and the Editor have no factor');
    const audit = await svc.request('GET', `/orgs/${orgId}/audit-events?action=organization.mfa_policy_changed`, undefined, {
      token: admin.token,
    });
    assert.deepEqual(audit.body.items[0]?.after, { requireMfa: true }, 'audited');

    // The Viewer is held: every route of the organization answers mfa_required, and nothing else.
    const held = await svc.request('GET', `/orgs/${orgId}`, undefined, { token: viewer.token });
    assert.equal(held.status, 403);
    assert.equal(held.body.code, 'auth.mfa_required');
    assert.equal((await svc.request('GET', `/orgs/${orgId}/members`, undefined, { token: viewer.token })).body.code, 'auth.mfa_required');
    assert.equal((await svc.request('GET', '/me', undefined, { token: viewer.token })).status, 200, 'their own account stays open');
    assert.deepEqual(await check(viewer.userId, orgId), { allowed: false, reason: 'mfa_required' }, '/authz/check refuses them too');
    assert.deepEqual(await check(admin.userId, orgId), { allowed: true, reason: 'granted' }, 'the Admin has a factor');

    // Enrolling through this session upgrades it: the organization opens at once, and so does the check.
    await enrolTotp(viewer);
    assert.equal((await svc.request('GET', `/orgs/${orgId}`, undefined, { token: viewer.token })).status, 200, 'open after enrolment');
    assert.deepEqual(await check(viewer.userId, orgId), { allowed: true, reason: 'granted' }, 'the index follows the enrolment');
    const view = await svc.request('GET', `/orgs/${orgId}`, undefined, { token: viewer.token });
    assert.equal(view.body.membersWithoutMfa, undefined, 'the count is for Admins only');
    assert.equal((await svc.request('GET', `/orgs/${orgId}`, undefined, { token: admin.token })).body.membersWithoutMfa, 1);
  });

  test('a session signed in without the factor is held even when the member has one; removing the last factor closes the check', async () => {
    const admin = await signUpAndLogin(svc);
    const orgId = admin.activeOrganizationId;
    const secret = await enrolTotp(admin);
    const member = await signUpAndLogin(svc);
    await addMember(svc, orgId, member.userId, 'viewer');
    const memberSecret = await enrolTotp(member);
    // A session from before the enrolment, signed in with the password alone.
    const oldSession = member.token;
    const fresh = await svc.request('POST', '/auth/login', { email: member.email, password: member.password });
    const twoFactor = await svc.request('POST', '/auth/login/mfa', { mfaToken: fresh.body.mfaToken, code: codeNow(svc, memberSecret) });
    assert.equal(twoFactor.status, 200);
    svc.clock.advance(STEP_MS);
    const passwordOnly = await signUpAndLogin(svc);
    await addMember(svc, orgId, passwordOnly.userId, 'viewer');

    assert.equal((await svc.request('PATCH', `/orgs/${orgId}`, { requireMfa: true }, { token: admin.token })).status, 200);
    assert.equal(
      (await svc.request('GET', `/orgs/${orgId}`, undefined, { token: twoFactor.body.token })).status,
      200,
      'a two-factor session',
    );
    // The enrolment upgraded the session it happened in, so the pre-policy session of `member` is two-factor.
    assert.equal((await svc.request('GET', `/orgs/${orgId}`, undefined, { token: oldSession })).status, 200);
    assert.equal(
      (await svc.request('GET', `/orgs/${orgId}`, undefined, { token: passwordOnly.token })).body.code,
      'auth.mfa_required',
      'a password-only session is held',
    );

    const off = await svc.request(
      'DELETE',
      '/me/mfa/totp',
      { password: member.password, code: codeNow(svc, memberSecret) },
      { token: twoFactor.body.token },
    );
    assert.equal(off.status, 204, JSON.stringify(off.body));
    assert.deepEqual(await check(member.userId, orgId), { allowed: false, reason: 'mfa_required' }, 'no factor left: refused');

    const policyOff = await svc.request('PATCH', `/orgs/${orgId}`, { requireMfa: false }, { token: admin.token });
    assert.equal(policyOff.status, 200);
    assert.equal(policyOff.body.requireMfa, false);
    assert.deepEqual(await check(member.userId, orgId), { allowed: true, reason: 'granted' }, 'the policy is off');
    assert.equal((await svc.request('GET', `/orgs/${orgId}`, undefined, { token: passwordOnly.token })).status, 200);
    assert.ok(secret, 'the Admin kept their factor throughout');
  });
});
