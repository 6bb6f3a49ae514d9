import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestService, signUpAndLogin, uniqueEmail, STRONG_PASSWORD, type TestService } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

describe('sign-up, verification and login', () => {
  test('a newcomer signs up, confirms the mailed link, signs in and sees their own organization', async () => {
    const email = uniqueEmail('Newcomer');
    const signup = await svc.request('POST', '/auth/signup', {
      email: `  ${email.toUpperCase()} `,
      password: STRONG_PASSWORD,
      firstName: 'Nora',
      lastName: 'Neu',
    });
    assert.equal(signup.status, 202);
    assert.deepEqual(signup.body, { status: 'verification_sent' });

    const early = await svc.request('POST', '/auth/login', { email, password: STRONG_PASSWORD });
    assert.equal(early.status, 403);
    assert.equal(early.body.code, 'auth.email_not_verified');

    const mail = await svc.smtp.waitFor(email.toLowerCase());
    assert.equal(mail.subject, 'Confirm your e-mail address');
    assert.match(mail.html, /verify-email\?token=/);
    const verified = await svc.request('POST', '/auth/verify-email', { token: tokenFrom(mail, 'verify-email'), password: STRONG_PASSWORD });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.user.email, email.toLowerCase());
    assert.equal(verified.body.user.emailVerified, true);

    const login = await svc.request('POST', '/auth/login', { email, password: STRONG_PASSWORD });
    assert.equal(login.status, 200);
    assert.ok(login.body.token.length >= 43, 'expected login.body.token.length >= 43');
    assert.ok(
      Date.parse(login.body.expiresAt) > svc.clock.now().getTime(),
      `the session expires in the future of the service's clock: ${login.body.expiresAt}`,
    );
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /gatehouse_session=/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);

    const me = await svc.request('GET', '/me', undefined, { token: login.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.organizations.length, 1);
    assert.deepEqual(me.body.organizations[0].role, { id: 'admin', name: 'Admin' });
    assert.equal(me.body.organizations[0].name, "Nora's organization");
    assert.equal(me.body.activeOrganizationId, me.body.organizations[0].id);
    assert.equal(login.body.activeOrganizationId, me.body.organizations[0].id);
  });

  test('the session cookie authenticates reads, and writes only with our Origin', async () => {
    const u = await signUpAndLogin(svc);
    const login = await svc.request('POST', '/auth/login', { email: u.email, password: u.password });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    assert.equal((await svc.request('GET', '/me', undefined, { cookie })).status, 200);
    const noOrigin = await svc.request('PATCH', '/me', { firstName: 'X' }, { cookie, origin: null });
    assert.equal(noOrigin.status, 403);
    assert.equal(noOrigin.body.code, 'auth.csrf');
    const evil = await svc.request('PATCH', '/me', { firstName: 'X' }, { cookie, origin: 'https://evil.example' });
    assert.equal(evil.body.code, 'auth.csrf');
    const ok = await svc.request('PATCH', '/me', { firstName: 'Renamed' }, { cookie });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.firstName, 'Renamed');
    // Bearer requests are not exposed to CSRF and need no Origin.
    assert.equal((await svc.request('PATCH', '/me', { lastName: 'Bearer' }, { token: u.token, origin: null })).status, 200);
  });

  test('logout kills the session at once, for cookie and bearer alike', async () => {
    const u = await signUpAndLogin(svc);
    assert.equal((await svc.request('POST', '/auth/logout', undefined, { token: u.token })).status, 204);
    const after = await svc.request('GET', '/me', undefined, { token: u.token });
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'auth.unauthenticated');
  });

  test('resend-verification mails a fresh link and the older one dies', async () => {
    const email = uniqueEmail();
    await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'R', lastName: 'S' });
    const first = tokenFrom(await svc.smtp.waitFor(email), 'verify-email');
    assert.equal((await svc.request('POST', '/auth/resend-verification', { email })).status, 202);
    const second = tokenFrom(await svc.smtp.waitFor(email, (m) => !m.text.includes(first)), 'verify-email');
    assert.notEqual(first, second);
    assert.equal((await svc.request('POST', '/auth/verify-email', { token: first, password: STRONG_PASSWORD })).body.code, 'token.invalid');
    assert.equal((await svc.request('POST', '/auth/verify-email', { token: second, password: STRONG_PASSWORD })).status, 200);
  });
});

describe('passwords', () => {
  test('reset by mail: new password works, old one and every session are dead, a notice is mailed', async () => {
    const u = await signUpAndLogin(svc);
    assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email })).status, 202);
    const token = tokenFrom(await svc.smtp.waitFor(u.email, (m) => m.subject === 'Reset your password'), 'reset-password');
    const weak = await svc.request('POST', '/auth/password-reset/confirm', { token, password: 'short' });
    assert.equal(weak.body.code, 'password.too_weak');
    const newPassword = 'Another-Long-Secret-77';
    assert.equal((await svc.request('POST', '/auth/password-reset/confirm', { token, password: newPassword })).status, 204);
    assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 401);
    assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 401);
    assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: newPassword })).status, 200);
    await svc.smtp.waitFor(u.email, (m) => m.subject === 'Your password was changed');
    const reused = await svc.request('POST', '/auth/password-reset/confirm', { token, password: 'Yet-Another-Secret-88' });
    assert.equal(reused.body.code, 'token.invalid');
  });

  test('change password: wrong current password refused; other sessions end, this one stays', async () => {
    const u = await signUpAndLogin(svc);
    const other = (await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).body.token;
    const wrong = await svc.request(
      'PUT',
      '/me/password',
      { currentPassword: 'Not-The-Password-1', newPassword: 'Brand-New-Secret-99' },
      { token: u.token },
    );
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.code, 'auth.wrong_password');
    const ok = await svc.request(
      'PUT',
      '/me/password',
      { currentPassword: u.password, newPassword: 'Brand-New-Secret-99' },
      { token: u.token },
    );
    assert.equal(ok.status, 204);
    assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 200);
    assert.equal((await svc.request('GET', '/me', undefined, { token: other })).status, 401);
  });
});

