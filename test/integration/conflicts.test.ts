// Conflicts the API promises a clear answer for (errors.ts), and the limits of the default
// organization's name: each through HTTP, with the database state checked after.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signUpAndLogin, startTestService, STRONG_PASSWORD, uniqueEmail, type TestService } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';

let svc: TestService;
before(async () => {
  svc = await startTestService();
});
after(async () => {
  await svc?.close();
});

const one = async <T>(sql: string, params: unknown[]) => {
  const rows = await svc.gatehouse.db.query<T>(sql, params);
  assert.equal(rows.length, 1, `one row of ${sql}`);
  return rows[0]!;
};

describe('account.email_taken', () => {
  test('confirming an e-mail change to an address someone signed up with since: 409, nothing changed', async () => {
    const a = await signUpAndLogin(svc);
    const target = uniqueEmail('wanted');
    assert.equal(
      (await svc.request('POST', '/me/email-change', { newEmail: target, password: STRONG_PASSWORD }, { token: a.token })).status,
      202,
      'change requested',
    );
    const link = tokenFrom(await svc.smtp.waitFor(target, (m) => m.text.includes('/confirm-email-change?token=')), 'confirm-email-change');
    // Meanwhile someone else signs up with that address.
    assert.equal(
      (await svc.request('POST', '/auth/signup', { email: target, password: STRONG_PASSWORD, firstName: 'Bea', lastName: 'First' })).status,
      202,
      'sign-up with the address',
    );

    const confirm = await svc.request('POST', '/auth/confirm-email-change', { token: link });
    assert.equal(confirm.status, 409, `409: ${confirm.raw.body}`);
    assert.equal(confirm.body.code, 'account.email_taken', 'the code');
    assert.equal(
      (await one<{ email: string }>('SELECT email FROM users WHERE id = $1', [a.userId])).email,
      a.email,
      'A keeps their address',
    );
    assert.equal(
      (await one<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email = $1', [target])).n,
      1,
      'the other account keeps it',
    );
    assert.equal(
      (await svc.request('POST', '/auth/login', { email: a.email, password: STRONG_PASSWORD })).status,
      200,
      'A still signs in with the old address',
    );
  });
});

describe('roles and invitations', () => {
  const linkAdmin = () => signUpAndLogin(svc, { email: uniqueEmail('admin', `${Math.random().toString(36).slice(2, 10)}.example`) });

  test("a custom role a finished invitation named can be deleted (was a 500: the invitations' foreign key)", async () => {
    const admin = await linkAdmin();
    const orgId = admin.activeOrganizationId;
    const role = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      { name: 'Short-lived', permissions: ['device-management:access'] },
      { token: admin.token },
    );
    assert.equal(role.status, 201, 'role created');
    const inv = await svc.request(
      'POST',
      `/orgs/${orgId}/invitations`,
      { email: uniqueEmail('guest', 'elsewhere.example'), roleId: role.body.id },
      { token: admin.token },
    );
    assert.equal(inv.status, 201, 'invited with the role');

    const held = await svc.request('DELETE', `/orgs/${orgId}/roles/${role.body.id}`, undefined, { token: admin.token });
    assert.equal(held.status, 409, 'a pending invitation holds the role');
    assert.equal(held.body.code, 'role.in_use', 'role.in_use');

    assert.equal(
      (await svc.request('DELETE', `/orgs/${orgId}/invitations/${inv.body.invitation.id}`, undefined, { token: admin.token })).status,
      204,
      'invitation revoked',
    );
    const deleted = await svc.request('DELETE', `/orgs/${orgId}/roles/${role.body.id}`, undefined, { token: admin.token });
    assert.equal(deleted.status, 204, `deleted: ${deleted.raw.body}`);
    assert.equal((await one<{ n: number }>('SELECT count(*)::int AS n FROM roles WHERE id = $1', [role.body.id])).n, 0, 'the role is gone');
    const events = (await svc.request('GET', `/orgs/${orgId}/audit-events`, undefined, { token: admin.token })).body.items.map(
      (e: { action: string }) => e.action,
    );
    assert.deepEqual(
      events.slice(0, 3),
      ['role.deleted', 'invitation.revoked', 'invitation.created'],
      "the invitation's history stays in the audit log",
    );
  });

  test('an expired invitation no longer holds its role', async () => {
    const admin = await linkAdmin();
    const orgId = admin.activeOrganizationId;
    const role = (await svc.request('POST', `/orgs/${orgId}/roles`, { name: 'Expiring', permissions: [] }, { token: admin.token })).body.id;
    assert.equal(
      (
        await svc.request(
          'POST',
          `/orgs/${orgId}/invitations`,
          { email: uniqueEmail('late', 'elsewhere.example'), roleId: role },
          { token: admin.token },
        )
      ).status,
      201,
      'invited',
    );
    svc.clock.advance(31 * 24 * 3_600_000); // past INVITATION_TTL (and the session: sign in again)
    const login = await svc.request('POST', '/auth/login', { email: admin.email, password: STRONG_PASSWORD });
    assert.equal(login.status, 200, 'signed in again');
    const deleted = await svc.request('DELETE', `/orgs/${orgId}/roles/${role}`, undefined, { token: login.body.token });
    assert.equal(deleted.status, 204, `deleted: ${deleted.raw.body}`);
  });

  test('invitation.role_gone cannot happen: the database keeps every role an invitation names', async () => {
    // accept and resend check that the invitation's role still exists (invitation.role_gone). It
    // always does: a pending invitation holds its role (role.in_use above), finished ones go with
    // it, and the invitations' foreign key (ON DELETE RESTRICT) refuses anything else. The check
    // is a second line of defence; this is the first.
    const admin = await linkAdmin();
    const orgId = admin.activeOrganizationId;
    const role = (await svc.request('POST', `/orgs/${orgId}/roles`, { name: 'Kept', permissions: [] }, { token: admin.token })).body.id;
    assert.equal(
      (
        await svc.request(
          'POST',
          `/orgs/${orgId}/invitations`,
          { email: uniqueEmail('kept', 'elsewhere.example'), roleId: role },
          { token: admin.token },
        )
      ).status,
      201,
      'invited',
    );
    await assert.rejects(
      svc.gatehouse.db.query('DELETE FROM roles WHERE id = $1', [role]),
      /foreign key|violates/i,
      'the database refuses to delete it under the invitation',
    );
  });
});

describe("the default organization's name", () => {
  test("a first name of 100 characters signs up; the organization's name is cut to the 100 the column holds", async () => {
    for (const firstName of ['Maximiliane'.repeat(9).slice(0, 100), '🏭'.repeat(100)]) {
      const u = await signUpAndLogin(svc, { firstName });
      const org = await one<{ name: string; chars: number }>('SELECT name, char_length(name) AS chars FROM organizations WHERE id = $1', [
        u.activeOrganizationId,
      ]);
      assert.equal(org.chars, 100, `${[...firstName].length} characters of first name: the name fills the column`);
      assert.equal(org.name, `${[...firstName].slice(0, 99).join('')}…`, 'the first name, cut with an ellipsis, whole characters only');
      const me = await svc.request('GET', '/me', undefined, { token: u.token });
      assert.equal(me.body.organizations[0].name, org.name, 'as the API shows it');
    }
  });

  test('a first name of 101 characters is refused at the edge (400 on /firstName), before any name is made', async () => {
    const r = await svc.request('POST', '/auth/signup', {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      firstName: 'x'.repeat(101),
      lastName: 'Long',
    });
    assert.equal(r.status, 400, 'too long');
    assert.equal(r.body.errors[0].field, '/firstName', 'the field');
  });
});
