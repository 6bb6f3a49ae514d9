// Brute force (ZITADEL CVE-2023-47111: lockout bypassed by parallel guesses). 100 wrong passwords
// and the right one at once: at most LOGIN_MAX_ATTEMPTS hash verifications (read from /metrics),
// the right one refused once the account is throttled; the victim can still reset; an untrusted
// peer's X-Forwarded-For does not reset the per-address count; anonymous mail to one address capped.
// Second factors (issue 17): 100 wrong TOTP codes and 100 wrong recovery codes at once against one
// sign-in never succeed and are checked at most 5 times (the mfaToken's tries, each also counted by
// the login throttle); a code and a recovery code are accepted once (replay refused).
import type { Ctx } from '../support/context.js';
import { PASSWORD, seedUsers } from '../support/db.js';
import { sleep, together } from '../support/stats.js';
import { totpCodeAt } from '../../src/core/mfa/totp.js';

const S = 'brute force';
const THRESHOLD = 10; // LOGIN_MAX_ATTEMPTS, the default
const MAIL_CAP = 5; // MAILS_PER_RECIPIENT_PER_HOUR, the default
const MFA_TRIES = 5; // an mfaToken's tries (IDENTITY.md)

/** Six digits no authenticator shows within a step either side of now. */
function wrongCodes(secret: string, n: number): string[] {
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((d) => totpCodeAt(secret, new Date(now + d * 30_000))));
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const code = String((i * 7919 + 13) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) out.push(code);
  }
  return out;
}

