// Enumeration: login, sign-up, password reset, resend verification and invitation, each for an
// existing and for an unknown address, in interleaved pairs (the order alternating): same status,
// body and headers (ids, addresses, times and tokens masked), and the median of the pairs' timing
// differences under 5 ms. Each pair uses a fresh existing account, so no per-account throttle or
// mail cap makes the two sides differ.
import type { Ctx } from '../support/context.js';
import { PASSWORD, seedUsers } from '../support/db.js';
import { stableHeaders, type Answer } from '../support/http.js';
import { fmt, median, quantile } from '../support/stats.js';

const S = 'enumeration';

function masked(a: Answer, email: string): string {
  const text = a.text
    .split(email)
    .join('<email>')
    .replace(/"requestId":"[^"]*"/g, '"requestId":"-"')
    .replace(/\b(usr|org|inv|rol|dev|evt|ses)_[0-9a-z]{26}\b/g, '<$1>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/token=[A-Za-z0-9_-]+/g, 'token=<token>');
  const headers = stableHeaders(a.headers);
  delete headers['content-length']; // follows the request id's length; the masked text is compared instead
  return JSON.stringify({ status: a.status, headers, text });
}

export async function enumeration(ctx: Ctx) {
  const { call, db } = ctx;
  const pairs = 200 * ctx.scale;
  const warm = 10;
  const n = pairs + warm;
  // Same-length addresses on both sides: `enum-<kind>-<i>-<6>@known.example` vs `…@unkno.example`.
  const [inviter] = await seedUsers(db.query, 1, { prefix: 'enum-inviter', domain: 'inviter.example' });
  const kinds: { name: string; existing: (i: number) => Promise<string>; send: (email: string) => Promise<Answer> }[] = [];
  const pool = async (prefix: string, verified = true) =>
    (await seedUsers(db.query, n, { prefix, domain: 'known.example', verified, sessions: false })).map((u) => u.email);
  const loginUsers = await pool('enum-login');
  const signupUsers = await pool('enum-signup');
  const resetUsers = await pool('enum-reset');
  const resendUsers = await pool('enum-resend', false);
  const inviteUsers = await pool('enum-invite');
  kinds.push(
    {
      name: 'login',
      existing: async (i) => loginUsers[i]!,
      send: (email) => call('POST', '/auth/login', { body: { email, password: 'Wrong-Battery-42-x!' } }),
    },
    {
      name: 'sign-up',
      existing: async (i) => signupUsers[i]!,
      send: (email) => call('POST', '/auth/signup', { body: { email, password: PASSWORD, firstName: 'Enum', lastName: 'Pair' } }),
    },
    {
      name: 'password reset',
      existing: async (i) => resetUsers[i]!,
      send: (email) => call('POST', '/auth/password-reset', { body: { email } }),
    },
    {
      name: 'resend verification',
      existing: async (i) => resendUsers[i]!,
      send: (email) => call('POST', '/auth/resend-verification', { body: { email } }),
    },
    {
      name: 'invitation',
      existing: async (i) => inviteUsers[i]!,
      send: (email) => call('POST', `/orgs/${inviter!.orgId}/invitations`, { token: inviter!.token, body: { email, roleId: 'viewer' } }),
    },
  );

  for (const kind of kinds) {
    const diffs: number[] = [];
    let different = 0;
    let example = '';
    for (let i = 0; i < n; i++) {
      const known = await kind.existing(i);
      const unknown = known.replace('@known.example', '@unkno.example');
      let a: Answer;
      let b: Answer;
      if (i % 2 === 0) {
        a = await kind.send(known);
        b = await kind.send(unknown);
      } else {
        b = await kind.send(unknown);
        a = await kind.send(known);
      }
      if (i < warm) continue;
      diffs.push(a.ms - b.ms);
      const ma = masked(a, known);
      const mb = masked(b, unknown);
      if (ma !== mb) {
        different++;
        example ||= `${ma.slice(0, 200)} vs ${mb.slice(0, 200)}`;
      }
    }
    if (example) console.error(`   enumeration ${kind.name}: ${example}`);
    const med = median(diffs);
    const spread = `p10 ${fmt(quantile(diffs, 0.1), 2)}, p90 ${fmt(quantile(diffs, 0.9), 2)}`;
    ctx.report.add(S, `${kind.name}: answers that differ (existing vs unknown, ${pairs} pairs)`, different, '0', different === 0);
    ctx.report.add(S, `${kind.name}: median timing difference`, `${fmt(med, 2)} ms (${spread})`, '< 5 ms', Math.abs(med) < 5);
  }
}
