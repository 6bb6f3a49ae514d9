// Races on accounts: the same request many times at once must have exactly the effect of one.
// The races only happen on a real PostgreSQL server (TEST_DATABASE_URL), where requests run on
// separate connections: on PGlite (one transaction at a time) the 20 copies run one after another,
// which the unhappy-path tests cover already, so the race tests are skipped there with their reason.
// The logins at once are not a race on the database (each makes its own session) and run on both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { startTestService, signUpAndLogin, STRONG_PASSWORD, type TestService } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';
import { RACES_NEED_POSTGRES } from '../support/pg-wire.js';

const ROUNDS = 10;

let svc: TestService;
before(async () => {
  // 20 sign-ups or reset confirmations at once are anonymous hashes: a queue of 200 gives their
  // share (an eighth) room for all 20, so none is shed with 503 and each race is about the database.
  svc = await startTestService({ HASH_QUEUE_LIMIT: '200' });
});
after(async () => {
  await svc?.close();
});

/** The address with each letter's case flipped at random, sometimes padded with spaces. */
function caseVariant(email: string, i: number): string {
  if (i === 0) return email;
  const flipped = [...email].map((c) => (randomInt(2) === 0 ? c.toUpperCase() : c.toLowerCase())).join('');
  return i % 5 === 0 ? `  ${flipped} ` : flipped;
}

async function one<T>(sql: string, params: unknown[]): Promise<T> {
  const rows = await svc.gatehouse.db.query<T>(sql, params);
  assert.equal(rows.length, 1, `${sql} → ${rows.length} rows`);
  return rows[0]!;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await one<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params)).n;
}

async function signUpUnverified(email: string) {
  assert.equal(
    (await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'Rita', lastName: 'Race' })).status,
    202,
  );
  return tokenFrom(await svc.smtp.waitFor(email, (m) => m.subject === 'Confirm your e-mail address'), 'verify-email');
}