describe('e-mail change', () => {
  test('request signs out everywhere; the new address confirms; the old one gets a notice', async () => {
    const u = await signUpAndLogin(svc, { firstName: 'Emil' });
    const newEmail = uniqueEmail('moved');
    const req = await svc.request('POST', '/me/email-change', { newEmail, password: u.password }, { token: u.token });
    assert.equal(req.status, 202);
    assert.equal((await svc.request('GET', '/me', undefined, { token: u.token })).status, 401);
    const token = tokenFrom(await svc.smtp.waitFor(newEmail), 'confirm-email-change');
    // Until confirmed, the old address still signs in.
    assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 200);
    const confirmed = await svc.request('POST', '/auth/confirm-email-change', { token });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.user.email, newEmail);
    await svc.smtp.waitFor(u.email, (m) => m.subject === 'Your e-mail address was changed' && m.text.includes(newEmail));
    assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 401);
    assert.equal((await svc.request('POST', '/auth/login', { email: newEmail, password: u.password })).status, 200);
    // The link was single-use.
    assert.equal((await svc.request('POST', '/auth/confirm-email-change', { token })).body.code, 'token.invalid');
  });

  test('moving to an address that has an account tells its owner, not the requester', async () => {
    const a = await signUpAndLogin(svc);
    const b = await signUpAndLogin(svc);
    const res = await svc.request('POST', '/me/email-change', { newEmail: b.email, password: a.password }, { token: a.token });
    assert.equal(res.status, 202);
    const notice = await svc.smtp.waitFor(b.email, (m) => m.subject === 'Someone tried to use your e-mail address');
    assert.doesNotMatch(notice.text, /token=/);
    const same = await svc.request(
      'POST',
      '/me/email-change',
      { newEmail: b.email.toUpperCase(), password: b.password },
      { token: b.token },
    );
    assert.equal(same.body.code, 'account.same_email');
  });
});

describe('profile, active organization and account deletion', () => {
  test('PATCH /me changes names only; the active organization is switchable among own memberships', async () => {
    const u = await signUpAndLogin(svc);
    const renamed = await svc.request('PATCH', '/me', { firstName: 'Ada', lastName: 'Lovelace' }, { token: u.token });
    assert.deepEqual([renamed.body.user.firstName, renamed.body.user.lastName], ['Ada', 'Lovelace']);
    const stranger = await signUpAndLogin(svc);
    const foreign = await svc.request(
      'PUT',
      '/me/active-organization',
      { organizationId: stranger.activeOrganizationId },
      { token: u.token },
    );
    assert.equal(foreign.status, 404);
    const unknown = await svc.request('PUT', '/me/active-organization', { organizationId: 'org_doesnotexist' }, { token: u.token });
    assert.deepEqual({ ...foreign.body, requestId: '' }, { ...unknown.body, requestId: '' });
    const own = await svc.request('PUT', '/me/active-organization', { organizationId: u.activeOrganizationId }, { token: u.token });
    assert.equal(own.status, 200);
    assert.equal(own.body.activeOrganizationId, u.activeOrganizationId);
  });

  test('deleting an account removes the user and their now-empty organization', async () => {
    const u = await signUpAndLogin(svc);
    const wrong = await svc.request('DELETE', '/me', { password: 'Wrong-Password-123' }, { token: u.token });
    assert.equal(wrong.body.code, 'auth.wrong_password');
    assert.equal((await svc.request('DELETE', '/me', { password: u.password }, { token: u.token })).status, 204);
    assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 401);
    const rows = await svc.gatehouse.db.query('SELECT 1 FROM organizations WHERE id = $1', [u.activeOrganizationId]);
    assert.equal(rows.length, 0);
  });

  test('the only Admin of an organization with other members cannot delete the account', async () => {
    const admin = await signUpAndLogin(svc);
    const member = await signUpAndLogin(svc);
    await svc.gatehouse.db.query(`INSERT INTO memberships (org_id, user_id, role_id, joined_at) VALUES ($1, $2, 'viewer', now())`, [
      admin.activeOrganizationId,
      member.userId,
    ]);
    const res = await svc.request('DELETE', '/me', { password: admin.password }, { token: admin.token });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'member.last_admin');
    assert.equal((await svc.request('GET', '/me', undefined, { token: admin.token })).status, 200);
    // The member may leave the platform: the organization keeps its Admin.
    assert.equal((await svc.request('DELETE', '/me', { password: member.password }, { token: member.token })).status, 204);
  });
});

describe('permission catalog', () => {
  test('GET /permissions serves the catalog to signed-in users only', async () => {
    assert.equal((await svc.request('GET', '/permissions')).status, 401);
    const u = await signUpAndLogin(svc);
    const res = await svc.request('GET', '/permissions', undefined, { token: u.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 60);
    assert.deepEqual(
      res.body.find((p: { key: string }) => p.key === 'user-management:users.remove'),
      {
        key: 'user-management:users.remove',
        service: 'user-management',
        label: { en: 'Remove User', de: 'Benutzer entfernen' },
        description: {
          en: "The user can remove a user from the active organization and thus revoke the user's access to the organization",
          de: 'Kann Benutzer aus der aktiven Organisation entfernen und ihnen so den Zugang zur Organisation entziehen.',
        },
        resourceType: null,
        deviceScoped: false,
      },
      'the label and description in English and German',
    );
  });
});
