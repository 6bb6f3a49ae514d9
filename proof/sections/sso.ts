// Single sign-on against credential events and across clients (issue 13: SSO tokens outlived a
// password change, a reset, a sign-out, an e-mail change and account deletion; any confidential
// client could introspect any other client's tokens). Against the real server process and
// PostgreSQL, with a real relying party (openid-client) whose clients are registered with the CLI:
//   - per credential event, users signed in through OpenID Connect (the browser's part scripted over
//     fetch, with the Gatehouse session cookie), their tokens tried at the token endpoint (refresh),
//     userinfo and introspection after the event: never accepted. Offline tokens too, except after
//     a sign-out, which by design ends the session's tokens and keeps offline access;
//   - another client introspecting and revoking those tokens: inactive, the answer for an unknown
//     token, nothing revoked;
//   - authorizations in flight while a reset commits: none of their codes redeems, and nothing of
//     the user is left live in the provider's tables;
//   - live codes, access and refresh tokens (offline ones included): never raw in a pg_dump (they
//     are stored as their SHA-256, like every other Gatehouse token).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as oidc from 'openid-client';
import type { Ctx } from '../support/context.js';
import { PASSWORD, seedUsers, type SeededUser } from '../support/db.js';
import { ROOT } from '../support/server.js';
import { CONFIG_VARS } from '../../test/support/process.js';
import { Browser } from '../../test/support/oidc.js';
import { comparable, type Answer } from '../support/http.js';
import { pool, sleep } from '../support/stats.js';

const S = 'sso';
const REDIRECT = 'http://127.0.0.1:9/callback';
const NEW_PASSWORD = 'Fresh-Battery-93-Staple';
type Tokens = oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;

