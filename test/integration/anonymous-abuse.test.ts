// What an anonymous caller could make the service do at someone else's cost (issue 13, items 4, 9,
// 10, 14): hashing capacity spent by bogus reset confirmations and sign-ups, accounts pre-created
// with another person's address, unverified accounts piling up, links in the names of anonymous
// mails, and the API explorer and /metrics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { startTestService, signUpAndLogin, uniqueEmail, STRONG_PASSWORD, type TestService } from '../support/service.js';
import { tokenFrom } from '../support/smtp.js';

const HOUR = 3_600_000;
const bogusToken = () => randomBytes(32).toString('base64url');
const ip = () => `10.77.${randomInt(256)}.${randomInt(1, 255)}`;

async function metric(svc: TestService, name: string): Promise<number> {
  const text = (await svc.request('GET', '/metrics')).body as string;
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1]);
}

describe('anonymous hashing', () => {
  let svc: TestService;
  before(async () => {
    // 4 slots and 8 places in the queue: anonymous hashing may hold 1 of each.
    svc = await startTestService({ HASH_CONCURRENCY: '4', HASH_QUEUE_LIMIT: '8' });
  });
  after(async () => {
    await svc?.close();
  });

  test('a reset confirmation with a made-up token costs no hash', async () => {
    const before = await metric(svc, 'gatehouse_password_hashes_total');
    assert.ok(Number.isFinite(before), 'the hash counter is published on /metrics');
    for (let i = 0; i < 10; i++) {
      const res = await svc.request(
        'POST',
        '/auth/password-reset/confirm',
        { token: bogusToken(), password: 'Fine-New-Secret-2024' },
        { ip: ip() },
      );
      assert.equal(res.body.code, 'token.invalid', `a made-up token: ${res.raw.body}`);
    }
    assert.equal((await metric(svc, 'gatehouse_password_hashes_total')) - before, 0, 'no hash for 10 made-up tokens');
  });

  test('a sign-up storm holds only its share of the hashing gate: every login during it succeeds', async () => {
    const users = [];
    for (let i = 0; i < 4; i++) users.push(await signUpAndLogin(svc));
    const anonymousBefore = await metric(svc, 'gatehouse_password_hashes_anonymous_total');
    const storm = Array.from({ length: 40 }, () =>
      svc.request(
        'POST',
        '/auth/signup',
        { email: uniqueEmail('storm'), password: STRONG_PASSWORD, firstName: 'Storm', lastName: 'Er' },
        { ip: ip() },
      ),
    );
    // Let the storm reach the hasher, then sign in while it is queued.
    await new Promise((r) => setTimeout(r, 30));
    const logins = await Promise.all(
      users.map((u) => svc.request('POST', '/auth/login', { email: u.email, password: u.password }, { ip: ip() })),
    );
    const stormAnswers = await Promise.all(storm);
    assert.deepEqual(
      logins.map((r) => r.status),
      [200, 200, 200, 200],
      `logins during the storm: ${logins.map((r) => r.raw.body).join(' | ')}`,
    );
    const shed = stormAnswers.filter((r) => r.status === 503);
    assert.ok(shed.length > 0, `past its share the storm is shed: ${stormAnswers.map((r) => r.status).join(',')}`);
    for (const r of shed) assert.equal(r.body.code, 'service.busy');
    for (const r of stormAnswers) assert.ok([202, 503].includes(r.status), `sign-up answered ${r.status}`);
    const hashed = (await metric(svc, 'gatehouse_password_hashes_anonymous_total')) - anonymousBefore;
    assert.equal(hashed, stormAnswers.filter((r) => r.status === 202).length, 'one anonymous hash per accepted sign-up');
  });
});

