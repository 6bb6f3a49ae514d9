// Login throttling per account and client address, per client address, and the account-wide slow
// down, sequential and under a parallel storm; the cap on mails that anonymous requests can make us
// send to one recipient; per-address limits on sign-up and password reset.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { startTestService, signUpAndLogin, uniqueEmail, STRONG_PASSWORD, type Response, type TestService } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE; // LOGIN_THROTTLE_WINDOW default
const WRONG = 'Wrong-Password-123';

// Inject remote addresses: labels only, never contacted. Random third and fourth octets keep runs
// against one shared PostgreSQL database from inheriting each other's counters.
const usedIps = new Set<string>();
function freshIp(): string {
  for (;;) {
    const ip = `10.9.${randomInt(256)}.${randomInt(1, 255)}`;
    if (!usedIps.has(ip)) {
      usedIps.add(ip);
      return ip;
    }
  }
}

function assertThrottled(res: Response) {
  assert.equal(res.status, 429, `expected 429, got ${res.status} ${res.raw.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.body.code, 'auth.throttled');
  const retryAfter = String(res.headers['retry-after']);
  assert.match(retryAfter, /^\d+$/, `Retry-After "${retryAfter}"`);
  return Number(retryAfter);
}

function assertInvalidCredentials(res: Response) {
  assert.equal(res.status, 401, `expected 401, got ${res.status} ${res.raw.body}`);
  assert.equal(res.body.code, 'auth.invalid_credentials');
  assert.equal(res.headers['retry-after'], undefined);
}

/** Signs up and verifies through the API without signing in (no login from the shared 127.0.0.1). */
async function signUpVerified(svc: TestService, password = STRONG_PASSWORD) {
  const email = uniqueEmail('throttled');
  assert.equal((await svc.request('POST', '/auth/signup', { email, password, firstName: 'Tess', lastName: 'Throttle' })).status, 202);
  const token = tokenFrom(await svc.smtp.waitFor(email, (m) => m.subject === 'Confirm your e-mail address'), 'verify-email');
  assert.equal((await svc.request('POST', '/auth/verify-email', { token, password })).status, 200);
  return { email, password };
}

async function counter(svc: TestService, key: string): Promise<number | undefined> {
  const rows = await svc.gatehouse.db.query<{ count: number }>('SELECT count FROM throttle_counters WHERE key = $1', [key]);
  return rows[0]?.count;
}

describe('per account and client address (LOGIN_MAX_ATTEMPTS=3)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ LOGIN_MAX_ATTEMPTS: '3' });
  });
  after(async () => {
    await svc?.close();
  });

  test('the 4th attempt from one address is 429 with Retry-After; the right password is refused there too until the window passes', async () => {
    const u = await signUpVerified(svc);
    const ip = freshIp();
    for (let i = 0; i < 3; i++)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: WRONG }, { ip }));
    const retryAfter = assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: WRONG }, { ip }));
    assert.ok(retryAfter >= 1 && retryAfter <= WINDOW / 1000, `Retry-After ${retryAfter}`);
    assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip }));
    // In other letter case: still the same account, still throttled from this address.
    assertThrottled(await svc.request('POST', '/auth/login', { email: u.email.toUpperCase(), password: u.password }, { ip }));

    svc.clock.advance(WINDOW - MINUTE);
    const later = assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip }));
    assert.ok(later <= 60 + 1, `Retry-After ${later} one minute before the window ends`);

    svc.clock.advance(MINUTE + 1000);
    const ok = await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip });
    assert.equal(ok.status, 200, `the window has passed: ${ok.raw.body}`);
    assert.equal(
      await counter(svc, `login:account:${u.email}|${ip}`),
      undefined,
      'a success clears the counter of this account and address',
    );
    assert.equal(await counter(svc, `login:account:${u.email}`), undefined, 'a success clears the account-wide counter');
  });

  test('an attacker locked out on another network does not lock out the owner, who signs in with the right password from their own', async () => {
    const u = await signUpVerified(svc);
    const attacker = freshIp();
    for (let i = 0; i < 3; i++)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: `${WRONG}-${i}` }, { ip: attacker }));
    for (let i = 0; i < 10; i++)
      assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: `${WRONG}-x${i}` }, { ip: attacker }));
    // Three more networks, each up to its own limit.
    for (let n = 0; n < 3; n++) {
      const ip = freshIp();
      for (let i = 0; i < 3; i++)
        assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: `${WRONG}-${n}-${i}` }, { ip }));
    }
    const owner = await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip: freshIp() });
    assert.equal(owner.status, 200, `the owner from their own network: ${owner.raw.body}`);
    // The attacker's network stays throttled, for the right password too.
    assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip: attacker }));
  });

  test('an unknown address is throttled exactly like a known one', async () => {
    const known = await signUpVerified(svc);
    const unknown = uniqueEmail('nobody');
    const answers = async (email: string) => {
      const ip = freshIp();
      const out: { status: number; code: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await svc.request('POST', '/auth/login', { email, password: WRONG }, { ip });
        out.push({ status: res.status, code: res.body.code });
      }
      return out;
    };
    const a = await answers(known.email);
    const b = await answers(unknown);
    assert.deepEqual(
      a.map((x) => x.status),
      [401, 401, 401, 429, 429],
    );
    assert.deepEqual(b, a);
  });

  test('a successful login clears the failures before it', async () => {
    const u = await signUpVerified(svc);
    const ip = freshIp();
    for (let i = 0; i < 2; i++)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: WRONG }, { ip }));
    assert.equal((await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip })).status, 200);
    for (let i = 0; i < 3; i++)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: WRONG }, { ip }));
    assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: WRONG }, { ip }));
  });

  test('a completed password reset lifts the lock at once', async () => {
    const u = await signUpVerified(svc);
    const ip = freshIp();
    for (let i = 0; i < 3; i++)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: WRONG }, { ip }));
    assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip }));

    // Asking for the link is not throttled by the login lock.
    assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email }, { ip })).status, 202);
    const token = tokenFrom(await svc.smtp.waitFor(u.email, (m) => m.subject === 'Reset your password'), 'reset-password');
    // Merely asking for a link does not lift the lock (anyone can ask).
    assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip }));

    const newPassword = 'Unlocked-Again-2024';
    assert.equal((await svc.request('POST', '/auth/password-reset/confirm', { token, password: newPassword }, { ip })).status, 204);
    const ok = await svc.request('POST', '/auth/login', { email: u.email, password: newPassword }, { ip });
    assert.equal(ok.status, 200, `the reset lifted the lock: ${ok.raw.body}`);
  });
});

describe('the account as a whole only slows down (LOGIN_ACCOUNT_SLOW_AFTER=4)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_ACCOUNT_SLOW_AFTER: '4' });
  });
  after(async () => {
    await svc?.close();
  });

  test('past the account-wide limit every attempt waits a second, and the right password still signs in', async () => {
    const u = await signUpVerified(svc);
    // Two networks, two failures each: four, the limit; none of them throttled.
    for (let n = 0; n < 2; n++) {
      const ip = freshIp();
      for (let i = 0; i < 2; i++)
        assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: `${WRONG}-${n}${i}` }, { ip }));
    }
    let t0 = performance.now();
    assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: u.email, password: `${WRONG}-slow` }, { ip: freshIp() }));
    const slowed = performance.now() - t0;
    assert.ok(slowed >= 950, `the 5th failure on the account waited ${slowed.toFixed(0)} ms (expected ≥ 1 s)`);
    t0 = performance.now();
    const owner = await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip: freshIp() });
    const waited = performance.now() - t0;
    assert.equal(owner.status, 200, `delayed, never refused: ${owner.raw.body}`);
    assert.ok(waited >= 950, `the owner waited ${waited.toFixed(0)} ms (expected ≥ 1 s)`);
    // The success ends the slow down.
    t0 = performance.now();
    assert.equal(
      (await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip: freshIp() })).status,
      200,
      'signs in again',
    );
    assert.ok(performance.now() - t0 < 900, 'no delay after a success');
  });
});

describe('parallel guesses (LOGIN_MAX_ATTEMPTS=5)', () => {
  // The hasher counts its verifications (/metrics): at most 5 for 31 guesses fired at once proves
  // that attempts are reserved before any hash is checked. The queue is large enough that no
  // guess is shed for load (a shed guess is never checked, see the storm test below).
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ LOGIN_MAX_ATTEMPTS: '5', HASH_CONCURRENCY: '1', HASH_QUEUE_LIMIT: '100' });
  });
  after(async () => {
    await svc?.close();
  });
  const verifications = async () =>
    Number(/^gatehouse_password_verifications_total (\d+)/m.exec((await svc.request('GET', '/metrics')).body)?.[1]);

  for (const rightAt of [0, 15, 30]) {
    test(`30 wrong guesses and the right password (at position ${rightAt}) at once: at most 5 are checked`, async () => {
      const u = await signUpVerified(svc);
      const passwords = Array.from({ length: 30 }, (_, i) => `${WRONG}-${i}`);
      passwords.splice(rightAt, 0, u.password);
      const ip = freshIp();
      const before = await verifications();
      const answers = await Promise.all(
        passwords.map((password) => svc.request('POST', '/auth/login', { email: u.email, password }, { ip })),
      );

      assert.equal(answers.filter((r) => r.status === 503).length, 0, `hashes were shed: ${answers.map((r) => r.status).join(',')}`);
      const hashed = (await verifications()) - before;
      const checked = answers.filter((r) => r.status !== 429);
      const throttled = answers.filter((r) => r.status === 429);
      // Exactly the answered guesses were hashed: no throttled one cost a verification.
      assert.equal(hashed, checked.length, `${hashed} verifications for ${checked.length} checked guesses`);
      // At most 5 between successes: the right password, once accepted, clears the account's
      // counter, and guesses still arriving may be checked again (up to 5 more).
      const limit = answers[rightAt]!.status === 200 ? 10 : 5;
      assert.ok(checked.length <= limit, `${checked.length} attempts got past the limit: ${answers.map((r) => r.status).join(',')}`);
      assert.ok(checked.length >= 1, 'the first attempts must be checked');
      assert.equal(checked.length + throttled.length, 31);
      for (const r of throttled) assertThrottled(r);
      answers.forEach((r, i) => {
        if (r.status === 429) return;
        if (passwords[i] === u.password) assert.equal(r.status, 200);
        else assertInvalidCredentials(r);
      });
      // Every attempt was counted before any hash was checked: 31 reservations, unless the right
      // password won one of them (a success clears the account's counter).
      const right = answers[rightAt]!;
      if (right.status === 429) {
        assert.equal(await counter(svc, `login:account:${u.email}|${ip}`), 31, 'every attempt of this address was counted');
        assert.equal(checked.length, 5);
        // Still locked afterwards, for the right password too.
        assertThrottled(await svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip }));
      }
    });
  }
});

describe('a login storm past the hashing capacity (HASH_CONCURRENCY=1, HASH_QUEUE_LIMIT=0)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ HASH_CONCURRENCY: '1', HASH_QUEUE_LIMIT: '0' });
  });
  after(async () => {
    await svc?.close();
  });

  const verifications = async () =>
    Number(/^gatehouse_password_verifications_total (\d+)/m.exec((await svc.request('GET', '/metrics')).body)?.[1]);

  test('logins the hasher cannot take are shed with 503, and a shed guess is never tested', async () => {
    const users: Awaited<ReturnType<typeof signUpVerified>>[] = [];
    for (let i = 0; i < 4; i++) users.push(await signUpVerified(svc)); // one at a time: sign-up hashes too
    const ip = freshIp();
    const before = await verifications();
    const answers = await Promise.all(
      users.map((u) => svc.request('POST', '/auth/login', { email: u.email, password: `${WRONG}-storm` }, { ip })),
    );
    const shed = answers.filter((r) => r.status === 503);
    assert.ok(shed.length >= 1, `one hash at a time and no queue: ${answers.map((r) => r.status).join(',')}`);
    for (const r of shed) {
      assert.equal(r.body.code, 'service.busy');
      assert.ok(Number(r.headers['retry-after']) >= 1, "expected Number(r.headers['retry-after']) >= 1");
    }
    for (const r of answers) if (r.status !== 503) assertInvalidCredentials(r);
    // (Usually refused before the attempt is even counted — accounts.service checks the gate first;
    // one that races past that check is refused by the gate itself, still before any hash.)
    assert.equal((await verifications()) - before, answers.length - shed.length);
  });
});

describe('per client address (LOGIN_IP_MAX_ATTEMPTS=5)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ LOGIN_IP_MAX_ATTEMPTS: '5' });
  });
  after(async () => {
    await svc?.close();
  });

  test('the 6th attempt from one address is 429 whatever the account; another address is unaffected', async () => {
    const victim = await signUpVerified(svc);
    const a = freshIp();
    const b = freshIp();
    for (let i = 0; i < 5; i++)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: a }));
    const retryAfter = assertThrottled(
      await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: a }),
    );
    assert.ok(retryAfter >= 1 && retryAfter <= WINDOW / 1000, 'expected retryAfter >= 1 && retryAfter <= WINDOW / 1000');
    // The right password of an untouched account is refused from that address as well…
    assertThrottled(await svc.request('POST', '/auth/login', { email: victim.email, password: victim.password }, { ip: a }));
    // …and accepted from another one.
    assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: b }));
    assert.equal((await svc.request('POST', '/auth/login', { email: victim.email, password: victim.password }, { ip: b })).status, 200);
    assert.equal(await counter(svc, `login:ip:${a}`), 7);
  });

  test('X-Forwarded-For does not change the counted address (TRUST_PROXY off)', async () => {
    const a = freshIp();
    for (let i = 0; i < 5; i++) {
      // A different forged client address on every attempt: all still count for the real peer.
      const res = await svc.request(
        'POST',
        '/auth/login',
        { email: uniqueEmail('spray'), password: WRONG },
        { ip: a, headers: { 'x-forwarded-for': freshIp() } },
      );
      assertInvalidCredentials(res);
    }
    assertThrottled(
      await svc.request(
        'POST',
        '/auth/login',
        { email: uniqueEmail('spray'), password: WRONG },
        { ip: a, headers: { 'x-forwarded-for': freshIp() } },
      ),
    );
    // Claiming to be the throttled address from an untouched peer does not get you throttled either.
    const c = freshIp();
    assertInvalidCredentials(
      await svc.request(
        'POST',
        '/auth/login',
        { email: uniqueEmail('spray'), password: WRONG },
        { ip: c, headers: { 'x-forwarded-for': a } },
      ),
    );
    assert.equal(await counter(svc, `login:ip:${c}`), 1);
  });

  test('an IPv6 client is counted by its /64: rotating the interface part does not escape the limit', async () => {
    // Anyone with an IPv6 connection controls a whole /64 (2^64 addresses); counting each one apart
    // would make the per-address limit meaningless.
    const prefix = `2001:db8:${randomInt(0x10000).toString(16)}:${randomInt(0x10000).toString(16)}`;
    const hosts = [`${prefix}::1`, `${prefix}:0:0:0:2`, `${prefix}:abcd::3`, `${prefix.toUpperCase()}::4`, `${prefix}:ffff:ffff:ffff:ffff`];
    for (const ip of hosts)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip }));
    assertThrottled(
      await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: `${prefix}:1234:5678:9abc:def0` }),
    );
    // The neighbouring /64 is someone else.
    const [a, b, c, d] = prefix.split(':');
    const neighbour = `${a}:${b}:${c}:${((parseInt(d!, 16) + 1) % 0x10000).toString(16)}::1`;
    assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: neighbour }));
  });

  test('an IPv4 client is the same client in its IPv4-mapped IPv6 form', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      assertInvalidCredentials(
        await svc.request(
          'POST',
          '/auth/login',
          { email: uniqueEmail('spray'), password: WRONG },
          { ip: i % 2 === 0 ? ip : `::ffff:${ip}` },
        ),
      );
    }
    assertThrottled(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip }));
    assertThrottled(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: `::FFFF:${ip}` }));
  });

  test('the address may try again once the window has passed', async () => {
    const a = freshIp();
    for (let i = 0; i < 5; i++)
      assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: a }));
    assertThrottled(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: a }));
    svc.clock.advance(WINDOW + 1000);
    assertInvalidCredentials(await svc.request('POST', '/auth/login', { email: uniqueEmail('spray'), password: WRONG }, { ip: a }));
  });
});

describe('mails per recipient (MAILS_PER_RECIPIENT_PER_HOUR=2)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ MAILS_PER_RECIPIENT_PER_HOUR: '2' });
  });
  after(async () => {
    await svc?.close();
  });

  const resetMails = (email: string) => svc.smtp.to(email).filter((m) => m.subject === 'Reset your password');

  async function outboxCount(recipient: string, kind: string): Promise<number> {
    const rows = await svc.gatehouse.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND kind = $2', [
      recipient,
      kind,
    ]);
    return rows[0]!.n;
  }

  test('password-reset: the 3rd and later requests answer 202 but mail nothing, until the hour has passed', async () => {
    const u = await signUpAndLogin(svc);
    const bystander = await signUpAndLogin(svc);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await svc.request('POST', '/auth/password-reset', { email: u.email }));
    for (const r of answers) {
      assert.equal(r.status, 202);
      assert.deepEqual(r.body, answers[0]!.body);
    }
    await svc.flushMail();
    assert.equal(resetMails(u.email).length, 2);
    assert.equal(await outboxCount(u.email, 'password_reset'), 2);

    // The cap is per recipient: someone else still gets their link.
    assert.equal((await svc.request('POST', '/auth/password-reset', { email: bystander.email })).status, 202);
    await svc.flushMail();
    assert.equal(resetMails(bystander.email).length, 1);

    // Capped requests mail nothing and also kill nothing: the last link mailed still works.
    const latest = tokenFrom(resetMails(u.email).at(-1)!, 'reset-password');
    assert.equal(
      (await svc.request('POST', '/auth/password-reset/confirm', { token: latest, password: 'Capped-Mail-Secret-1' })).status,
      204,
    );

    svc.clock.advance(60 * MINUTE + 1000);
    assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email })).status, 202);
    await svc.flushMail();
    assert.equal(resetMails(u.email).length, 3);
    assert.equal(await outboxCount(u.email, 'password_reset'), 3);
  });

  test('sign-up with a taken address and resend-verification are capped the same way', async () => {
    const owner = await signUpAndLogin(svc, { firstName: 'Olga' });
    for (let i = 0; i < 4; i++) {
      const res = await svc.request('POST', '/auth/signup', {
        email: owner.email,
        password: 'Other-Secret-Pass-9',
        firstName: 'Tom',
        lastName: 'Taker',
      });
      assert.equal(res.status, 202);
    }
    await svc.flushMail();
    assert.equal(svc.smtp.to(owner.email).filter((m) => m.subject === 'You already have an account').length, 2);

    const email = uniqueEmail('unverified');
    assert.equal(
      (await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'Una', lastName: 'Verified' })).status,
      202,
    );
    for (let i = 0; i < 4; i++) assert.equal((await svc.request('POST', '/auth/resend-verification', { email })).status, 202);
    await svc.flushMail();
    // The sign-up's own mail plus two resends.
    assert.equal(svc.smtp.to(email).filter((m) => m.subject === 'Confirm your e-mail address').length, 3);
    assert.equal(await outboxCount(email, 'verify_email'), 3);
  });
});

describe('anonymous requests do not spend the budgets of the person and their Admin (MAILS_PER_RECIPIENT_PER_HOUR=2)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ MAILS_PER_RECIPIENT_PER_HOUR: '2' });
  });
  after(async () => {
    await svc?.close();
  });

  test("an attacker's reset requests leave the victim's own reset and the Admin's invitation working", async () => {
    const domain = `budget-${randomInt(1e9)}.example`;
    const victim = await signUpAndLogin(svc, { email: uniqueEmail('victim', domain) });
    const admin = await signUpAndLogin(svc, { email: uniqueEmail('admin', domain), firstName: 'Ada', lastName: 'Admin' });
    const attacker = freshIp();
    for (let i = 0; i < 6; i++)
      assert.equal((await svc.request('POST', '/auth/password-reset', { email: victim.email }, { ip: attacker })).status, 202);
    await svc.flushMail();
    const resetMails = () => svc.smtp.to(victim.email).filter((m) => m.subject === 'Reset your password');
    assert.equal(resetMails().length, 2, 'the attacker got their network its 2 mails to the victim, no more');

    // The victim, from their own network, still gets a link.
    assert.equal((await svc.request('POST', '/auth/password-reset', { email: victim.email }, { ip: freshIp() })).status, 202);
    await svc.flushMail();
    assert.equal(resetMails().length, 3, "the victim's own request was mailed");

    // The Admin's invitation has a budget of its own.
    const invited = await svc.request(
      'POST',
      `/orgs/${admin.activeOrganizationId}/invitations`,
      { email: victim.email, roleId: 'editor' },
      { token: admin.token },
    );
    assert.equal(invited.status, 201, `the Admin's invitation: ${invited.raw.body}`);
    assert.equal(invited.body.delivery, 'email');
  });

  test('from all networks together a recipient gets at most four times the per-network cap', async () => {
    const u = await signUpAndLogin(svc);
    for (let n = 0; n < 6; n++) {
      const ip = freshIp();
      for (let i = 0; i < 3; i++) assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email }, { ip })).status, 202);
    }
    await svc.flushMail();
    assert.equal(svc.smtp.to(u.email).filter((m) => m.subject === 'Reset your password').length, 8, '2 per network, 8 (4 × 2) in all');
  });
});

