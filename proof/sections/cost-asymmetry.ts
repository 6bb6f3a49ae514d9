// Cost asymmetry (issue 13, items 4–6): what an anonymous request makes the service spend, and
// whether anonymous callers can take from the people the service is for.
//  - Work per request: argon2 hashes per made-up reset confirmation (0: the token is looked up first)
//    and per sign-up (1 when accepted, 0 when throttled), read from the server's /metrics.
//  - Per-address limits: one client address gets SIGNUPS_PER_ADDRESS_PER_HOUR sign-ups and
//    PASSWORD_RESETS_PER_ADDRESS_PER_HOUR reset confirmations, then 429.
//  - An anonymous storm: N workers, each on addresses of its own (so the per-address limits do not
//    simply stop them: this measures the hashing share), hammer sign-up and reset confirmation while
//    real users sign in: every login succeeds, and the storm's hashes never exceed its share.
//  - Lock-out: an attacker's failed logins and reset requests from their network leave the owner's
//    login and reset from the owner's network working.
// Against its own server process (the defaults, with TRUST_PROXY=127.0.0.1 so the proof can play
// many client addresses through X-Forwarded-For), on the run's database.
import type { Ctx } from '../support/context.js';
import { PASSWORD, seedUsers } from '../support/db.js';
import { client, type Answer } from '../support/http.js';
import { fmt, median, quantile, sleep } from '../support/stats.js';
import { randomBytes } from 'node:crypto';

const S = 'cost asymmetry';
const SIGNUP_LIMIT = 20; // SIGNUPS_PER_ADDRESS_PER_HOUR, the default
const RESET_LIMIT = 20; // PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, the default
const HASH_CONCURRENCY = 2;
const HASH_QUEUE_LIMIT = 64;
const ANONYMOUS_SHARE = { running: 1, waiting: 8 }; // anonymousShare(2, 64)

const bogusToken = () => randomBytes(32).toString('base64url');
let nextAddress = 0;
/** A client address of its own (from 198.18.0.0/15, the benchmarking range). */
const address = () => {
  const n = nextAddress++;
  return `198.18.${(n >> 8) & 255}.${n & 255}`;
};

