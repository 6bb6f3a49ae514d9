// Two settings of a real deployment, through HTTP: an https:// PUBLIC_URL (the session cookie is
// `__Host-` and Secure) and TRUST_PROXY (the client address comes from X-Forwarded-For only when
// the request comes from the trusted proxy: sessions record it, and the per-address login limit
// counts it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signUpAndLogin, startTestService, STRONG_PASSWORD, uniqueEmail, type TestService } from '../support/service.js';

/** The Set-Cookie headers of a response, as an array. */
const setCookies = (headers: Record<string, unknown>) => {
  const v = headers['set-cookie'];
  return Array.isArray(v) ? (v as string[]) : v === undefined ? [] : [String(v)];
};

describe('an https:// PUBLIC_URL', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ PUBLIC_URL: 'https://id.gatehouse.test' });
  });
  after(() => svc?.close());

  test('the session cookie is __Host-gatehouse_session: Secure, HttpOnly, Path=/, no Domain', async () => {
    const u = await signUpAndLogin(svc);
    const login = await svc.request('POST', '/auth/login', { email: u.email, password: STRONG_PASSWORD });
    assert.equal(login.status, 200, 'signed in');
    const cookies = setCookies(login.headers);
    assert.equal(cookies.length, 1, `one cookie: ${cookies.join(' | ')}`);
    const [nameValue, ...attributes] = cookies[0]!.split(';').map((p) => p.trim());
    assert.equal(nameValue!.split('=')[0], '__Host-gatehouse_session', 'the __Host- prefix');
    const attrs = attributes.map((a) => a.toLowerCase());
    assert.ok(attrs.includes('secure'), `Secure: ${cookies[0]}`);
    assert.ok(attrs.includes('httponly'), `HttpOnly: ${cookies[0]}`);
    assert.ok(attrs.includes('path=/'), `Path=/: ${cookies[0]}`);
    assert.equal(
      attrs.some((a) => a.startsWith('domain=')),
      false,
      `no Domain (host-only): ${cookies[0]}`,
    );

    assert.equal((await svc.request('GET', '/me', undefined, { cookie: nameValue })).status, 200, 'the cookie signs the user in');
    const token = nameValue!.slice(nameValue!.indexOf('=') + 1);
    assert.equal(
      (await svc.request('GET', '/me', undefined, { cookie: `gatehouse_session=${token}` })).status,
      401,
      'the same token under the plain name (which a sibling host could set) is not a session',
    );

    const logout = await svc.request('POST', '/auth/logout', undefined, { cookie: nameValue });
    assert.equal(logout.status, 204, 'signed out');
    const cleared = setCookies(logout.headers).find((c) => c.startsWith('__Host-gatehouse_session='));
    assert.ok(
      cleared && /secure/i.test(cleared) && /expires=thu, 01 jan 1970|max-age=0/i.test(cleared),
      `the cookie is cleared, Secure too: ${cleared}`,
    );
  });

  test('links in mails use the https:// address', async () => {
    const email = uniqueEmail('https');
    assert.equal(
      (await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'Sven', lastName: 'Secure' })).status,
      202,
      'signed up',
    );
    const mail = await svc.smtp.waitFor(email);
    assert.match(mail.text, /https:\/\/id\.gatehouse\.test\/verify-email\?token=/, 'the verification link');
  });
});

describe('an http:// PUBLIC_URL (development)', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc?.close());

  test('the cookie is plain gatehouse_session, not Secure (a browser would drop a Secure cookie over http)', async () => {
    const u = await signUpAndLogin(svc);
    const cookie = setCookies((await svc.request('POST', '/auth/login', { email: u.email, password: STRONG_PASSWORD })).headers)[0] ?? '';
    assert.match(cookie, /^gatehouse_session=/, `the plain name: ${cookie}`);
    assert.doesNotMatch(cookie, /;\s*secure/i, `not Secure: ${cookie}`);
  });
});

describe('TRUST_PROXY', () => {
  const PROXY = '10.0.0.1';
  let behind: TestService;
  let direct: TestService;
  before(async () => {
    behind = await startTestService({ TRUST_PROXY: PROXY, LOGIN_IP_MAX_ATTEMPTS: '3' });
    direct = await startTestService({ LOGIN_IP_MAX_ATTEMPTS: '3' });
  });
  after(async () => {
    await behind?.close();
    await direct?.close();
  });

  const ipOfSession = async (svc: TestService, userId: string) =>
    (
      await svc.gatehouse.db.query<{ ip: string }>('SELECT ip FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [userId])
    )[0]!.ip;
  const loginFrom = (svc: TestService, email: string, password: string, ip: string, forwardedFor?: string) =>
    svc.request('POST', '/auth/login', { email, password }, { ip, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

  test('from the trusted proxy, the client is the X-Forwarded-For address; from anyone else the header is ignored', async () => {
    const u = await signUpAndLogin(behind);
    assert.equal((await loginFrom(behind, u.email, STRONG_PASSWORD, PROXY, '203.0.113.7')).status, 200, 'through the proxy');
    assert.equal(await ipOfSession(behind, u.userId), '203.0.113.7', 'the session records the client behind the proxy');
    assert.equal((await loginFrom(behind, u.email, STRONG_PASSWORD, '198.51.100.9', '203.0.113.99')).status, 200, 'straight from a client');
    assert.equal(
      await ipOfSession(behind, u.userId),
      '198.51.100.9',
      'a forwarded-for header from a client that is not the proxy is not believed',
    );
  });

  test('without TRUST_PROXY the header is never believed', async () => {
    const u = await signUpAndLogin(direct);
    assert.equal((await loginFrom(direct, u.email, STRONG_PASSWORD, PROXY, '203.0.113.7')).status, 200, 'signed in');
    assert.equal(await ipOfSession(direct, u.userId), PROXY, "the connection's address");
  });

  /** Wrong passwords for addresses that do not exist (so only the per-address limit counts) until refused. */
  async function failuresUntilRefused(svc: TestService, ip: string, forwardedFor: string, max = 6) {
    for (let i = 1; i <= max; i++) {
      const r = await loginFrom(svc, uniqueEmail('guess'), 'Wrong-Battery-42-x', ip, forwardedFor);
      if (r.status === 429) return i;
      assert.equal(r.status, 401, `attempt ${i}: ${r.raw.body}`);
    }
    return undefined;
  }

  test('the per-address login limit counts each client behind the proxy, not the proxy', async () => {
    assert.equal(await failuresUntilRefused(behind, PROXY, '203.0.113.20'), 4, 'one client is refused after 3 failures');
    assert.equal(await failuresUntilRefused(behind, PROXY, '203.0.113.21'), 4, 'another client behind the same proxy has its own count');
  });

  test("without TRUST_PROXY every client behind a proxy shares the proxy's count", async () => {
    assert.equal(await failuresUntilRefused(direct, PROXY, '203.0.113.30'), 4, "the first client uses up the proxy's count");
    assert.equal(await failuresUntilRefused(direct, PROXY, '203.0.113.31'), 1, 'the next client is refused at once');
  });
});
