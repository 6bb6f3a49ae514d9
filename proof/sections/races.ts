// Races (better-auth #3651: an organization left without an owner). Requests released together
// at a barrier, then the invariant checker of test/support/db-checks.ts over the whole database,
// plus what each race must leave: one membership or one revocation, one account per address, no
// device grant of a non-member.
import { randomUUID } from 'node:crypto';
import { invariantViolations, NO_VIOLATIONS } from '../../test/support/db-checks.js';
import type { Ctx } from '../support/context.js';
import { addMember, PASSWORD, seedUsers } from '../support/db.js';
import type { Answer } from '../support/http.js';
import { together } from '../support/stats.js';

const S = 'races';
const ok = (a: Answer) => a.status >= 200 && a.status < 300;

export async function races(ctx: Ctx) {
  const { call, db } = ctx;
  const q = db.query;
  const rounds = 6 * ctx.scale;
  let checks = 0;
  const violations: string[] = [];
  const errors5xx: string[] = [];
  async function check(where: string, extra: () => Promise<string | undefined> = async () => undefined) {
    checks++;
    const v = await invariantViolations(q);
    const [{ grants }] = (await q<{ grants: number }>(
      `SELECT count(*)::int AS grants FROM member_devices d WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = d.org_id AND m.user_id = d.user_id)`,
    )) as [{ grants: number }];
    const [{ dupes }] = (await q<{ dupes: number }>(
      `SELECT count(*)::int AS dupes FROM (SELECT lower(email) FROM users GROUP BY 1 HAVING count(*) > 1) s`,
    )) as [{ dupes: number }];
    const more = await extra();
    if (JSON.stringify(v) !== JSON.stringify(NO_VIOLATIONS) || grants || dupes || more)
      violations.push(`${where}: ${JSON.stringify(v)} grants=${grants} dupes=${dupes} ${more ?? ''}`);
  }
  const note5xx = (where: string, answers: Answer[]) => {
    for (const a of answers) if (a.status >= 500) errors5xx.push(`${where}: ${a.status} ${a.text.slice(0, 100)}`);
  };
  const summary: string[] = [];

  // Last Admin: k Admins, each at once demoting themself, leaving or removing another Admin.
  for (let k = 2; k <= 5; k++) {
    for (let r = 0; r < rounds; r++) {
      const admins = await seedUsers(q, k, { prefix: `race-admin-${k}` });
      const orgId = admins[0]!.orgId;
      for (const a of admins.slice(1)) await addMember(q, orgId, a.userId, 'admin');
      const ops = admins.map((a, i) => () => {
        const next = admins[(i + 1) % k]!;
        switch ((i + r) % 3) {
          case 0:
            return call('PATCH', `/orgs/${orgId}/members/${a.userId}`, { token: a.token, body: { roleId: 'viewer' } });
          case 1:
            return call('POST', `/orgs/${orgId}/leave`, { token: a.token });
          default:
            return call('DELETE', `/orgs/${orgId}/members/${next.userId}`, { token: a.token });
        }
      });
      const answers = await together(ops);
      note5xx(`last admin k=${k}`, answers);
      await check(`last admin k=${k} round ${r}`);
    }
    summary.push(`k=${k}: ${rounds} rounds`);
  }

  // Last organization: a user whose only organizations are X and Y, removed from both at once.
  for (let r = 0; r < rounds; r++) {
    const [x, y, u] = await seedUsers(q, 3, { prefix: 'race-lastorg' });
    await addMember(q, x!.orgId, u!.userId, 'viewer');
    await addMember(q, y!.orgId, u!.userId, 'viewer');
    await q(`UPDATE users SET active_org_id = $2 WHERE id = $1`, [u!.userId, x!.orgId]);
    await q(`DELETE FROM organizations WHERE id = $1`, [u!.orgId]);
    const answers = await together([
      () => call('DELETE', `/orgs/${x!.orgId}/members/${u!.userId}`, { token: x!.token }),
      () => call('DELETE', `/orgs/${y!.orgId}/members/${u!.userId}`, { token: y!.token }),
      () => call('POST', `/orgs/${x!.orgId}/leave`, { token: u!.token }),
    ]);
    note5xx('last organization', answers);
    await check(`last organization round ${r}`, async () => {
      const [{ n }] = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE user_id = $1`, [u!.userId])) as [
        { n: number },
      ];
      return n === 1 ? undefined : `user kept ${n} organizations (want exactly the new one)`;
    });
  }

  // Invitation accept vs revoke.
  const outcomes = { accepted: 0, revoked: 0 };
  for (let r = 0; r < rounds * 2; r++) {
    const [admin] = await seedUsers(q, 1, { prefix: 'race-inviter', domain: 'inviter.example' });
    const [invitee] = await seedUsers(q, 1, { prefix: 'race-invitee' });
    const inv = await call('POST', `/orgs/${admin!.orgId}/invitations`, {
      token: admin!.token,
      body: { email: invitee!.email, roleId: 'editor' },
    });
    const token = new URL(inv.body.link).searchParams.get('token')!;
    const answers = await together([
      () => call('POST', '/invitations/accept', { token: invitee!.token, body: { token } }),
      () => call('DELETE', `/orgs/${admin!.orgId}/invitations/${inv.body.invitation.id}`, { token: admin!.token }),
    ]);
    note5xx('accept vs revoke', answers);
    await check(`accept vs revoke round ${r}`, async () => {
      const [row] = await q<{ status: string; member: number }>(
        `SELECT i.status, (SELECT count(*)::int FROM memberships m WHERE m.org_id = i.org_id AND m.user_id = $2) AS member FROM invitations i WHERE i.id = $1`,
        [inv.body.invitation.id, invitee!.userId],
      );
      const wins = answers.filter(ok).length;
      if (row!.status === 'accepted' && row!.member === 1 && ok(answers[0]!) && wins === 1) outcomes.accepted++;
      else if (row!.status === 'revoked' && row!.member === 0 && ok(answers[1]!) && wins === 1) outcomes.revoked++;
      else return `invitation ${row!.status}, membership ${row!.member}, answers ${answers.map((a) => a.status)}`;
      return undefined;
    });
  }
  summary.push(`accept/revoke won ${outcomes.accepted}/${outcomes.revoked}`);

  // One address in case variants, signed up at once.
  for (let r = 0; r < rounds; r++) {
    const local = `Case.Race-${randomUUID().slice(0, 8)}`;
    const variants = [
      `${local}@Proof.Example`,
      `${local.toLowerCase()}@proof.example`,
      `${local.toUpperCase()}@PROOF.EXAMPLE`,
      `${local}@proof.example.`,
      `${local.toLowerCase()}@PROOF.example`,
    ];
    const answers = await together(
      variants.map(
        (email) => () => call('POST', '/auth/signup', { body: { email, password: PASSWORD, firstName: 'Case', lastName: 'Race' } }),
      ),
    );
    note5xx(
      'unique e-mail',
      answers.filter((a) => a.status !== 503),
    ); // 503: shed by the hashing gate, by design
    await check(`unique e-mail round ${r}`, async () => {
      const [{ n }] = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)`, [
        `${local}@proof.example`,
      ])) as [{ n: number }];
      return n === 1 ? undefined : `${n} accounts for one address`;
    });
  }

  // Device grant vs removal of the member.
  for (let r = 0; r < rounds * 2; r++) {
    const [admin, member] = await seedUsers(q, 2, { prefix: 'race-grant' });
    await addMember(q, admin!.orgId, member!.userId, 'viewer');
    const dev = await call('POST', `/orgs/${admin!.orgId}/devices`, {
      token: admin!.token,
      body: { uuid: randomUUID(), name: 'Raced device' },
    });
    const answers = await together([
      () =>
        call('PUT', `/orgs/${admin!.orgId}/members/${member!.userId}/device-access`, {
          token: admin!.token,
          body: { allDevices: false, deviceIds: [dev.body.device.id] },
        }),
      () => call('DELETE', `/orgs/${admin!.orgId}/members/${member!.userId}`, { token: admin!.token }),
    ]);
    note5xx('grant vs removal', answers);
    await check(`grant vs removal round ${r}`, async () => {
      const check = await call('POST', '/authz/check', {
        token: member!.token,
        body: {
          userId: member!.userId,
          organizationId: admin!.orgId,
          permission: 'device-management:devices.view',
          deviceId: dev.body.device.id,
        },
      });
      return check.body?.allowed === false ? undefined : `removed member still allowed: ${check.text}`;
    });
  }

  for (const v of violations.slice(0, 3)) console.error(`   races: ${v}`);
  for (const e of errors5xx.slice(0, 3)) console.error(`   races: ${e}`);
  ctx.report.add(
    S,
    'invariant violations (SQL checker after every round)',
    `${violations.length} in ${checks} rounds (last Admin ${summary.slice(0, 4).join(', ')}; last organization, accept vs revoke, case-variant sign-up, grant vs removal)`,
    '0',
    violations.length === 0 && checks > 0,
  );
  ctx.report.add(
    S,
    'invitation accept vs revoke: exactly one wins',
    summary[4]!,
    'one per round',
    outcomes.accepted + outcomes.revoked === rounds * 2,
  );
  ctx.report.add(S, '5xx answers during the races', errors5xx.length, '0', errors5xx.length === 0);
}