export async function costAsymmetry(ctx: Ctx) {
  const server = await ctx.spawnServer('cost-asymmetry', {
    TRUST_PROXY: '127.0.0.1',
    HASH_CONCURRENCY: String(HASH_CONCURRENCY),
    HASH_QUEUE_LIMIT: String(HASH_QUEUE_LIMIT),
    // The proof's own main settings lift these; here they are the defaults again.
    SIGNUPS_PER_ADDRESS_PER_HOUR: String(SIGNUP_LIMIT),
    PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: String(RESET_LIMIT),
    LOGIN_IP_MAX_ATTEMPTS: '100',
  });
  await server.start();
  const call = client(server.base);
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec((await call('GET', '/metrics')).text)?.[1] ?? NaN);
  const hashes = () => metric('gatehouse_password_hashes_total');
  const anonymousHashes = () => metric('gatehouse_password_hashes_anonymous_total');
  const signup = (ip: string) =>
    call('POST', '/auth/signup', {
      headers: from(ip),
      body: { email: `anon-${randomBytes(6).toString('hex')}@cost.example`, password: PASSWORD, firstName: 'Anon', lastName: 'Ymous' },
    });
  const confirm = (ip: string) =>
    call('POST', '/auth/password-reset/confirm', { headers: from(ip), body: { token: bogusToken(), password: 'Fresh-Battery-93-Staple' } });

  try {
    // 1. Work per made-up reset confirmation: none (each from its own address, below any limit).
    const n = 200 * ctx.scale;
    let before = await hashes();
    const confirms: Answer[] = [];
    for (let i = 0; i < n; i += 20) confirms.push(...(await Promise.all(Array.from({ length: 20 }, () => confirm(address())))));
    const confirmHashes = (await hashes()) - before;
    const invalid = confirms.filter((a) => a.status === 400 && a.body?.code === 'token.invalid').length;
    ctx.report.add(
      S,
      `argon2 hashes for ${n} reset confirmations with made-up tokens`,
      `${confirmHashes} (${invalid} answered token.invalid, median ${fmt(median(confirms.map((a) => a.ms)), 1)} ms)`,
      `0, all token.invalid`,
      confirmHashes === 0 && invalid === n,
    );

    // 2. One address: sign-ups and confirmations up to its limit, then 429 at no hashing cost.
    const one = address();
    before = await anonymousHashes();
    const signups: Answer[] = [];
    for (let i = 0; i < SIGNUP_LIMIT + 10; i++) signups.push(await signup(one));
    const signupHashes = (await anonymousHashes()) - before;
    const accepted = signups.filter((a) => a.status === 202).length;
    const throttled = signups.filter((a) => a.status === 429 && a.body?.code === 'request.throttled').length;
    ctx.report.add(
      S,
      `sign-ups from one address: accepted, throttled (${SIGNUP_LIMIT + 10} sent)`,
      `${accepted}, ${throttled}`,
      `${SIGNUP_LIMIT}, 10 (SIGNUPS_PER_ADDRESS_PER_HOUR)`,
      accepted === SIGNUP_LIMIT && throttled === 10,
    );
    ctx.report.add(
      S,
      'argon2 hashes per accepted sign-up, per throttled one',
      `${fmt(signupHashes / Math.max(1, accepted), 2)}, ${fmt((signupHashes - accepted) / Math.max(1, throttled), 2)}`,
      '1, 0',
      signupHashes === accepted,
    );
    const sameAddress: Answer[] = [];
    for (let i = 0; i < RESET_LIMIT + 10; i++) sameAddress.push(await confirm(one));
    const confirmThrottled = sameAddress.filter((a) => a.status === 429).length;
    ctx.report.add(
      S,
      `reset confirmations from one address throttled (${RESET_LIMIT + 10} sent)`,
      confirmThrottled,
      `10 (PASSWORD_RESETS_PER_ADDRESS_PER_HOUR=${RESET_LIMIT})`,
      confirmThrottled === 10,
    );

    // 3. The storm: workers on fresh addresses (a new one every 10 requests) against real logins.
    const workers = 80;
    const users = await seedUsers(ctx.db.query, 22 * ctx.scale, { prefix: 'cost-login', sessions: false });
    const loginOf = (u: { email: string }, ip: string) =>
      call('POST', '/auth/login', { headers: from(ip), body: { email: u.email, password: PASSWORD } });
    const quiet: Answer[] = [];
    for (const u of users.slice(0, 10)) quiet.push(await loginOf(u, address()));
    let stop = false;
    const stormAnswers: Answer[] = [];
    let peakRunning = 0;
    const storm = Array.from({ length: workers }, async (_, w) => {
      let ip = address();
      for (let i = 0; !stop; i++) {
        if (i % 10 === 9) ip = address();
        const a = await (w % 2 === 0 ? signup(ip) : confirm(ip)).catch(
          (e) => ({ status: 0, headers: {}, text: String(e), body: undefined, ms: 0 }) as Answer,
        );
        stormAnswers.push(a);
      }
    });
    const watch = (async () => {
      while (!stop) {
        peakRunning = Math.max(peakRunning, await metric('gatehouse_password_hashes_running'));
        await sleep(100);
      }
    })();
    const anonymousBefore = await anonymousHashes();
    const stormStarted = performance.now();
    await sleep(1_000); // the storm in full swing
    const logins: Answer[] = [];
    for (const u of users) {
      logins.push(await loginOf(u, address()));
      await sleep(200);
    }
    stop = true;
    await Promise.all([...storm, watch]);
    const stormSeconds = (performance.now() - stormStarted) / 1000;
    const anonymousInStorm = (await anonymousHashes()) - anonymousBefore;
    const served = logins.filter((a) => a.status === 200).length;
    const shed = stormAnswers.filter((a) => a.status === 503).length;
    const stormByStatus = new Map<number, number>();
    for (const a of stormAnswers) stormByStatus.set(a.status, (stormByStatus.get(a.status) ?? 0) + 1);
    ctx.report.add(
      S,
      `real logins served during a storm of ${workers} anonymous workers (sign-up, reset confirmation)`,
      `${served} of ${logins.length} (p99 ${fmt(
        quantile(
          logins.map((a) => a.ms),
          0.99,
        ),
        0,
      )} ms; without the storm ${fmt(
        quantile(
          quiet.map((a) => a.ms),
          0.99,
        ),
        0,
      )} ms)`,
      'all 200',
      served === logins.length,
    );
    ctx.report.add(
      S,
      'the storm: requests, answers by status',
      `${stormAnswers.length} in ${fmt(stormSeconds, 0)} s: ${[...stormByStatus]
        .sort(([a], [b]) => a - b)
        .map(([s, c]) => `${s}×${c}`)
        .join(', ')}`,
      'no 5xx but 503 service.busy',
      stormAnswers.every((a) => a.status < 500 || a.status === 503),
    );
    ctx.report.add(
      S,
      'anonymous argon2 hashes during the storm, per second',
      `${anonymousInStorm} (${fmt(anonymousInStorm / stormSeconds, 1)}/s; ${shed} shed with 503)`,
      `printed (its share: ${ANONYMOUS_SHARE.running} of ${HASH_CONCURRENCY} slots, ${ANONYMOUS_SHARE.waiting} waiting)`,
      true,
    );
    ctx.report.add(
      S,
      'argon2 computations running at once (peak, sampled)',
      peakRunning,
      `≤ HASH_CONCURRENCY=${HASH_CONCURRENCY}`,
      peakRunning <= HASH_CONCURRENCY,
    );

    // 4. Lock-out of a chosen person: the attacker fails 50 logins and asks 20 resets from their network.
    const [victim] = await seedUsers(ctx.db.query, 1, { prefix: 'cost-victim', sessions: false });
    const attacker = address();
    for (let i = 0; i < 50; i++)
      await call('POST', '/auth/login', { headers: from(attacker), body: { email: victim!.email, password: `Wrong-Guess-${i}-x!` } });
    for (let i = 0; i < 20; i++) await call('POST', '/auth/password-reset', { headers: from(attacker), body: { email: victim!.email } });
    const attackerAfter = await call('POST', '/auth/login', {
      headers: from(attacker),
      body: { email: victim!.email, password: PASSWORD },
    });
    const owner = await call('POST', '/auth/login', { headers: from(address()), body: { email: victim!.email, password: PASSWORD } });
    ctx.report.add(
      S,
      "owner's login from their network after 50 failures from the attacker's",
      `${owner.status} (attacker's network: ${attackerAfter.status})`,
      '200 (429)',
      owner.status === 200 && attackerAfter.status === 429,
    );
    await sleep(1_500);
    const mailsBefore = ctx.smtp.to(victim!.email).length;
    await call('POST', '/auth/password-reset', { headers: from(address()), body: { email: victim!.email } });
    const ownReset = await ctx.smtp
      .waitFor(
        victim!.email,
        (m) => m.text.includes('/reset-password?token=') && ctx.smtp.to(victim!.email).indexOf(m) >= mailsBefore,
        15_000,
      )
      .then(
        () => true,
        () => false,
      );
    ctx.report.add(
      S,
      "owner's own reset mailed after 20 reset requests from the attacker's network",
      ownReset ? 'mailed' : 'not mailed',
      'mailed',
      ownReset,
    );
  } finally {
    await server.stop();
  }
}
