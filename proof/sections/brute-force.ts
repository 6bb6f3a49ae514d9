// Brute force (ZITADEL CVE-2023-47111: lockout bypassed by parallel guesses). 100 wrong passwords
// and the right one at once: at most LOGIN_MAX_ATTEMPTS hash verifications (read from /metrics),
// the right one refused once the account is throttled; the victim can still reset; an untrusted
// peer's X-Forwarded-For does not reset the per-address count; anonymous mail to one address capped.
import type { Ctx } from '../support/context.js';
import { PASSWORD, seedUsers } from '../support/db.js';
import { sleep, together } from '../support/stats.js';

const S = 'brute force';
const THRESHOLD = 10; // LOGIN_MAX_ATTEMPTS, the default
const MAIL_CAP = 5; // MAILS_PER_RECIPIENT_PER_HOUR, the default

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