describe('account pre-creation', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(async () => {
    await svc?.close();
  });

  const verifyLinks = (email: string) =>
    svc.smtp
      .to(email)
      .filter((m) => m.subject === 'Confirm your e-mail address')
      .map((m) => tokenFrom(m, 'verify-email'));

  test("the victim's confirmation without the attacker's password verifies nothing; their own sign-up replaces the attacker's password and link", async () => {
    const victim = uniqueEmail('victim');
    const attackerPassword = 'Attacker-Chose-This-7';
    assert.equal(
      (
        await svc.request(
          'POST',
          '/auth/signup',
          { email: victim, password: attackerPassword, firstName: 'Eve', lastName: 'Attacker' },
          { ip: ip() },
        )
      ).status,
      202,
    );
    await svc.flushMail();
    const [attackerLink] = verifyLinks(victim);
    assert.ok(attackerLink, 'the first sign-up mailed a link');

    // The victim clicks the link they never asked for: without the password it confirms nothing.
    const guessed = await svc.request('POST', '/auth/verify-email', { token: attackerLink, password: STRONG_PASSWORD }, { ip: ip() });
    assert.equal(guessed.status, 401, `wrong password: ${guessed.raw.body}`);
    assert.equal(guessed.body.code, 'auth.invalid_credentials');
    const [row] = await svc.gatehouse.db.query<{ email_verified_at: Date | null }>('SELECT email_verified_at FROM users WHERE email = $1', [
      victim,
    ]);
    assert.equal(row?.email_verified_at, null, 'still unverified');

    // The victim signs up themself: the attacker's password and link die.
    const victimPassword = 'Victim-Own-Choice-42';
    assert.equal(
      (
        await svc.request(
          'POST',
          '/auth/signup',
          { email: victim, password: victimPassword, firstName: 'Vera', lastName: 'Victim' },
          { ip: ip() },
        )
      ).status,
      202,
    );
    await svc.flushMail();
    const links = verifyLinks(victim);
    assert.equal(links.length, 2, 'a second verification mail');
    const victimLink = links[1]!;
    assert.equal(
      (await svc.request('POST', '/auth/verify-email', { token: attackerLink, password: attackerPassword }, { ip: ip() })).body.code,
      'token.invalid',
      "the attacker's link is dead",
    );
    assert.equal(
      (await svc.request('POST', '/auth/verify-email', { token: victimLink, password: attackerPassword }, { ip: ip() })).status,
      401,
      "the attacker's password no longer fits",
    );
    const verified = await svc.request('POST', '/auth/verify-email', { token: victimLink, password: victimPassword }, { ip: ip() });
    assert.equal(verified.status, 200, verified.raw.body);
    assert.equal(verified.body.user.firstName, 'Vera', 'the names of the latest sign-up');
    assert.equal(
      (await svc.request('POST', '/auth/login', { email: victim, password: attackerPassword }, { ip: ip() })).status,
      401,
      'the attacker cannot sign in',
    );
    assert.equal(
      (await svc.request('POST', '/auth/login', { email: victim, password: victimPassword }, { ip: ip() })).status,
      200,
      'the victim can',
    );
    const users = await svc.gatehouse.db.query('SELECT 1 FROM users WHERE email = $1', [victim]);
    assert.equal(users.length, 1, 'one account');
  });

  test('a sign-up for a verified address changes nothing', async () => {
    const owner = await signUpAndLogin(svc);
    assert.equal(
      (
        await svc.request(
          'POST',
          '/auth/signup',
          { email: owner.email, password: 'Attacker-Chose-This-7', firstName: 'Eve', lastName: 'A' },
          { ip: ip() },
        )
      ).status,
      202,
    );
    assert.equal((await svc.request('POST', '/auth/login', { email: owner.email, password: owner.password }, { ip: ip() })).status, 200);
    assert.equal(
      (await svc.request('POST', '/auth/login', { email: owner.email, password: 'Attacker-Chose-This-7' }, { ip: ip() })).status,
      401,
    );
  });
});

