// Tokens (Keycloak CVE-2026-1529, CVE-2026-4325: forged or replayed invitation and reset tokens;
// ZITADEL CVE-2025-64101: reset links built from a forged X-Forwarded-Host). Tokens of each kind
// are issued through the real server (mailed links caught by the SMTP catcher, invitation links
// from the API's answer, sessions from login), then: unique, ≥ 128 bits, never raw in a database
// dump or the server's log; replayed, used for the wrong purpose, by the wrong user, with one
// character changed: never accepted; 50 concurrent uses of one token: exactly one success. TOTP
// secrets, recovery codes and mfaTokens are never raw in the dump or the log either.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../support/context.js';
import { PASSWORD, seedUsers, type SeededUser } from '../support/db.js';
import type { Answer } from '../support/http.js';
import { fmt, pool, sleep, together } from '../support/stats.js';
import { totpCodeAt } from '../../src/core/mfa/totp.js';

const S = 'tokens';
const NEW_PASSWORD = 'Fresh-Battery-93-Staple';
const ok = (a: Answer) => a.status >= 200 && a.status < 300;

export async function tokens(ctx: Ctx) {
  const { call, db, smtp } = ctx;
  const q = db.query;
  const N = Number(process.env.PROOF_TOKENS ?? 2_500 * ctx.scale); // per cheap kind (10,000 at PROOF_SCALE=4)
  const M = 60 * ctx.scale; // per argon2-bound kind (e-mail change needs the password; sessions a login)
  const t0 = Date.now();
  const linkToken = (text: string, page: string) => new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];

  async function mailed(users: { email: string }[], page: string): Promise<string[]> {
    const deadline = Date.now() + 180_000;
    const want = new Set(users.map((u) => u.email));
    for (;;) {
      const got = smtp.mails.filter((m) => m.to.some((t) => want.has(t)) && m.text.includes(`/${page}?token=`));
      if (got.length >= users.length || Date.now() > deadline) return got.map((m) => linkToken(m.text, page)!).filter(Boolean);
      await sleep(250);
    }
  }

  // Reset links, verification links, invitation links, e-mail change links, sessions.
  const resetUsers = await seedUsers(q, N, { prefix: 'tok-reset' });
  const unverified = await seedUsers(q, N, { prefix: 'tok-verify', verified: false, sessions: false });
  const changers = await seedUsers(q, M, { prefix: 'tok-change' });
  const loginUsers = await seedUsers(q, M, { prefix: 'tok-login', sessions: false });
  const [inviter] = await seedUsers(q, 1, { prefix: 'tok-inviter', domain: 'inviter.example' });
  const inviteeEmails = Array.from({ length: N }, (_, i) => `invitee-${i}-${randomUUID().slice(0, 6)}@invitee.example`);

  // A forged Host / X-Forwarded-Host must not change where the link points.
  const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'host=evil.example' };
  await pool(resetUsers, 16, async (u, i) =>
    call('POST', '/auth/password-reset', { body: { email: u.email }, headers: i % 2 ? forged : {} }),
  );
  await pool(unverified, 16, async (u) => call('POST', '/auth/resend-verification', { body: { email: u.email } }));
  const invitee = new Map<string, string>();
  await pool(inviteeEmails, 16, async (email) => {
    const r = await call('POST', `/orgs/${inviter!.orgId}/invitations`, { token: inviter!.token, body: { email, roleId: 'viewer' } });
    if (r.status === 201) invitee.set(new URL(r.body.link).searchParams.get('token')!, email);
  });
  const invitationTokens = [...invitee.keys()];
  const newEmails = changers.map((u) => ({ email: `changed-${u.email}` }));
  await pool(changers, 4, (u, i) =>
    call('POST', '/me/email-change', { token: u.token, body: { newEmail: newEmails[i]!.email, password: PASSWORD } }),
  );
  const sessionTokens: string[] = [];
  await pool(loginUsers, 4, async (u) => {
    const r = await call('POST', '/auth/login', { body: { email: u.email, password: PASSWORD } });
    if (r.status === 200) sessionTokens.push(r.body.token);
  });
  const kinds: Record<string, string[]> = {
    'password reset': await mailed(resetUsers, 'reset-password'),
    'e-mail verification': await mailed(unverified, 'verify-email'),
    invitation: invitationTokens,
    'e-mail change': await mailed(newEmails, 'confirm-email-change'),
    session: sessionTokens,
  };
  const resetLinks = smtp.mails
    .filter((m) => m.text.includes('/reset-password?token='))
    .flatMap((m) => [...m.text.matchAll(/(\S+)\/reset-password\?token=/g)].map((x) => x[1]));
  const foreignLinks = resetLinks.filter((base) => base !== ctx.server.base).length;

  const all = Object.values(kinds).flat();
  const unique = new Set(all).size;
  const issued = Object.entries(kinds)
    .map(([k, v]) => `${k} ${fmt(v.length, 0)}`)
    .join(', ');
  const expected = 3 * N + 2 * M;
  ctx.report.add(
    S,
    'issued through the server',
    `${issued} (${fmt((Date.now() - t0) / 1000)} s)`,
    `${fmt(N, 0)} per mailed/link kind, ${M} per argon2-bound kind`,
    all.length === expected,
  );
  ctx.report.add(S, 'all unique', `${fmt(unique, 0)} distinct of ${fmt(all.length, 0)}`, 'all', unique === all.length);
  // base64url: 6 bits a character; the alphabet actually used must be the full 64 (no narrower encoding).
  const minLen = Math.min(...all.map((t) => t.length));
  const alphabet = new Set(all.join('')).size;
  const bits = Math.floor(minLen * Math.log2(Math.min(64, alphabet)));
  ctx.report.add(
    S,
    'bits of randomness (shortest token × log2 alphabet)',
    `${bits} (${minLen} chars over ${alphabet} symbols)`,
    '≥ 128',
    bits >= 128,
  );

  // Second factors' secrets (issue 17): a TOTP secret (sealed at rest), recovery codes and the
  // mfaToken of a pending sign-in (stored hashed) must not be found either.
  const mfaSecrets: string[] = [];
  for (const u of await seedUsers(q, 3, { prefix: 'tok-mfa' })) {
    const secret = (await call('POST', '/me/mfa/totp', { token: u.token })).body.secret as string;
    const done = await call('POST', '/me/mfa/totp/confirm', { token: u.token, body: { code: totpCodeAt(secret, new Date()) } });
    const login = await call('POST', '/auth/login', { body: { email: u.email, password: PASSWORD } });
    mfaSecrets.push(secret, ...((done.body.recoveryCodes ?? []) as string[]), login.body.mfaToken as string);
  }

  // Raw in a dump of the database or in the server's log?
  const dump = await db.dump();
  const log = readFileSync(ctx.server.logFile, 'utf8');
  const tokenSet = new Set(all);
  const raw = (text: string) => [...text.matchAll(/[A-Za-z0-9_-]{22,}/g)].filter((m) => tokenSet.has(m[0])).length;
  const inDump = raw(dump);
  const inLog = raw(log);
  ctx.report.add(
    S,
    'found raw in pg_dump / in the server log',
    `${inDump} / ${inLog} (${fmt(dump.length / 1e6)} MB / ${fmt(log.length / 1e6)} MB searched)`,
    '0 / 0',
    inDump === 0 && inLog === 0,
  );
  const mfaRaw = mfaSecrets.filter((v) => [v, v.replace(/-/g, '')].some((form) => dump.includes(form) || log.includes(form))).length;
  ctx.report.add(
    S,
    'TOTP secrets, recovery codes, mfaTokens found raw in pg_dump or the server log',
    `${mfaRaw} of ${mfaSecrets.length}`,
    '0 of 36',
    mfaRaw === 0 && mfaSecrets.filter(Boolean).length === 36,
  );
  ctx.report.add(
    S,
    'reset links pointing elsewhere than PUBLIC_URL (half sent with a forged X-Forwarded-Host)',
    `${foreignLinks} of ${resetLinks.length}`,
    '0',
    foreignLinks === 0 && resetLinks.length > 0,
  );

  // Uses: each kind's consuming request, and a harmless probe where there is one.
  const use: Record<string, (t: string, as?: string) => Promise<Answer>> = {
    'password reset': (t) => call('POST', '/auth/password-reset/confirm', { body: { token: t, password: NEW_PASSWORD } }),
    'e-mail verification': (t) => call('POST', '/auth/verify-email', { body: { token: t, password: PASSWORD } }),
    'e-mail change': (t) => call('POST', '/auth/confirm-email-change', { body: { token: t } }),
    invitation: (t, as) => call('POST', '/invitations/accept', { token: as, body: { token: t } }),
    session: (t) => call('GET', '/me', { token: t }),
  };
  // An invitee account for each invitation used (the verified address it was sent to).
  const sample = 12 * ctx.scale;
  const inviteeUsers = new Map<string, SeededUser>();
  for (const t of invitationTokens.slice(0, sample + 2)) {
    const [u] = await seedUsers(q, 1, { prefix: 'tok-invitee' });
    await q('UPDATE users SET email = $2 WHERE id = $1', [u!.userId, invitee.get(t)]);
    inviteeUsers.set(t, u!);
  }
  const [stranger] = await seedUsers(q, 1, { prefix: 'tok-stranger' });

  // Wrong purpose: every token offered to every other kind's consuming route (before any is used).
  let wrongPurpose = 0;
  let wrongPurposeTried = 0;
  for (const [kind, list] of Object.entries(kinds)) {
    for (const t of list.slice(sample, sample + 5)) {
      for (const [other, fn] of Object.entries(use)) {
        if (other === kind) continue;
        wrongPurposeTried++;
        if (ok(await fn(t, stranger!.token))) wrongPurpose++;
      }
    }
  }
  ctx.report.add(S, 'accepted for the wrong purpose', `${wrongPurpose} of ${wrongPurposeTried}`, '0', wrongPurpose === 0);

  // Wrong user: an invitation by a signed-in user whose address is not the invitation's.
  let wrongUser = 0;
  const wrongUserTokens = invitationTokens.slice(sample + 10, sample + 10 + 20 * ctx.scale);
  for (const t of wrongUserTokens) if (ok(await use.invitation!(t, stranger!.token))) wrongUser++;
  ctx.report.add(S, 'invitations accepted by the wrong user', `${wrongUser} of ${wrongUserTokens.length}`, '0', wrongUser === 0);

  // One character changed, at every position, of a few tokens of each kind (each with every other
  // symbol at that place would be 64× more; one substitution per position proves the comparison
  // covers every byte).
  let mutated = 0;
  let mutatedTried = 0;
  for (const [kind, list] of Object.entries(kinds)) {
    for (const t of list.slice(sample + 5, sample + 7)) {
      await pool(
        [...t].map((_, i) => i),
        8,
        async (i) => {
          const c = t[i]!;
          const swapped = t.slice(0, i) + (c === 'A' ? 'B' : 'A') + t.slice(i + 1);
          mutatedTried++;
          const as = kind === 'invitation' ? inviteeUsers.get(t)?.token : undefined;
          if (ok(await use[kind]!(swapped, as))) mutated++;
        },
      );
    }
  }
  ctx.report.add(S, 'accepted with one character changed', `${mutated} of ${fmt(mutatedTried, 0)}`, '0', mutated === 0);

  // Replays: used once (must work), then 10 more times.
  let firstUses = 0;
  let replays = 0;
  let replayed = 0;
  for (const [kind, list] of Object.entries(kinds)) {
    if (kind === 'session') continue; // a session is meant to be used again: logout is its replay test
    for (const t of list.slice(0, sample)) {
      const as = kind === 'invitation' ? inviteeUsers.get(t)!.token : undefined;
      const first = await use[kind]!(t, as);
      if (ok(first)) firstUses++;
      else console.error(`   tokens: first use of a ${kind} token: ${first.status} ${first.text.slice(0, 200)}`);
      for (let k = 0; k < 10; k++) {
        replays++;
        if (ok(await use[kind]!(t, as))) replayed++;
      }
    }
  }
  for (const t of kinds.session!.slice(0, sample)) {
    await call('POST', '/auth/logout', { token: t });
    for (let k = 0; k < 10; k++) {
      replays++;
      if (ok(await use.session!(t))) replayed++;
    }
  }
  ctx.report.add(S, 'first use of a fresh token works (sanity)', `${firstUses} of ${sample * 4}`, 'all', firstUses === sample * 4);
  ctx.report.add(S, 'replays accepted (10 per used token; sessions after logout)', `${replayed} of ${replays}`, '0', replayed === 0);

  // 50 concurrent uses of one token, per kind.
  const concurrent: string[] = [];
  let allExactlyOne = true;
  for (const kind of ['password reset', 'e-mail verification', 'e-mail change', 'invitation']) {
    const t = kinds[kind]![sample + 1]!;
    const as = kind === 'invitation' ? inviteeUsers.get(t)!.token : undefined;
    const answers = await together(Array.from({ length: 50 }, () => () => use[kind]!(t, as)));
    const wins = answers.filter(ok).length;
    // 503 service.busy: a reset confirmation hashes before it consumes, and anonymous hashing may
    // hold only its share of the gate: the rest is shed by design (docs/security.md).
    const shed = answers.filter((a) => a.status === 503 && a.body?.code === 'service.busy').length;
    const errors5xx = answers.filter((a) => a.status >= 500).length - shed;
    concurrent.push(`${kind} ${wins}${shed ? ` (${shed} shed)` : ''}${errors5xx ? ` (${errors5xx} × 5xx)` : ''}`);
    if (wins !== 1 || errors5xx) allExactlyOne = false;
  }
  ctx.report.add(S, '50 concurrent uses of one token → successes', concurrent.join(', '), 'exactly 1 each', allExactlyOne);
}