/** Second factors under parallel guessing, and replay. */
async function secondFactors(ctx: Ctx) {
  const { call, db } = ctx;
  const [user] = await seedUsers(db.query, 1, { prefix: 'totp', sessions: false });
  const email = user!.email;
  const unlock = () => db.query(`DELETE FROM throttle_counters WHERE key LIKE $1`, [`login:account:${email}%`]);
  const signIn = async () => (await call('POST', '/auth/login', { body: { email, password: PASSWORD } })).body;
  const { token } = await signIn();
  const secret = (await call('POST', '/me/mfa/totp', { token })).body.secret as string;
  const confirm = await call('POST', '/me/mfa/totp/confirm', { token, body: { code: totpCodeAt(secret, new Date()) } });
  const recoveryCodes = (confirm.body.recoveryCodes ?? []) as string[];
  ctx.report.add(
    S,
    'TOTP enrolled (first code, 10 recovery codes)',
    `${confirm.status}, ${recoveryCodes.length} codes`,
    '200, 10',
    confirm.status === 200 && recoveryCodes.length === 10,
  );

  // 100 wrong codes at once with one sign-in's mfaToken, then the right code with it.
  await unlock();
  const first = await signIn();
  const wrong = await together(
    wrongCodes(secret, 100).map((code) => () => call('POST', '/auth/login/mfa', { body: { mfaToken: first.mfaToken, code } })),
  );
  const checked = wrong.filter((a) => a.body?.code === 'auth.invalid_second_factor').length;
  const accepted = wrong.filter((a) => a.status === 200).length;
  const after = await call('POST', '/auth/login/mfa', { body: { mfaToken: first.mfaToken, code: totpCodeAt(secret, new Date()) } });
  ctx.report.add(
    S,
    '100 simultaneous wrong TOTP codes: checked / accepted',
    `${checked} / ${accepted}`,
    `≤ ${MFA_TRIES} / 0`,
    checked <= MFA_TRIES && accepted === 0,
  );
  ctx.report.add(S, 'the right code after them, with that sign-in', after.status, '401 (tries used up)', after.status === 401);

  // 100 wrong recovery codes at once.
  await unlock();
  const second = await signIn();
  const guesses = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(4, '0')}-aaaa-bbbb-cccc`);
  const wrongRecovery = await together(
    guesses.map((recoveryCode) => () => call('POST', '/auth/login/mfa', { body: { mfaToken: second.mfaToken, recoveryCode } })),
  );
  const checkedRecovery = wrongRecovery.filter((a) => a.body?.code === 'auth.invalid_second_factor').length;
  const acceptedRecovery = wrongRecovery.filter((a) => a.status === 200).length;
  ctx.report.add(
    S,
    '100 simultaneous wrong recovery codes: checked / accepted',
    `${checkedRecovery} / ${acceptedRecovery}`,
    `≤ ${MFA_TRIES} / 0`,
    checkedRecovery <= MFA_TRIES && acceptedRecovery === 0,
  );

  // Replay: a code, and a recovery code, sign in once; 4 parallel uses of one code (password steps and
  // codes together stay within LOGIN_MAX_ATTEMPTS), once.
  await unlock();
  const code = totpCodeAt(secret, new Date(Date.now() + 30_000));
  const pending = [];
  for (let i = 0; i < 4; i++) pending.push((await signIn()).mfaToken as string);
  const replays = await together(pending.map((mfaToken) => () => call('POST', '/auth/login/mfa', { body: { mfaToken, code } })));
  const codeUses = replays.filter((a) => a.status === 200).length;
  ctx.report.add(S, 'one TOTP code sent with 4 sign-ins at once: sign-ins', codeUses, '1', codeUses === 1);
  await unlock();
  const useCode = async () =>
    call('POST', '/auth/login/mfa', { body: { mfaToken: (await signIn()).mfaToken, recoveryCode: recoveryCodes[0] } });
  const once = await useCode();
  const twice = await useCode();
  ctx.report.add(
    S,
    'one recovery code used twice',
    `${once.status}, then ${twice.status}`,
    '200, then 401',
    once.status === 200 && twice.status === 401,
  );
  await unlock();
}

export async function bruteForce(ctx: Ctx) {
  const { call, db, smtp } = ctx;
  const verifications = async () =>
    Number(/^gatehouse_password_verifications_total (\d+)$/m.exec((await call('GET', '/metrics')).text)?.[1] ?? NaN);

  const victims = await seedUsers(db.query, 3 * ctx.scale, { prefix: 'victim', sessions: false });
  let maxVerified = 0;
  let rightAccepted = 0;
  let throttledRight = 0;
  for (const victim of victims) {
    const before = await verifications();
    const guesses = Array.from(
      { length: 101 },
      (_, i) => () => call('POST', '/auth/login', { body: { email: victim.email, password: i === 50 ? PASSWORD : `Wrong-Guess-${i}-x!` } }),
    );
    const answers = await together(guesses);
    await sleep(50);
    const verified = (await verifications()) - before;
    maxVerified = Math.max(maxVerified, verified);
    if (answers[50]!.status === 200) rightAccepted++;
    // Throttled now: the right password is refused too.
    const after = await call('POST', '/auth/login', { body: { email: victim.email, password: PASSWORD } });
    if (after.status === 429) throttledRight++;
  }
  ctx.report.add(
    S,
    'hash verifications for 101 simultaneous guesses (worst of ' + victims.length + ' accounts)',
    maxVerified,
    `≤ ${THRESHOLD} (LOGIN_MAX_ATTEMPTS)`,
    maxVerified <= THRESHOLD,
  );
  ctx.report.add(
    S,
    'right password inside the burst accepted',
    `${rightAccepted} of ${victims.length} (only if it drew one of the ${THRESHOLD} slots)`,
    'within the threshold',
    maxVerified <= THRESHOLD,
  );
  ctx.report.add(
    S,
    'right password refused while throttled (429)',
    `${throttledRight} of ${victims.length}`,
    'all',
    throttledRight === victims.length,
  );

  // The victim can always reset, and the reset lifts the lockout.
  let recovered = 0;
  for (const victim of victims) {
    await call('POST', '/auth/password-reset', { body: { email: victim.email } });
    const mail = await smtp.waitFor(victim.email, (m) => m.text.includes('/reset-password?token='), 15_000);
    const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const confirm = await call('POST', '/auth/password-reset/confirm', { body: { token, password: 'Reset-Battery-55-Staple' } });
    const login = await call('POST', '/auth/login', { body: { email: victim.email, password: 'Reset-Battery-55-Staple' } });
    if (confirm.status === 204 && login.status === 200) recovered++;
  }
  ctx.report.add(S, 'locked-out victims who reset and signed in', `${recovered} of ${victims.length}`, 'all', recovered === victims.length);

  // X-Forwarded-For from an untrusted peer: a server with a per-address limit of 30 (TRUST_PROXY
  // off, the default) gets 40 guesses, each claiming another client address.
  await db.query(`DELETE FROM throttle_counters WHERE key LIKE 'login:ip:%'`);
  const strict = await ctx.spawnServer('strict-ip', { LOGIN_IP_MAX_ATTEMPTS: '30' });
  await strict.start();
  const { client } = await import('../support/http.js');
  const strictCall = client(strict.base);
  const spoofed = [];
  for (let i = 0; i < 40; i++) {
    spoofed.push(
      await strictCall('POST', '/auth/login', {
        body: { email: `spoof-${i}@nobody.example`, password: 'Wrong-Guess-1-x!' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` },
      }),
    );
  }
  await strict.stop();
  await db.query(`DELETE FROM throttle_counters WHERE key LIKE 'login:ip:%'`);
  const refusedAfter = spoofed.slice(30).filter((a) => a.status === 429).length;
  const refusedBefore = spoofed.slice(0, 30).filter((a) => a.status === 429).length;
  ctx.report.add(
    S,
    'guesses 31–40 refused despite a new X-Forwarded-For each (per-address limit 30)',
    `${refusedAfter} of 10 (${refusedBefore} of the first 30)`,
    '10 of 10, 0 before',
    refusedAfter === 10 && refusedBefore === 0,
  );

  await secondFactors(ctx);

  // Mail flood: reset, resend and sign-up for one existing address, 20 each.
  const [target] = await seedUsers(db.query, 1, { prefix: 'flooded', sessions: false });
  const flood = [
    ...Array.from({ length: 20 }, () => () => call('POST', '/auth/password-reset', { body: { email: target!.email } })),
    ...Array.from({ length: 20 }, () => () => call('POST', '/auth/resend-verification', { body: { email: target!.email } })),
    ...Array.from(
      { length: 20 },
      () => () => call('POST', '/auth/signup', { body: { email: target!.email, password: PASSWORD, firstName: 'Flood', lastName: 'Er' } }),
    ),
  ];
  const floodAnswers = await together(flood);
  await sleep(3_000);
  const mails = smtp.to(target!.email).length;
  const shed = floodAnswers.filter((a) => a.status === 503).length;
  ctx.report.add(
    S,
    'mails to one address after 60 anonymous requests (reset, resend, sign-up)',
    `${mails}${shed ? ` (${shed} sign-ups shed with 503)` : ''}`,
    `≤ ${MAIL_CAP} (MAILS_PER_RECIPIENT_PER_HOUR)`,
    mails <= MAIL_CAP,
  );
}
