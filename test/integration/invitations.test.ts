import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  addMember,
  signUpAndLogin,
  startTestService,
  STRONG_PASSWORD,
  uniqueEmail,
  type SignedUpUser,
  type TestService,
} from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';

let svc: TestService;
before(async () => {
  svc = await startTestService({ INVITATIONS_PER_ORG_PER_HOUR: '8', MAILS_PER_RECIPIENT_PER_HOUR: '3' });
});
after(async () => {
  await svc?.close();
});

const domain = () => `${randomUUID().slice(0, 8)}.example`;
/** An Admin whose domain nobody else has: every invitation from them is delivered as a link. */
const linkAdmin = () => signUpAndLogin(svc, { email: uniqueEmail('admin', domain()) });
const invite = (admin: SignedUpUser, body: Record<string, unknown>, orgId = admin.activeOrganizationId) =>
  svc.request('POST', `/orgs/${orgId}/invitations`, body, { token: admin.token });
const tokenOfLink = (link: string) => new URL(link).searchParams.get('token')!;
const memberCount = async (orgId: string, userId: string) =>
  (
    await svc.gatehouse.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE org_id = $1 AND user_id = $2`, [
      orgId,
      userId,
    ])
  )[0]!.n;

describe('invitations', () => {
  test('same domain: the invitation is mailed (no link shown); a newcomer signs up with the token and is a member once verified', async () => {
    const d = domain();
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', d), firstName: 'Ada', lastName: 'Admin' });
    const email = uniqueEmail('newcomer', d.toUpperCase());
    const created = await invite(admin, { email, roleId: 'editor', message: 'Welcome to the\nplant team!' });
    assert.equal(created.status, 201);
    assert.equal(created.body.delivery, 'email');
    assert.equal(created.body.link, undefined, 'a mailed link is never shown to the Admin');
    assert.equal(created.body.invitation.email, email.toLowerCase());
    assert.equal(created.body.invitation.status, 'pending');

    const mail = await svc.smtp.waitFor(email.toLowerCase(), (m) => m.text.includes('/invitation?token='));
    assert.match(mail.subject, /Ada Admin invited you to Ada's organization/);
    assert.match(mail.text, /Welcome to the\nplant team!/);
    assert.match(mail.text, /as Editor/);
    const token = tokenFrom(mail, 'invitation');

    const preview = await svc.request('GET', `/invitations/preview?token=${token}`);
    // The inviter's message and the link's expiry reach whoever opens the link, mailed or passed on.
    assert.deepEqual(
      preview.body,
      {
        organization: { name: "Ada's organization" },
        invitedBy: { firstName: 'Ada', lastName: 'Admin' },
        role: { name: 'Editor' },
        email: email.toLowerCase(),
        status: 'pending',
        message: 'Welcome to the\nplant team!',
        expiresAt: created.body.invitation.expiresAt,
      },
      'the preview names who invites to what, with the message and until when the link works',
    );
    assert.ok(
      Date.parse(preview.body.expiresAt) > Date.parse(created.body.invitation.createdAt),
      'an invitation expires after it was made (INVITATION_TTL)',
    );

    // The newcomer path: sign up with the token, verify, and the membership is there.
    assert.equal(
      (
        await svc.request('POST', '/auth/signup', {
          email,
          password: STRONG_PASSWORD,
          firstName: 'Nina',
          lastName: 'Neu',
          invitationToken: token,
        })
      ).status,
      202,
    );
    const verify = await svc.smtp.waitFor(email.toLowerCase(), (m) => m.text.includes('/verify-email?token='));
    assert.equal(
      (await svc.request('POST', '/auth/verify-email', { token: tokenFrom(verify, 'verify-email'), password: STRONG_PASSWORD })).status,
      200,
    );
    const login = await svc.request('POST', '/auth/login', { email, password: STRONG_PASSWORD });
    const me = (await svc.request('GET', '/me', undefined, { token: login.body.token })).body;
    const joined = me.organizations.find((o: { id: string }) => o.id === admin.activeOrganizationId);
    assert.deepEqual(joined?.role, { id: 'editor', name: 'Editor' });
    assert.equal(me.organizations.length, 2, 'her own organization and the one she was invited to');

    const members = (await svc.request('GET', `/orgs/${admin.activeOrganizationId}/members?q=nina`, undefined, { token: admin.token })).body
      .items;
    assert.deepEqual(members[0].invitedBy, { userId: admin.userId, firstName: 'Ada', lastName: 'Admin' });
    const again = await svc.request('POST', '/invitations/accept', { token }, { token: login.body.token });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'invitation.not_pending');
    const events = (await svc.request('GET', `/orgs/${admin.activeOrganizationId}/audit-events`, undefined, { token: admin.token })).body
      .items;
    const createdEvent = events.find((e: { action: string }) => e.action === 'invitation.created');
    assert.deepEqual(createdEvent.details, { delivery: 'email', reason: 'same_domain' });
    assert.ok(
      events.some((e: { action: string }) => e.action === 'invitation.accepted'),
      "expected events.some((e: { action: string }) => e.action === 'invitation.accepted')",
    );
  });

  test('another domain: nothing is mailed, the Admin gets the link; only the invited, verified address can use it', async () => {
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', domain()) });
    const invitee = await signUpAndLogin(svc, { email: uniqueEmail('invitee', domain()) });
    const stranger = await signUpAndLogin(svc);
    const created = await invite(admin, { email: invitee.email, roleId: 'viewer' });
    assert.equal(created.body.delivery, 'link');
    assert.match(created.body.link, /^http:\/\/gatehouse\.test\/invitation\?token=[A-Za-z0-9_-]{43,}$/);
    await svc.flushMail();
    assert.equal(
      svc.smtp.mails.filter((m) => m.to.includes(invitee.email)).filter((m) => m.text.includes('/invitation?')).length,
      0,
      'nothing mailed',
    );
    const token = tokenOfLink(created.body.link);

    // The Admin saw the link: it does not let them (or anyone else) in.
    for (const wrong of [admin, stranger]) {
      const r = await svc.request('POST', '/invitations/accept', { token }, { token: wrong.token });
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'invitation.email_mismatch');
    }
    assert.equal((await svc.request('POST', '/invitations/accept', { token }, {})).status, 401);
    assert.equal(
      (
        await svc.request(
          'POST',
          '/invitations/accept',
          { token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` },
          { token: invitee.token },
        )
      ).body.code,
      'token.invalid',
    );

    // The existing user finds it in their own list and accepts it from there.
    const mine = (await svc.request('GET', '/me/invitations', undefined, { token: invitee.token })).body.items;
    assert.deepEqual(
      mine.map((i: { id: string }) => i.id),
      [created.body.invitation.id],
    );
    assert.equal(mine[0].organization.id, admin.activeOrganizationId);
    assert.equal(
      (await svc.request('POST', `/me/invitations/${created.body.invitation.id}/accept`, undefined, { token: stranger.token })).status,
      404,
    );
    const accepted = await svc.request('POST', `/me/invitations/${created.body.invitation.id}/accept`, undefined, { token: invitee.token });
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.body, { organizationId: admin.activeOrganizationId, role: { id: 'viewer', name: 'Viewer' } });
    assert.equal(await memberCount(admin.activeOrganizationId, invitee.userId), 1);
    const event = (
      await svc.request('GET', `/orgs/${admin.activeOrganizationId}/audit-events?action=invitation.created`, undefined, {
        token: admin.token,
      })
    ).body.items[0];
    assert.deepEqual(event.details, { delivery: 'link', reason: 'other_domain' });
  });

  test('lifecycle: one pending per address, inviting a member, resend kills the old link, revoke, decline, expiry', async () => {
    const admin = await linkAdmin();
    const orgId = admin.activeOrganizationId;
    const member = await signUpAndLogin(svc);
    await addMember(svc, orgId, member.userId, 'viewer');
    assert.equal((await invite(admin, { email: member.email.toUpperCase(), roleId: 'viewer' })).body.code, 'invitation.already_member');

    const invitee = await signUpAndLogin(svc);
    const first = await invite(admin, { email: invitee.email, roleId: 'viewer' });
    const dup = await invite(admin, { email: ` ${invitee.email.toUpperCase()} `, roleId: 'editor' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 'invitation.already_pending');

    const resent = await svc.request('POST', `/orgs/${orgId}/invitations/${first.body.invitation.id}/resend`, undefined, {
      token: admin.token,
    });
    assert.equal(resent.status, 200);
    const oldToken = tokenOfLink(first.body.link);
    assert.equal(
      (await svc.request('POST', '/invitations/accept', { token: oldToken }, { token: invitee.token })).body.code,
      'token.invalid',
      'the old link is dead',
    );
    const declined = await svc.request('POST', '/invitations/decline', { token: tokenOfLink(resent.body.link) }, { token: invitee.token });
    assert.equal(declined.status, 204);
    assert.equal(
      (await svc.request('DELETE', `/orgs/${orgId}/invitations/${first.body.invitation.id}`, undefined, { token: admin.token })).body.code,
      'invitation.not_pending',
    );

    const second = await invite(admin, { email: invitee.email, roleId: 'viewer' });
    assert.equal(second.status, 201, 'a declined invitation does not block a new one');
    assert.equal(
      (await svc.request('DELETE', `/orgs/${orgId}/invitations/${second.body.invitation.id}`, undefined, { token: admin.token })).status,
      204,
    );
    assert.equal(
      (await svc.request('POST', '/invitations/accept', { token: tokenOfLink(second.body.link) }, { token: invitee.token })).body.code,
      'invitation.not_pending',
    );

    const third = await invite(admin, { email: invitee.email, roleId: 'viewer' });
    svc.clock.advance(15 * 24 * 3_600_000);
    // Sessions went idle in those 15 days: sign in again.
    const relogin = async (u: SignedUpUser) =>
      (await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).body.token as string;
    invitee.token = await relogin(invitee);
    admin.token = await relogin(admin);
    const expired = await svc.request('POST', '/invitations/accept', { token: tokenOfLink(third.body.link) }, { token: invitee.token });
    assert.equal(expired.status, 409);
    assert.equal(expired.body.code, 'invitation.not_pending');
    const listedRes = await svc.request('GET', `/orgs/${orgId}/invitations?status=all`, undefined, { token: admin.token });
    assert.equal(listedRes.status, 200, JSON.stringify(listedRes.body));
    const listed = listedRes.body.items;
    assert.deepEqual(
      listed.map((i: { status: string }) => i.status),
      ['expired', 'revoked', 'declined'],
    );
    assert.equal((await invite(admin, { email: invitee.email, roleId: 'viewer' })).status, 201, 'an expired one does not block a new one');
    assert.equal(await memberCount(orgId, invitee.userId), 0);
  });

  test('pending invitations appear in the member list with status "invited"', async () => {
    const admin = await signUpAndLogin(svc);
    const orgId = admin.activeOrganizationId;
    const emails = [uniqueEmail('b-pending'), uniqueEmail('a-pending')];
    const sentFrom = svc.clock.now().getTime();
    for (const email of emails) await invite(admin, { email, roleId: 'viewer' });
    const sentUntil = svc.clock.now().getTime();
    const invited = (await svc.request('GET', `/orgs/${orgId}/members?status=invited`, undefined, { token: admin.token })).body.items;
    assert.deepEqual(
      invited.map((m: { email: string }) => m.email),
      [...emails].sort(),
    );
    assert.equal(invited[0].status, 'invited');
    assert.equal(invited[0].userId, null);
    assert.match(invited[0].invitationId, /^inv_/);
    // When it was sent and until when the link works (INVITATION_TTL, 14 days by default).
    assert.ok(Date.parse(invited[0].invitedAt) >= sentFrom && Date.parse(invited[0].invitedAt) <= sentUntil, invited[0].invitedAt);
    assert.equal(Date.parse(invited[0].expiresAt) - Date.parse(invited[0].invitedAt), 14 * 24 * 3_600_000);
    const active = (await svc.request('GET', `/orgs/${orgId}/members`, undefined, { token: admin.token })).body.items;
    assert.deepEqual(
      active.map((m: { status: string }) => m.status),
      ['active'],
    );
    assert.ok(!('invitedAt' in active[0]) && !('expiresAt' in active[0]), 'only invitations carry them');
    const all: { status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { status: string }[]; nextCursor: string | null } } = await svc.request(
        'GET',
        `/orgs/${orgId}/members?status=all&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        { token: admin.token },
      );
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(
      all.map((m) => m.status),
      ['active', 'invited', 'invited'],
    );
  });

  test('escalation and role rules: no inviting above yourself; a role held by an invitation cannot be deleted', async () => {
    const admin = await signUpAndLogin(svc);
    const orgId = admin.activeOrganizationId;
    const inviterRole = (
      await svc.request(
        'POST',
        `/orgs/${orgId}/roles`,
        { name: 'Inviter', permissions: ['user-management:users.invite', 'user-management:access', 'device-management:access'] },
        { token: admin.token },
      )
    ).body.id;
    const inviter = await signUpAndLogin(svc);
    await addMember(svc, orgId, inviter.userId, inviterRole);
    for (const [body, code] of [
      [{ email: uniqueEmail(), roleId: 'admin' }, 'authz.escalation'],
      [{ email: uniqueEmail(), roleId: 'editor' }, 'authz.escalation'],
      [{ email: uniqueEmail(), roleId: inviterRole, deviceAccess: { allDevices: true, deviceIds: [] } }, 'authz.escalation'],
    ] as const) {
      const r = await invite(inviter, body, orgId);
      assert.equal(r.status, 403, JSON.stringify(body));
      assert.equal(r.body.code, code);
    }
    const ok = await invite(inviter, { email: uniqueEmail(), roleId: inviterRole }, orgId);
    assert.equal(ok.status, 201);
    assert.equal(
      (await svc.request('PATCH', `/orgs/${orgId}/members/${inviter.userId}`, { roleId: 'viewer' }, { token: admin.token })).status,
      200,
    );
    const inUse = await svc.request('DELETE', `/orgs/${orgId}/roles/${inviterRole}`, undefined, { token: admin.token });
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.code, 'role.in_use');
    const viewerTries = await invite(inviter, { email: uniqueEmail(), roleId: 'viewer' }, orgId);
    assert.equal(viewerTries.status, 403);
    assert.equal(viewerTries.body.code, 'authz.forbidden');
  });

  test('invitations per organization are throttled (429 with Retry-After)', async () => {
    const admin = await signUpAndLogin(svc);
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push(await invite(admin, { email: uniqueEmail(`t${i}`), roleId: 'viewer' }));
    assert.deepEqual(
      answers.map((a) => a.status),
      [201, 201, 201, 201, 201, 201, 201, 201, 429],
    );
    assert.equal(answers[8]!.body.code, 'invitation.throttled');
    assert.ok(Number(answers[8]!.headers['retry-after']) > 0, "expected Number(answers[8]!.headers['retry-after']) > 0");
  });

  test('a refused invitation (unknown role, a device of another organization) uses up none of the quota', async () => {
    const admin = await signUpAndLogin(svc);
    const other = await signUpAndLogin(svc);
    const foreignDevice = await svc.request(
      'POST',
      `/orgs/${other.activeOrganizationId}/devices`,
      { uuid: randomUUID(), name: 'Not yours' },
      { token: other.token },
    );
    assert.equal(foreignDevice.status, 201);
    for (let i = 0; i < 10; i++) {
      const refused = await invite(admin, {
        email: uniqueEmail(`r${i}`),
        roleId: 'viewer',
        deviceAccess: { allDevices: false, deviceIds: [foreignDevice.body.device.id] },
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errors[0].field, '/deviceAccess/deviceIds/0');
      assert.equal((await invite(admin, { email: uniqueEmail(`u${i}`), roleId: 'rol_00000000000000000000000000' })).status, 404);
    }
    assert.equal((await invite(admin, { email: uniqueEmail('accepted'), roleId: 'viewer' })).status, 201);
  });

  test('invitation mails per recipient are capped; links for another domain are not mail', async () => {
    const d = domain();
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', d) });
    const inv = await invite(admin, { email: uniqueEmail('often', d), roleId: 'viewer' });
    const resend = () =>
      svc.request('POST', `/orgs/${admin.activeOrganizationId}/invitations/${inv.body.invitation.id}/resend`, undefined, {
        token: admin.token,
      });
    assert.deepEqual([(await resend()).status, (await resend()).status], [200, 200]);
    const capped = await resend();
    assert.equal(capped.status, 429);
    assert.equal(capped.body.code, 'invitation.throttled');
  });

  test('20 concurrent accepts make exactly one membership; accept racing revoke ends consistently', async () => {
    const admin = await linkAdmin();
    const orgId = admin.activeOrganizationId;
    const invitee = await signUpAndLogin(svc);
    const created = await invite(admin, { email: invitee.email, roleId: 'editor' });
    const token = tokenOfLink(created.body.link);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => svc.request('POST', '/invitations/accept', { token }, { token: invitee.token })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, ...Array<number>(19).fill(409)]);
    assert.equal(await memberCount(orgId, invitee.userId), 1);

    for (let round = 0; round < 5; round++) {
      const other = await signUpAndLogin(svc);
      const inv = await invite(admin, { email: other.email, roleId: 'viewer' });
      const [accept, revoke] = await Promise.all([
        svc.request('POST', '/invitations/accept', { token: tokenOfLink(inv.body.link) }, { token: other.token }),
        svc.request('DELETE', `/orgs/${orgId}/invitations/${inv.body.invitation.id}`, undefined, { token: admin.token }),
      ]);
      const members = await memberCount(orgId, other.userId);
      const status = (
        await svc.gatehouse.db.query<{ status: string }>(`SELECT status FROM invitations WHERE id = $1`, [inv.body.invitation.id])
      )[0]!.status;
      if (accept.status === 200) {
        assert.equal(revoke.status, 409);
        assert.equal(members, 1);
        assert.equal(status, 'accepted');
      } else {
        assert.equal(accept.status, 409);
        assert.equal(revoke.status, 204);
        assert.equal(members, 0);
        assert.equal(status, 'revoked');
      }
    }
  });

  test('deleting the organization kills its pending invitations', async () => {
    const admin = await linkAdmin();
    const orgId = (await svc.request('POST', '/orgs', { name: 'Short-lived' }, { token: admin.token })).body.id;
    const invitee = await signUpAndLogin(svc);
    const inv = await invite(admin, { email: invitee.email, roleId: 'viewer' }, orgId);
    assert.equal((await svc.request('DELETE', `/orgs/${orgId}`, undefined, { token: admin.token })).status, 204);
    assert.equal(
      (await svc.request('POST', '/invitations/accept', { token: tokenOfLink(inv.body.link) }, { token: invitee.token })).body.code,
      'token.invalid',
    );
    assert.deepEqual((await svc.request('GET', '/me/invitations', undefined, { token: invitee.token })).body.items, []);
  });
});