export async function sso(ctx: Ctx) {
  const { call, db, smtp, server } = ctx;
  const q = db.query;
  const K = 6 * ctx.scale; // users per credential event

  /** What an operator runs: `gatehouse oidc-client create … --json`, against the run's database. */
  async function registerClient(name: string) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const v of CONFIG_VARS) delete env[v];
    Object.assign(env, { NODE_ENV: 'development', DATABASE_URL: db.url, PUBLIC_URL: server.base, LOG_LEVEL: 'warn' });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['dist/cli/main.js', 'oidc-client', 'create', '--name', name, '--redirect-uri', REDIRECT, '--json'],
      { cwd: ROOT, env },
    );
    const created = JSON.parse(stdout) as { id: string; secret: string };
    const config = await oidc.discovery(new URL(server.base), created.id, undefined, oidc.ClientSecretBasic(created.secret), {
      execute: [oidc.allowInsecureRequests],
    });
    return { ...created, config };
  }
  const a = await registerClient('Proof Dashboards');
  const b = await registerClient('Proof Reports');

  const browserOf = (sessionToken: string) => {
    const browser = new Browser(server.base);
    browser.cookies.set('gatehouse_session', { value: sessionToken, path: '/' });
    return browser;
  };
  /** A code flow through the Gatehouse session `sessionToken` (no password: the session signs in). */
  async function signIn(sessionToken: string, params: Record<string, string> = {}, browser = browserOf(sessionToken)): Promise<Tokens> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(a.config, {
      redirect_uri: REDIRECT,
      scope: 'openid email',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...params,
    });
    const hop = await browser.follow(url);
    if (!hop.url.searchParams.get('code')) throw new Error(`no code: ${hop.trail.join(' -> ')}`);
    return oidc.authorizationCodeGrant(a.config, hop.url, { pkceCodeVerifier: verifier, expectedState: state });
  }

  /** Uses of the tokens that were accepted: refresh, userinfo, introspection of the access and the refresh token. */
  async function acceptedUses(tokens: Tokens, sub: string, by = a): Promise<number> {
    const results = await Promise.all([
      oidc.tokenIntrospection(by.config, tokens.access_token).then(
        (r) => r.active === true,
        () => false,
      ),
      oidc.tokenIntrospection(by.config, tokens.refresh_token!).then(
        (r) => r.active === true,
        () => false,
      ),
      oidc.fetchUserInfo(by.config, tokens.access_token, sub).then(
        () => true,
        () => false,
      ),
    ]);
    // The refresh last: accepted, it would rotate the token the others were tried with.
    results.push(
      await oidc.refreshTokenGrant(by.config, tokens.refresh_token!).then(
        () => true,
        () => false,
      ),
    );
    return results.filter(Boolean).length;
  }

  async function resetLink(email: string): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const mail = smtp.mails.find((m) => m.to.includes(email) && m.text.includes('/reset-password?token='));
      if (mail) return /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
      if (Date.now() > deadline) throw new Error(`no reset mail for ${email}`);
      await sleep(100);
    }
  }
  const expect = (what: string, answer: Answer, status: number) => {
    if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
  };

  const events: [string, boolean, (u: SeededUser) => Promise<void>][] = [
    [
      'password change',
      true,
      async (u) =>
        expect(
          'password change',
          await call('PUT', '/me/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }),
          204,
        ),
    ],
    [
      'password reset',
      true,
      async (u) => {
        expect('reset request', await call('POST', '/auth/password-reset', { body: { email: u.email } }), 202);
        expect(
          'reset',
          await call('POST', '/auth/password-reset/confirm', { body: { token: await resetLink(u.email), password: NEW_PASSWORD } }),
          204,
        );
      },
    ],
    ['sign-out', false, async (u) => expect('sign-out', await call('POST', '/auth/logout', { token: u.token }), 204)],
    [
      'e-mail change request',
      true,
      async (u) =>
        expect(
          'e-mail change',
          await call('POST', '/me/email-change', { token: u.token, body: { newEmail: `moved-${u.email}`, password: PASSWORD } }),
          202,
        ),
    ],
    [
      'account deletion',
      true,
      async (u) => expect('deletion', await call('DELETE', '/me', { token: u.token, body: { password: PASSWORD } }), 204),
    ],
  ];
  const users = await seedUsers(q, K * events.length + K, { prefix: 'sso' });
  let before = 0;
  let beforeOf = 0;
  for (const [i, [event, offlineToo, run]] of events.entries()) {
    const group = users.slice(i * K, (i + 1) * K);
    let tried = 0;
    let accepted = 0;
    await pool(group, 3, async (u) => {
      const held = [await signIn(u.token)];
      if (offlineToo) held.push(await signIn(u.token, { scope: 'openid offline_access', prompt: 'consent' }));
      for (const t of held) {
        const active = (await oidc.tokenIntrospection(a.config, t.access_token)).active === true;
        if (!active) console.error(`   ${event}: a token of ${u.userId} was inactive before the event`);
        before += active ? 1 : 0;
        beforeOf += 1;
      }
      await run(u);
      for (const t of held) {
        accepted += await acceptedUses(t, u.userId);
        tried += 4;
      }
    });
    ctx.report.add(
      S,
      `OIDC token uses accepted after: ${event}${offlineToo ? ' (offline tokens included)' : ''}`,
      `${accepted} of ${tried}`,
      '0',
      accepted === 0,
    );
  }
  ctx.report.add(S, 'tokens active before their event (sanity)', `${before} of ${beforeOf}`, 'all', before === beforeOf);

  // Another client: introspection and revocation of client A's tokens.
  const others = users.slice(K * events.length);
  let introspected = 0;
  let revocationsTold = 0;
  let stillWorking = 0;
  const revoke = async (token: string) => {
    const res = await fetch(new URL('/oidc/token/revocation', server.base), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${b.id}:${b.secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token }).toString(),
    });
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    return comparable({ status: res.status, headers: h, text: await res.text(), body: undefined, ms: 0 });
  };
  const unknownAnswer = await revoke('x'.repeat(43));
  await pool(others, 3, async (u) => {
    const t = await signIn(u.token);
    for (const token of [t.access_token, t.refresh_token!]) {
      if ((await oidc.tokenIntrospection(b.config, token)).active) introspected++;
      if ((await revoke(token)) !== unknownAnswer) revocationsTold++;
    }
    if ((await oidc.tokenIntrospection(a.config, t.access_token)).active) stillWorking++;
  });
  ctx.report.add(
    S,
    "another client's introspection of a user's access and refresh tokens: active",
    `${introspected} of ${others.length * 2}`,
    '0',
    introspected === 0,
  );
  ctx.report.add(
    S,
    "another client's revocation answered unlike an unknown token's",
    `${revocationsTold} of ${others.length * 2}`,
    '0',
    revocationsTold === 0,
  );
  ctx.report.add(
    S,
    "tokens still working for their client after another's revocation",
    `${stillWorking} of ${others.length}`,
    'all',
    stillWorking === others.length,
  );

  // Authorizations in flight while a reset commits.
  const rounds = 3 * ctx.scale;
  const racers = await seedUsers(q, rounds, { prefix: 'sso-race' });
  let codes = 0;
  let redeemed = 0;
  let left = 0;
  for (const u of racers) {
    // One browser, signed in through OpenID Connect once: its provider session lets every racing
    // authorization (prompt=none) get a code at once, until the reset ends it.
    const browser = browserOf(u.token);
    await signIn(u.token, {}, browser);
    expect('reset request', await call('POST', '/auth/password-reset', { body: { email: u.email } }), 202);
    const link = await resetLink(u.email);
    const attempts = Array.from({ length: 24 }, async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(a.config, {
        redirect_uri: REDIRECT,
        scope: 'openid',
        prompt: 'none',
        state,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const hop = await browser.follow(url);
      return { callback: hop.url, verifier, state };
    });
    const reset = call('POST', '/auth/password-reset/confirm', { body: { token: link, password: NEW_PASSWORD } });
    const answers = await Promise.all(attempts);
    expect('reset', await reset, 204);
    for (const { callback, verifier, state } of answers) {
      if (!callback.searchParams.get('code')) continue;
      codes++;
      if (
        await oidc.authorizationCodeGrant(a.config, callback, { pkceCodeVerifier: verifier, expectedState: state }).then(
          () => true,
          () => false,
        )
      )
        redeemed++;
    }
    const [row] = (await q(`SELECT count(*)::int AS n FROM oidc_payloads WHERE account_id = $1`, [u.userId])) as { n: number }[];
    left += row!.n;
  }
  ctx.report.add(
    S,
    'codes from authorizations in flight during a reset, redeemed after it',
    `${redeemed} of ${codes} issued (${rounds} rounds × 24)`,
    '0',
    redeemed === 0,
  );
  ctx.report.add(S, 'live provider rows of those users after the reset', left, '0', left === 0);

  // Bearer values the provider issued, still live: found raw in a dump of the database?
  const holders = await seedUsers(q, K, { prefix: 'sso-dump' });
  const live: string[] = [];
  await pool(holders, 3, async (u) => {
    const t = await signIn(u.token, { scope: 'openid offline_access', prompt: 'consent' });
    const refreshed = await oidc.refreshTokenGrant(a.config, t.refresh_token!);
    live.push(refreshed.access_token, refreshed.refresh_token!, t.access_token);
  });
  const dump = await db.dump();
  const inDump = live.filter((v) => dump.includes(v)).length;
  ctx.report.add(
    S,
    'live OIDC access and refresh tokens found raw in pg_dump',
    `${inDump} of ${live.length} (${(dump.length / 1e6).toFixed(1)} MB searched)`,
    '0',
    inDump === 0 && live.length === 3 * K,
  );
}