describe('concurrent requests', () => {
  test(`20 sign-ups of one address in different letter cases make one account and one organization (${ROUNDS} rounds)`, {
    skip: RACES_NEED_POSTGRES,
  }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const email = `Race-${randomUUID().slice(0, 8)}@Example.COM`;
      const canonical = email.toLowerCase();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          svc.request('POST', '/auth/signup', {
            email: caseVariant(email, i),
            password: STRONG_PASSWORD,
            firstName: `Racer${i}`,
            lastName: 'Case',
          }),
        ),
      );
      for (const r of answers) {
        assert.equal(r.status, 202, `round ${round}: ${r.status} ${r.raw.body}`);
        assert.deepEqual(r.body, { status: 'verification_sent' });
      }
      const users = await svc.gatehouse.db.query<{ id: string; email: string; active_org_id: string | null }>(
        'SELECT id, email, active_org_id FROM users WHERE lower(email) = $1',
        [canonical],
      );
      assert.equal(users.length, 1, `round ${round}: ${users.length} users`);
      const user = users[0]!;
      assert.equal(user.email, canonical);
      assert.equal(await count('SELECT 1 FROM organizations WHERE created_by = $1', [user.id]), 1, `round ${round}: organizations`);
      const membership = await one<{ org_id: string; role_id: string }>('SELECT org_id, role_id FROM memberships WHERE user_id = $1', [
        user.id,
      ]);
      assert.equal(membership.role_id, 'admin');
      assert.equal(user.active_org_id, membership.org_id);
      // A sign-up for an unverified address replaces the one before and ends its link: however the
      // 20 interleave, exactly one verification link is left alive.
      assert.equal(
        await count(`SELECT 1 FROM user_tokens WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL`, [user.id]),
        1,
        `round ${round}: live verification links`,
      );
      const mailed = await count(`SELECT 1 FROM outbox WHERE recipient = $1 AND kind = 'verify_email'`, [canonical]);
      assert.ok(mailed >= 1 && mailed <= 20, `round ${round}: ${mailed} verification mails`);
      assert.ok(
        (await count(`SELECT 1 FROM outbox WHERE recipient = $1 AND kind = 'signup_existing_account'`, [canonical])) <= 19,
        "expected await count(`SELECT 1 FROM outbox WHERE recipient = $1 AND kind = 'signup_existing_account'`, [canonical]) <= 19",
      );
    }
  });

  test(`20 verifications with one link: exactly one succeeds (${ROUNDS} rounds)`, { skip: RACES_NEED_POSTGRES }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const email = `verify-race-${randomUUID().slice(0, 8)}@example.com`;
      const token = await signUpUnverified(email);
      // Each from an address of its own: the password check is counted like a login, per address.
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          svc.request('POST', '/auth/verify-email', { token, password: STRONG_PASSWORD }, { ip: `10.66.${round}.${i + 1}` }),
        ),
      );
      const ok = answers.filter((r) => r.status === 200);
      assert.equal(ok.length, 1, `round ${round}: ${answers.map((r) => r.status).join(',')}`);
      assert.equal(ok[0]!.body.user.email, email);
      assert.equal(ok[0]!.body.user.emailVerified, true);
      for (const r of answers.filter((x) => x.status !== 200)) {
        assert.equal(r.status, 400);
        assert.equal(r.body.code, 'token.invalid');
      }
      const user = await one<{ id: string; email_verified_at: Date | null }>('SELECT id, email_verified_at FROM users WHERE email = $1', [
        email,
      ]);
      assert.notEqual(user.email_verified_at, null);
      assert.equal(
        await count(`SELECT 1 FROM user_tokens WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL`, [user.id]),
        0,
      );
    }
  });

  test(`20 password resets with one link: exactly one succeeds and its password is the one set (${ROUNDS} rounds)`, {
    skip: RACES_NEED_POSTGRES,
  }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const u = await signUpAndLogin(svc);
      assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email })).status, 202);
      const token = tokenFrom(await svc.smtp.waitFor(u.email, (m) => m.subject === 'Reset your password'), 'reset-password');
      const passwords = Array.from({ length: 20 }, (_, i) => `Race-Reset-${round}-${i}-Secret!`);
      const answers = await Promise.all(
        passwords.map((password) => svc.request('POST', '/auth/password-reset/confirm', { token, password })),
      );
      const winners = answers.flatMap((r, i) => (r.status === 204 ? [i] : []));
      assert.equal(winners.length, 1, `round ${round}: ${answers.map((r) => r.status).join(',')}`);
      for (const r of answers.filter((x) => x.status !== 204)) {
        assert.equal(r.status, 400);
        assert.equal(r.body.code, 'token.invalid');
      }
      const winner = passwords[winners[0]!]!;
      const loser = passwords[(winners[0]! + 1) % passwords.length]!;
      assert.equal(await count(`SELECT 1 FROM outbox WHERE recipient = $1 AND kind = 'password_changed'`, [u.email]), 1);
      assert.equal(await count('SELECT 1 FROM sessions WHERE user_id = $1', [u.userId]), 0);
      assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: loser })).status, 401);
      assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password })).status, 401);
      assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: winner })).status, 200);
    }
  });

  test(`10 password reset requests at once leave exactly one live link, the last one mailed (${ROUNDS} rounds)`, {
    skip: RACES_NEED_POSTGRES,
  }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const u = await signUpAndLogin(svc);
      const answers = await Promise.all(Array.from({ length: 10 }, () => svc.request('POST', '/auth/password-reset', { email: u.email })));
      assert.deepEqual(
        answers.map((r) => r.status),
        Array(10).fill(202),
        `round ${round}`,
      );
      const live = await count(
        `SELECT 1 FROM user_tokens WHERE user_id = $1 AND purpose = 'password_reset' AND used_at IS NULL AND expires_at > now()`,
        [u.userId],
      );
      assert.equal(live, 1, `round ${round}: ${live} live reset links after 10 requests at once`);
      await svc.flushMail();
      const tokens = svc.smtp
        .to(u.email)
        .filter((m) => m.subject === 'Reset your password')
        .map((m) => tokenFrom(m, 'reset-password'));
      assert.equal(tokens.length, 10, `round ${round}: every request mailed a link`);
      const working = [];
      for (const token of tokens) {
        const res = await svc.request('POST', '/auth/password-reset/confirm', { token, password: `Only-One-Link-${round}-Works!` });
        if (res.status === 204) working.push(token);
        else assert.equal(res.body.code, 'token.invalid', `round ${round}: ${res.raw.body}`);
      }
      assert.equal(working.length, 1, `round ${round}: one link works`);
    }
  });

  test(`10 logins of one account at once all succeed with distinct sessions (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const u = await signUpAndLogin(svc);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => svc.request('POST', '/auth/login', { email: u.email, password: u.password })),
      );
      for (const r of answers) {
        assert.equal(r.status, 200, `round ${round}: ${r.status} ${r.raw.body}`);
        assert.equal(r.body.user.id, u.userId);
        assert.equal(r.body.activeOrganizationId, u.activeOrganizationId);
      }
      const tokens = new Set(answers.map((r) => r.body.token as string));
      assert.equal(tokens.size, 10);
      assert.ok(!tokens.has(u.token), 'expected !tokens.has(u.token)');
      // One row per login (plus the sign-in of signUpAndLogin), each token working on its own.
      assert.equal(await count('SELECT 1 FROM sessions WHERE user_id = $1', [u.userId]), 11);
      const me = await Promise.all([...tokens].map((token) => svc.request('GET', '/me', undefined, { token })));
      for (const r of me) assert.equal(r.status, 200);
      // Logging one of them out leaves the others alive.
      const [first, second] = [...tokens];
      assert.equal((await svc.request('POST', '/auth/logout', undefined, { token: first })).status, 204);
      assert.equal((await svc.request('GET', '/me', undefined, { token: first })).status, 401);
      assert.equal((await svc.request('GET', '/me', undefined, { token: second })).status, 200);
    }
  });
});