describe('unverified accounts and names in anonymous mails', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(async () => {
    await svc?.close();
  });

  const userCount = async (email: string) => (await svc.gatehouse.db.query('SELECT 1 FROM users WHERE email = $1', [email])).length;

  test('the maintenance job purges accounts whose verification link expired, with their organization; others stay', async () => {
    const stale = uniqueEmail('stale');
    assert.equal(
      (
        await svc.request(
          'POST',
          '/auth/signup',
          { email: stale, password: STRONG_PASSWORD, firstName: 'Stale', lastName: 'S' },
          { ip: ip() },
        )
      ).status,
      202,
    );
    const [{ active_org_id: orgId }] = (await svc.gatehouse.db.query<{ active_org_id: string }>(
      'SELECT active_org_id FROM users WHERE email = $1',
      [stale],
    )) as [{ active_org_id: string }];
    const verified = await signUpAndLogin(svc);
    svc.clock.advance(23 * HOUR);
    const renewed = uniqueEmail('renewed');
    assert.equal(
      (
        await svc.request(
          'POST',
          '/auth/signup',
          { email: renewed, password: STRONG_PASSWORD, firstName: 'Renewed', lastName: 'R' },
          { ip: ip() },
        )
      ).status,
      202,
    );
    svc.clock.advance(HOUR + 60_000);
    await svc.gatehouse.maintenance.run();
    assert.equal(await userCount(stale), 0, 'the unverified account whose link expired is gone');
    assert.equal((await svc.gatehouse.db.query('SELECT 1 FROM organizations WHERE id = $1', [orgId])).length, 0, 'its organization too');
    assert.equal(await userCount(verified.email), 1, 'a verified account stays');
    assert.equal(await userCount(renewed), 1, 'an unverified account whose link still lives stays');
    // The address is free again: a new sign-up works from scratch.
    assert.equal(
      (
        await svc.request(
          'POST',
          '/auth/signup',
          { email: stale, password: STRONG_PASSWORD, firstName: 'Again', lastName: 'S' },
          { ip: ip() },
        )
      ).status,
      202,
    );
    assert.equal(await userCount(stale), 1);
  });

  test('a name carrying a link or a domain is left out of the greeting of the mails it causes', async () => {
    for (const firstName of ['Win a prize at https://prize.example/claim', 'Visit evil.example now']) {
      const email = uniqueEmail('named');
      assert.equal(
        (await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName, lastName: 'X' }, { ip: ip() })).status,
        202,
      );
      const mail = await svc.smtp.waitFor(email, (m) => m.subject === 'Confirm your e-mail address');
      assert.ok(!mail.text.includes('prize.example') && !mail.text.includes('evil.example'), `the name is not in the mail:\n${mail.text}`);
      assert.ok(!mail.html.includes('prize.example') && !mail.html.includes('evil.example'), 'nor in its HTML');
      assert.match(mail.text, /^Hello,$/m, 'a greeting without the name');
    }
    const email = uniqueEmail('plain');
    assert.equal(
      (
        await svc.request(
          'POST',
          '/auth/signup',
          { email, password: STRONG_PASSWORD, firstName: 'Dr. Anna-Lena', lastName: 'X' },
          { ip: ip() },
        )
      ).status,
      202,
    );
    assert.match(
      (await svc.smtp.waitFor(email, (m) => m.subject === 'Confirm your e-mail address')).text,
      /^Hello Dr\. Anna-Lena,$/m,
      'an ordinary name is kept',
    );
  });
});

describe('the API explorer and /metrics', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ METRICS_TOKEN: TOKEN });
  });
  after(async () => {
    await svc?.close();
  });

  test('/api/docs is served with the Content-Security-Policy and frame protection of the web UI', async () => {
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/static/swagger-initializer.js']) {
      const res = await svc.request('GET', path);
      assert.ok(res.status < 400, `${path}: ${res.status}`);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, `${path}: CSP`);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'(;|$)/, `${path}: only own scripts`);
      assert.equal(res.headers['x-frame-options'], 'DENY', `${path}: X-Frame-Options`);
    }
  });

  test('with METRICS_TOKEN, /metrics answers only its bearer', async () => {
    const none = await svc.request('GET', '/metrics');
    assert.equal(none.status, 401, 'without a token');
    assert.equal(none.body.code, 'auth.unauthenticated');
    assert.doesNotMatch(none.raw.body, /gatehouse_/, 'no metric leaks');
    assert.equal((await svc.request('GET', '/metrics', undefined, { token: `${TOKEN}x` })).status, 401, 'a wrong token');
    assert.equal((await svc.request('GET', '/metrics', undefined, { token: TOKEN.slice(0, -1) })).status, 401, 'a prefix of it');
    const ok = await svc.request('GET', '/metrics', undefined, { token: TOKEN });
    assert.equal(ok.status, 200, 'the right token');
    assert.match(ok.body, /^gatehouse_http_requests_total/m);
  });
});