describe('per-address limits on sign-up and password reset (3 per hour each)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ SIGNUPS_PER_ADDRESS_PER_HOUR: '3', PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '3' });
  });
  after(async () => {
    await svc?.close();
  });

  function assertRequestThrottled(res: Response) {
    assert.equal(res.status, 429, `expected 429, got ${res.status} ${res.raw.body}`);
    assert.equal(res.body.code, 'request.throttled');
    assert.match(String(res.headers['retry-after']), /^\d+$/, 'Retry-After');
  }

  const signup = (ip: string, email = uniqueEmail('many')) =>
    svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'Many', lastName: 'Accounts' }, { ip });

  test('the 4th sign-up from one address is 429 request.throttled, a neighbour in the same IPv6 /64 too; another network is not', async () => {
    const prefix = `2001:db8:${randomInt(0xffff).toString(16)}:${randomInt(0xffff).toString(16)}`;
    for (let i = 1; i <= 3; i++) assert.equal((await signup(`${prefix}::${i}`)).status, 202, `sign-up ${i}`);
    const email = uniqueEmail('fourth');
    assertRequestThrottled(await signup(`${prefix}::4`, email));
    assertRequestThrottled(await signup(`${prefix}:1:2:3:4`));
    const rows = await svc.gatehouse.db.query('SELECT 1 FROM users WHERE email = $1', [email]);
    assert.equal(rows.length, 0, 'a throttled sign-up creates nothing');
    assert.equal((await signup(freshIp())).status, 202, 'another network signs up');
    svc.clock.advance(60 * MINUTE + 1000);
    assert.equal((await signup(`${prefix}::5`)).status, 202, 'after the hour');
  });

  test('reset requests and reset confirmations are limited per address, before any address is looked up', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++)
      assert.equal((await svc.request('POST', '/auth/password-reset', { email: uniqueEmail('nobody') }, { ip })).status, 202);
    assertRequestThrottled(await svc.request('POST', '/auth/password-reset', { email: uniqueEmail('nobody') }, { ip }));
    const bogus = () => Buffer.from(Array.from({ length: 32 }, () => randomInt(256))).toString('base64url');
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await svc.request('POST', '/auth/password-reset/confirm', { token: bogus(), password: 'Fine-New-Secret-2024' }, { ip })).body.code,
        'token.invalid',
      );
    assertRequestThrottled(
      await svc.request('POST', '/auth/password-reset/confirm', { token: bogus(), password: 'Fine-New-Secret-2024' }, { ip }),
    );
  });
});
