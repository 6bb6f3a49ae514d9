// Races on memberships: the two invariants of organizations (membership-rules.ts) must hold however
// the requests interleave.
//   1. Every organization keeps at least one Admin (409 `member.last_admin`).
//   2. Every user keeps at least one organization: whoever loses their last one gets exactly one new,
//      empty organization ("<firstName>'s organization") with themself as Admin, and it becomes
//      their active organization.
// Every round fires its requests at once and then checks that the answers and the resulting rows are
// exactly those of SOME serial order of the same requests (a small reference model of the rules
// computes every serial order), and that the invariants hold across the whole database.
//
// Meaningful only on a real PostgreSQL server (TEST_DATABASE_URL, the CI PostgreSQL run), where the
// requests run on separate connections: on PGlite (one connection, transactions one at a time) no
// two requests interleave, so these tests could not fail there and are skipped, with the reason in
// the output. The canaries at the end strip the row locks from the service's SQL and show that the
// same checks then fail: the tests can see the race the locks prevent.
// RACE_SEED=<n> replays a run's choices (users, mixes, start order); each test prints its seed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
  addMember,
  signUpMany,
  startTestService,
  STRONG_PASSWORD,
  type Response,
  type SignedUpUser,
  type TestService,
} from '../support/service.js';
import { invariantViolations, NO_VIOLATIONS, type Query } from '../support/db-checks.js';
import { prng, type Rand } from '../support/prng.js';
import { aborts, RACES_NEED_POSTGRES, stripRowLocks } from '../support/pg-wire.js';
const SEED = Number(process.env.RACE_SEED ?? randomInt(2 ** 31));

const ROUNDS = {
  twoAdmins: 208,
  kAdmins: 42,
  removedTwice: 100,
  leftAndRemoved: 50,
  leftBoth: 30,
  deletedAndRemoved: 50,
  deletedBoth: 30,
  deletedAndLeft: 30,
};
const ACCOUNT_DELETION_ROUNDS = 12; // each consumes a freshly signed-up user

// ---------------------------------------------------------------------------------------------
// Users: one pool, signed up once (argon2 makes sign-up slow). Organizations are fresh per round.
// ---------------------------------------------------------------------------------------------
const ADMIN_POOL = 7; // Admins for the Admin-vs-Admin rounds (up to 5 at once, plus a bystander)
const ORG_OWNERS = 2; // the Admins of X and Y in the last-organization rounds
const LOSER_NAMES = ['Una', 'Zoë', 'Jean-Luc', 'Ümit', "D'Arcy", 'Li'];

// The service retries a transaction that PostgreSQL aborted as a deadlock (40P01) or a serialization
// failure (40001), so neither shows in the answers; but membership-rules.ts promises one lock order
// under which such changes queue and never deadlock (a deadlock costs deadlock_timeout, 1 s by
// default, and after five in a row the request fails). These rounds watch every statement the
// service's PostgreSQL clients run (test/support/pg-wire.ts) and count each such abort against the
// round it happened in; a canary below shows the watch sees a deadlock the store retried.
/** Collects the rounds in which PostgreSQL aborted one of the service's transactions. */
class AbortWatch {
  readonly rounds: string[] = [];
  async around<T>(where: string, names: Map<string, string>, fire: () => Promise<T>): Promise<T> {
    const mark = aborts.length;
    const result = await fire();
    for (const a of aborts.slice(mark)) {
      this.rounds.push(
        readable(
          `${where}: ${a.code === '40P01' ? 'deadlock' : 'serialization failure'} (retried by the service) in "${a.sql}"\n    ${a.detail.replace(/\n\s*/g, '\n    ')}`,
          names,
        ),
      );
    }
    return result;
  }
  assertNone(rounds: number) {
    assert.equal(
      this.rounds.length,
      0,
      `${this.rounds.length} aborted transactions in ${rounds} rounds (there must be none: one lock order, no deadlocks); the first:\n  ${this.rounds.slice(0, 3).join('\n  ')}`,
    );
  }
}

let svc: TestService;
let admins: SignedUpUser[];
let owners: SignedUpUser[];
let losers: SignedUpUser[];
let deletable: SignedUpUser[];
const tokenOf = new Map<string, string>();

/** Signs up the users (a fresh service each time): all of them for the rounds, a few for the canaries. */
async function setUp(sizes = { admins: ADMIN_POOL, owners: ORG_OWNERS, losers: LOSER_NAMES.length, deletable: ACCOUNT_DELETION_ROUNDS }) {
  svc = await startTestService();
  const total = sizes.admins + sizes.owners + sizes.losers + sizes.deletable;
  const users = await signUpMany(svc, total, (i) => {
    if (i < sizes.admins) return { firstName: `Admin${i}` };
    if (i < sizes.admins + sizes.owners) return { firstName: `Owner${i - sizes.admins}` };
    if (i < sizes.admins + sizes.owners + sizes.losers) return { firstName: LOSER_NAMES[i - sizes.admins - sizes.owners]! };
    return { firstName: `Leaving${i}` };
  });
  admins = users.slice(0, sizes.admins);
  owners = users.slice(sizes.admins, sizes.admins + sizes.owners);
  losers = users.slice(sizes.admins + sizes.owners, sizes.admins + sizes.owners + sizes.losers);
  deletable = users.slice(sizes.admins + sizes.owners + sizes.losers);
  for (const u of users) tokenOf.set(u.userId, u.token);
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return svc.gatehouse.db.query<T>(sql, params);
}

async function num(sql: string, params: unknown[] = []): Promise<number> {
  const [r] = await rows<{ n: number }>(`SELECT (${sql})::int AS n`, params);
  return r!.n;
}

/**
 * Starts all calls at (nearly) the same moment, in a random order, some after a tiny random delay,
 * so that across rounds every request gets to be first. Answers come back in the calls' order.
 */
async function fireTogether<T>(rand: Rand, calls: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results = new Array<Promise<T>>(calls.length);
  for (const i of rand.shuffle(calls.map((_, k) => k))) {
    const delay = rand.int(3) === 0 ? rand.next() * 3 : -1;
    results[i] = delay < 0 ? calls[i]!() : new Promise<void>((r) => setTimeout(r, delay)).then(calls[i]!);
  }
  return Promise.all(results);
}

/** `"204"` for a success, `"409 member.last_admin"` for a problem. */
function outcomeOf(r: Response): string {
  if (r.status >= 200 && r.status < 300) return String(r.status);
  const code = r.body && typeof r.body === 'object' ? (r.body as { code?: string }).code : undefined;
  return `${r.status} ${code ?? r.raw.body.slice(0, 200)}`;
}

const ok = (outcome: string) => /^2\d\d$/.test(outcome);

async function createOrg(by: SignedUpUser, name: string): Promise<string> {
  const r = await svc.request('POST', '/orgs', { name }, { token: by.token });
  assert.equal(r.status, 201, `POST /orgs: ${r.status} ${r.raw.body}`);
  return r.body.id as string;
}

/** The invariants (test/support/db-checks.ts), over the whole database (this service's schema holds only this file's data). */
async function checkInvariants(where: string) {
  assert.deepEqual(await invariantViolations(rows as Query), NO_VIOLATIONS, `invariants violated ${where}`);
}

// ---------------------------------------------------------------------------------------------
// A reference model of one organization's membership rules (API.md, Members), used to compute
// the answers and the resulting rows of every serial order of a round's requests.
// ---------------------------------------------------------------------------------------------
type RoleId = 'admin' | 'editor' | 'viewer';
type Op =
  | { kind: 'setRole'; actor: string; target: string; role: RoleId } // PATCH /orgs/O/members/target
  | { kind: 'remove'; actor: string; target: string } //                 DELETE /orgs/O/members/target
  | { kind: 'leave'; actor: string } //                                  POST /orgs/O/leave
  | { kind: 'deleteAccount'; actor: string }; //                         DELETE /me (a user with no other organization that blocks it)

interface OrgState {
  exists: boolean;
  members: Map<string, RoleId>;
}

const cloneState = (s: OrgState): OrgState => ({ exists: s.exists, members: new Map(s.members) });
const adminCount = (s: OrgState) => [...s.members.values()].filter((r) => r === 'admin').length;

/** Applies one request to the model; returns its answer as `outcomeOf` writes it. */
function apply(s: OrgState, op: Op): string {
  const actorRole = s.exists ? s.members.get(op.actor) : undefined;
  switch (op.kind) {
    case 'setRole': {
      if (!actorRole) return '404 organization.not_found';
      if (actorRole !== 'admin') return '403 authz.forbidden'; // only Admins hold users.change-role
      const current = s.members.get(op.target);
      if (!current) return '404 member.not_found';
      if (current === op.role) return '200';
      if (current === 'admin' && adminCount(s) <= 1) return '409 member.last_admin';
      s.members.set(op.target, op.role);
      return '200';
    }
    case 'remove': {
      if (!actorRole) return '404 organization.not_found';
      if (actorRole !== 'admin') return '403 authz.forbidden'; // only Admins hold users.remove
      const current = s.members.get(op.target);
      if (!current) return '404 member.not_found';
      if (current === 'admin' && adminCount(s) <= 1) return '409 member.last_admin';
      s.members.delete(op.target);
      return '204';
    }
    case 'leave': {
      if (!actorRole) return '404 organization.not_found';
      if (actorRole === 'admin' && adminCount(s) <= 1) return '409 member.last_admin';
      s.members.delete(op.actor);
      return '204';
    }
    case 'deleteAccount': {
      if (!actorRole) return '204';
      if (s.members.size === 1) {
        s.exists = false; // an organization left with no member is deleted
        s.members.clear();
        return '204';
      }
      if (actorRole === 'admin' && adminCount(s) <= 1) return '409 member.last_admin';
      s.members.delete(op.actor);
      return '204';
    }
  }
}

function snapshot(s: OrgState): string {
  if (!s.exists) return '(deleted)';
  return [...s.members]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([u, r]) => `${u}:${r}`)
    .join(' ');
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

interface Serial {
  order: number[];
  outcomes: string[];
  final: string;
}

/** Every serial order of `ops` from `initial`: the answers (in the ops' order) and the final rows. */
function serialExecutions(initial: OrgState, ops: readonly Op[]): Serial[] {
  return permutations(ops.length).map((order) => {
    const s = cloneState(initial);
    const outcomes = new Array<string>(ops.length);
    for (const i of order) outcomes[i] = apply(s, ops[i]!);
    return { order, outcomes, final: snapshot(s) };
  });
}

async function dbSnapshot(orgId: string): Promise<string> {
  const exists = (await rows('SELECT 1 FROM organizations WHERE id = $1', [orgId])).length === 1;
  const members = await rows<{ user_id: string; role_id: string }>('SELECT user_id, role_id FROM memberships WHERE org_id = $1', [orgId]);
  if (!exists) {
    assert.equal(members.length, 0, `memberships of deleted ${orgId}`);
    return '(deleted)';
  }
  return members
    .sort((a, b) => (a.user_id < b.user_id ? -1 : 1))
    .map((m) => `${m.user_id}:${m.role_id}`)
    .join(' ');
}

function send(orgId: string, op: Op): Promise<Response> {
  const token = tokenOf.get(op.actor)!;
  switch (op.kind) {
    case 'setRole':
      return svc.request('PATCH', `/orgs/${orgId}/members/${op.target}`, { roleId: op.role }, { token });
    case 'remove':
      return svc.request('DELETE', `/orgs/${orgId}/members/${op.target}`, undefined, { token });
    case 'leave':
      return svc.request('POST', `/orgs/${orgId}/leave`, undefined, { token });
    case 'deleteAccount':
      return svc.request('DELETE', '/me', { password: STRONG_PASSWORD }, { token });
  }
}

/** Replaces user ids by short names in a message. */
function readable(text: string, names: Map<string, string>) {
  let out = text;
  for (const [id, name] of names) out = out.split(id).join(name);
  return out;
}

/**
 * Fires `ops` at once against `orgId` (whose rows are `initial`) and asserts that the answers and
 * the organization's rows are those of at least one serial order, and that the invariants hold.
 */
async function race(
  watch: AbortWatch,
  rand: Rand,
  orgId: string,
  initial: OrgState,
  ops: readonly Op[],
  where: string,
  names: Map<string, string>,
  jitter?: (i: number) => number,
) {
  const calls = ops.map((op, i) => async () => {
    const delay = jitter?.(i) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    return send(orgId, op);
  });
  const responses = await watch.around(where, names, () => fireTogether(rand, calls));
  const actual = responses.map(outcomeOf);
  responses.forEach((r, i) => {
    const op = ops[i]!;
    if (op.kind === 'setRole' && r.status === 200) {
      assert.equal(r.body.userId, op.target, `${where}: PATCH answer`);
      assert.equal(r.body.role.id, op.role, `${where}: PATCH answer`);
    }
    if (r.status >= 400) assert.equal(r.body.status, r.status, `${where}: problem document`);
  });
  const final = await dbSnapshot(orgId);
  const serial = serialExecutions(initial, ops);
  const matching = serial.filter((s) => s.outcomes.join() === actual.join() && s.final === final);
  assert.ok(
    matching.length > 0,
    readable(
      `${where}: answers [${actual.join(', ')}] with rows {${final}} match no serial order of ` +
        `[${ops.map((o) => JSON.stringify(o)).join(', ')}] from {${snapshot(initial)}}; serial orders give:\n` +
        serial.map((s) => `  ${s.order.join('→')}: [${s.outcomes.join(', ')}] {${s.final}}`).join('\n'),
      names,
    ),
  );
  if (final !== '(deleted)') {
    assert.ok(
      (await num(`SELECT count(*) FROM memberships WHERE org_id = $1 AND role_id = 'admin'`, [orgId])) >= 1,
      `${where}: no Admin left`,
    );
  }
  await checkInvariants(where);
  return { actual, final, matching };
}

// ---------------------------------------------------------------------------------------------
// 1. Two Admins at once
// ---------------------------------------------------------------------------------------------
interface Combo {
  name: string;
  ops: (a: string, b: string) => [Op, Op];
  /** Every possible pair of answers [A's, B's]: first the one where A's request commits first, then B's. */
  expected: [[string, string], [string, string]];
}

const FORBIDDEN = '403 authz.forbidden';
const NO_ORG = '404 organization.not_found';
const NO_MEMBER = '404 member.not_found';
const LAST_ADMIN = '409 member.last_admin';

// Worked out by hand from API.md. A request that comes second sees the first one's effect: an
// Admin demoted a moment ago no longer holds users.change-role / users.remove (403), a removed
// Admin is no longer a member (404, no existence oracle), and only a change to the caller's OWN
// Admin role can hit the last-Admin rule (409): demoting or removing the other Admin requires
// being an Admin, so at least one Admin (the caller) remains.
const COMBOS: Combo[] = [
  {
    name: 'A demotes B, B demotes A',
    ops: (a, b) => [
      { kind: 'setRole', actor: a, target: b, role: 'viewer' },
      { kind: 'setRole', actor: b, target: a, role: 'viewer' },
    ],
    expected: [
      ['200', FORBIDDEN],
      [FORBIDDEN, '200'],
    ],
  },
  {
    name: 'A removes B, B removes A',
    ops: (a, b) => [
      { kind: 'remove', actor: a, target: b },
      { kind: 'remove', actor: b, target: a },
    ],
    expected: [
      ['204', NO_ORG],
      [NO_ORG, '204'],
    ],
  },
  {
    name: 'A demotes B, B removes A',
    ops: (a, b) => [
      { kind: 'setRole', actor: a, target: b, role: 'editor' },
      { kind: 'remove', actor: b, target: a },
    ],
    expected: [
      ['200', FORBIDDEN],
      [NO_ORG, '204'],
    ],
  },
  {
    name: 'A removes B, B demotes A',
    ops: (a, b) => [
      { kind: 'remove', actor: a, target: b },
      { kind: 'setRole', actor: b, target: a, role: 'viewer' },
    ],
    expected: [
      ['204', NO_ORG],
      [FORBIDDEN, '200'],
    ],
  },
  {
    name: 'both leave',
    ops: (a, b) => [
      { kind: 'leave', actor: a },
      { kind: 'leave', actor: b },
    ],
    expected: [
      ['204', LAST_ADMIN],
      [LAST_ADMIN, '204'],
    ],
  },
  {
    name: 'A leaves, B removes themself',
    ops: (a, b) => [
      { kind: 'leave', actor: a },
      { kind: 'remove', actor: b, target: b },
    ],
    expected: [
      ['204', LAST_ADMIN],
      [LAST_ADMIN, '204'],
    ],
  },
  {
    name: 'A leaves, B removes A',
    ops: (a, b) => [
      { kind: 'leave', actor: a },
      { kind: 'remove', actor: b, target: a },
    ],
    expected: [
      ['204', NO_MEMBER],
      [NO_ORG, '204'],
    ],
  },
  {
    name: 'both demote themselves',
    ops: (a, b) => [
      { kind: 'setRole', actor: a, target: a, role: 'viewer' },
      { kind: 'setRole', actor: b, target: b, role: 'editor' },
    ],
    expected: [
      ['200', LAST_ADMIN],
      [LAST_ADMIN, '200'],
    ],
  },
  {
    name: 'A demotes themself, B leaves',
    ops: (a, b) => [
      { kind: 'setRole', actor: a, target: a, role: 'editor' },
      { kind: 'leave', actor: b },
    ],
    expected: [
      ['200', LAST_ADMIN],
      [LAST_ADMIN, '204'],
    ],
  },
  {
    name: 'A demotes themself, B demotes A',
    ops: (a, b) => [
      { kind: 'setRole', actor: a, target: a, role: 'viewer' },
      { kind: 'setRole', actor: b, target: a, role: 'viewer' },
    ],
    expected: [
      ['200', '200'],
      [FORBIDDEN, '200'],
    ],
  },
  {
    name: 'A demotes B, B leaves',
    ops: (a, b) => [
      { kind: 'setRole', actor: a, target: b, role: 'viewer' },
      { kind: 'leave', actor: b },
    ],
    expected: [
      ['200', '204'],
      [NO_MEMBER, '204'],
    ],
  },
  {
    name: 'A removes B, B demotes themself',
    ops: (a, b) => [
      { kind: 'remove', actor: a, target: b },
      { kind: 'setRole', actor: b, target: b, role: 'viewer' },
    ],
    expected: [
      ['204', NO_ORG],
      ['204', '200'],
    ],
  },
  {
    name: 'A removes B, B removes themself',
    ops: (a, b) => [
      { kind: 'remove', actor: a, target: b },
      { kind: 'remove', actor: b, target: b },
    ],
    expected: [
      ['204', NO_ORG],
      [NO_MEMBER, '204'],
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// 2. k Admins at once
// ---------------------------------------------------------------------------------------------
interface KScenario {
  name: string;
  ops: (admins: string[], rand: Rand) => Op[];
  /** For the scenarios where every request targets its caller: k-1 succeed, exactly one 409. */
  selfOnly: boolean;
  /** Requests that act on another Admin can never hit the last-Admin rule: the caller is one. */
  no409: boolean;
}

const K_SCENARIOS: KScenario[] = [
  { name: 'all leave', selfOnly: true, no409: false, ops: (xs) => xs.map((a) => ({ kind: 'leave', actor: a })) },
  {
    name: 'all demote themselves',
    selfOnly: true,
    no409: false,
    ops: (xs) => xs.map((a, i) => ({ kind: 'setRole', actor: a, target: a, role: i % 2 ? 'editor' : 'viewer' })),
  },
  {
    name: 'half leave, half demote themselves, the rest remove themselves',
    selfOnly: true,
    no409: false,
    ops: (xs) =>
      xs.map(
        (a, i): Op =>
          i % 3 === 0
            ? { kind: 'leave', actor: a }
            : i % 3 === 1
              ? { kind: 'setRole', actor: a, target: a, role: 'viewer' }
              : { kind: 'remove', actor: a, target: a },
      ),
  },
  {
    name: 'each removes the next (a ring)',
    selfOnly: false,
    no409: true,
    ops: (xs) => xs.map((a, i) => ({ kind: 'remove', actor: a, target: xs[(i + 1) % xs.length]! })),
  },
  {
    name: 'each demotes the next (a ring)',
    selfOnly: false,
    no409: true,
    ops: (xs) => xs.map((a, i) => ({ kind: 'setRole', actor: a, target: xs[(i + 1) % xs.length]!, role: 'viewer' })),
  },
  {
    name: 'each does something at random (leave, demote or remove anyone)',
    selfOnly: false,
    no409: false,
    ops: (xs, rand) =>
      xs.map((a): Op => {
        const target = xs[rand.int(xs.length)]!;
        switch (rand.int(4)) {
          case 0:
            return { kind: 'leave', actor: a };
          case 1:
            return { kind: 'setRole', actor: a, target, role: rand.int(2) ? 'viewer' : 'editor' };
          case 2:
            return { kind: 'remove', actor: a, target };
          default:
            return { kind: 'setRole', actor: a, target: a, role: 'viewer' };
        }
      }),
  },
];

// ---------------------------------------------------------------------------------------------
// 3./4. A user losing both of their two organizations at once
// ---------------------------------------------------------------------------------------------
type LossVariant = 'removed/removed' | 'left/removed' | 'left/left' | 'deleted/removed' | 'deleted/deleted' | 'deleted/left';

/** The one organization each of `losers` has between rounds (at first, the one from sign-up). */
const soleOrgOf = new Map<string, string>();

async function membershipsOf(userId: string) {
  return rows<{ org_id: string; role_id: string }>('SELECT org_id, role_id FROM memberships WHERE user_id = $1 ORDER BY org_id', [userId]);
}

/**
 * One round: U, whose only organizations are X (Admin: owners[0]) and Y (Admin: owners[1]), loses
 * both at once in the way `variant` says. Exactly one new organization for U must result.
 */
async function lossRound(watch: AbortWatch, rand: Rand, round: number, variant: LossVariant) {
  const u = losers[round % losers.length]!;
  const [ox, oy] = rand.int(2) ? [owners[0]!, owners[1]!] : [owners[1]!, owners[0]!];
  const where = `round ${round} (${variant}, ${u.firstName})`;

  // U's only organizations become X and Y: join both, then delete the one they had.
  const previous = soleOrgOf.get(u.userId) ?? u.activeOrganizationId;
  assert.deepEqual(
    (await membershipsOf(u.userId)).map((m) => m.org_id),
    [previous],
    `${where}: U starts with one organization`,
  );
  const [x, y] = await Promise.all([createOrg(ox, `X ${round}`), createOrg(oy, `Y ${round}`)]);
  await addMember(svc, x, u.userId, 'editor');
  await addMember(svc, y, u.userId, 'editor');
  const dropped = await svc.request('DELETE', `/orgs/${previous}`, undefined, { token: u.token });
  assert.equal(dropped.status, 204, `${where}: deleting U's previous organization: ${dropped.raw.body}`);
  assert.deepEqual(
    (await membershipsOf(u.userId)).map((m) => m.org_id),
    [x, y].sort(),
    `${where}: set-up`,
  );
  await checkInvariants(`${where}, after set-up`);
  const orgsBefore = await num('SELECT count(*) FROM organizations');

  const removeFromX = () => svc.request('DELETE', `/orgs/${x}/members/${u.userId}`, undefined, { token: ox.token });
  const removeFromY = () => svc.request('DELETE', `/orgs/${y}/members/${u.userId}`, undefined, { token: oy.token });
  const leaveX = () => svc.request('POST', `/orgs/${x}/leave`, undefined, { token: u.token });
  const leaveY = () => svc.request('POST', `/orgs/${y}/leave`, undefined, { token: u.token });
  const deleteX = () => svc.request('DELETE', `/orgs/${x}`, undefined, { token: ox.token });
  const deleteY = () => svc.request('DELETE', `/orgs/${y}`, undefined, { token: oy.token });
  const calls = {
    'removed/removed': [removeFromX, removeFromY],
    'left/removed': [leaveX, removeFromY],
    'left/left': [leaveX, leaveY],
    'deleted/removed': [deleteX, removeFromY],
    'deleted/deleted': [deleteX, deleteY],
    'deleted/left': [deleteX, leaveY],
  }[variant];
  const names = new Map([
    [u.userId, 'U'],
    [ox.userId, 'AX'],
    [oy.userId, 'AY'],
    [x, 'X'],
    [y, 'Y'],
  ]);
  const answers = await watch.around(where, names, () => fireTogether(rand, calls));
  assert.deepEqual(answers.map(outcomeOf), ['204', '204'], `${where}: answers`);

  // Exactly one organization for U: a new one, named after them, U its only member and Admin.
  const mine = await membershipsOf(u.userId);
  assert.equal(mine.length, 1, `${where}: U has ${mine.length} organizations: ${JSON.stringify(mine)}`);
  const fresh = mine[0]!.org_id;
  assert.ok(![x, y, previous].includes(fresh), `${where}: U's organization ${fresh} is not a new one`);
  assert.equal(mine[0]!.role_id, 'admin', `${where}: U's role in the new organization`);
  const [org] = await rows<{ name: string; created_by: string; members: number }>(
    'SELECT name, created_by, (SELECT count(*) FROM memberships m WHERE m.org_id = o.id)::int AS members FROM organizations o WHERE id = $1',
    [fresh],
  );
  assert.deepEqual(org, { name: `${u.firstName}'s organization`, created_by: u.userId, members: 1 }, `${where}: the new organization`);
  assert.equal(
    await num('SELECT count(*) FROM organizations WHERE created_by = $1', [u.userId]),
    1,
    `${where}: organizations created for U`,
  );
  const [user] = await rows<{ active_org_id: string }>('SELECT active_org_id FROM users WHERE id = $1', [u.userId]);
  assert.equal(user!.active_org_id, fresh, `${where}: U's active organization`);
  const created = await rows<{ reason: string; previous: string }>(
    `SELECT details->>'reason' AS reason, details->>'previousOrganizationId' AS previous FROM audit_events WHERE org_id = $1 AND action = 'organization.created'`,
    [fresh],
  );
  assert.equal(created.length, 1, `${where}: audit events of the new organization`);
  assert.equal(created[0]!.reason, 'last_organization_lost');
  assert.ok([x, y].includes(created[0]!.previous), `${where}: previousOrganizationId ${created[0]!.previous}`);
  const me = await svc.request('GET', '/me', undefined, { token: u.token });
  assert.equal(me.status, 200);
  assert.equal(me.body.activeOrganizationId, fresh, `${where}: GET /me activeOrganizationId`);
  assert.deepEqual(
    me.body.organizations,
    [{ id: fresh, name: `${u.firstName}'s organization`, role: { id: 'admin', name: 'Admin' } }],
    `${where}: GET /me organizations`,
  );

  // X and Y: deleted, or left with their Admin only; nobody else got an organization.
  const xDeleted = variant.startsWith('deleted/');
  const yDeleted = variant === 'deleted/deleted';
  assert.equal(await dbSnapshot(x), xDeleted ? '(deleted)' : `${ox.userId}:admin`, `${where}: X`);
  assert.equal(await dbSnapshot(y), yDeleted ? '(deleted)' : `${oy.userId}:admin`, `${where}: Y`);
  assert.equal(
    await num('SELECT count(*) FROM organizations'),
    orgsBefore + 1 - Number(xDeleted) - Number(yDeleted),
    `${where}: number of organizations`,
  );
  await checkInvariants(where);
  soleOrgOf.set(u.userId, fresh);
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------
describe('concurrent membership changes keep every organization an Admin and every user an organization', {
  skip: RACES_NEED_POSTGRES,
}, () => {
  before(() => setUp());
  after(() => svc?.close());

  test(`two Admins demote, remove or leave each other at once: answers and rows of a serial order, an Admin remains (${ROUNDS.twoAdmins} rounds, ${COMBOS.length} combinations)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED);
    const watch = new AbortWatch();
    const firstWins = COMBOS.map(() => [0, 0]);
    for (let round = 0; round < ROUNDS.twoAdmins; round++) {
      const c = round % COMBOS.length;
      const combo = COMBOS[c]!;
      const [a, b, bystander] = rand.shuffle(admins);
      const withBystander = round % 2 === 1; // an Editor who changes nothing but must not count as an Admin
      const names = new Map([
        [a!.userId, 'A'],
        [b!.userId, 'B'],
        [bystander!.userId, 'E'],
      ]);
      const where = `round ${round} (${combo.name}${withBystander ? ', with an Editor' : ''})`;

      const org = await createOrg(a!, `Two Admins ${round}`);
      await addMember(svc, org, b!.userId, 'admin');
      if (withBystander) await addMember(svc, org, bystander!.userId, 'editor');
      const initial: OrgState = {
        exists: true,
        members: new Map<string, RoleId>([
          [a!.userId, 'admin'],
          [b!.userId, 'admin'],
        ]),
      };
      if (withBystander) initial.members.set(bystander!.userId, 'editor');
      assert.equal(await dbSnapshot(org), snapshot(initial), `${where}: set-up`);

      const ops = combo.ops(a!.userId, b!.userId);
      // The hand-written answers agree with the model's two serial orders (A first, then B first).
      const model = serialExecutions(initial, ops);
      const byOrder = (first: number) => model.find((s) => s.order[0] === first)!.outcomes;
      assert.deepEqual([byOrder(0), byOrder(1)], combo.expected, `${combo.name}: the table and the model disagree`);

      const { actual, final } = await race(watch, rand, org, initial, ops, where, names);
      const which = combo.expected.findIndex((e) => e.join() === actual.join());
      assert.ok(which >= 0, readable(`${where}: answers [${actual.join(', ')}], expected one of ${JSON.stringify(combo.expected)}`, names));
      firstWins[c]![which]!++;
      // Where both requests target their own Admin role: exactly one succeeds, exactly one 409.
      if (combo.expected.every((e) => e.includes(LAST_ADMIN))) {
        assert.equal(actual.filter(ok).length, 1, `${where}: successes`);
        assert.equal(actual.filter((o) => o === LAST_ADMIN).length, 1, `${where}: 409s`);
      } else {
        assert.ok(!actual.includes(LAST_ADMIN), `${where}: a 409 where the caller acts on the other Admin`);
      }
      assert.ok(
        final.split(' ').some((m) => m.endsWith(':admin')),
        `${where}: no Admin left: ${readable(final, names)}`,
      );
    }
    t.diagnostic(
      `A's request first / B's first, per combination: ${COMBOS.map((c, i) => `${c.name} ${firstWins[i]![0]}/${firstWins[i]![1]}`).join('; ')}`,
    );
    watch.assertNone(ROUNDS.twoAdmins);
  });

  for (const k of [3, 4, 5]) {
    test(`${k} Admins demote, remove or leave at once: at least one Admin remains, 409s exactly as the rules require (${ROUNDS.kAdmins} rounds)`, async (t) => {
      const seed = SEED + k;
      t.diagnostic(`RACE_SEED=${SEED} (stream ${seed})`);
      const rand = prng(seed);
      const watch = new AbortWatch();
      const distinctOutcomes = new Set<string>();
      for (let round = 0; round < ROUNDS.kAdmins; round++) {
        const scenario = K_SCENARIOS[round % K_SCENARIOS.length]!;
        const shuffled = rand.shuffle(admins);
        const team = shuffled.slice(0, k);
        const viewer = round % 2 === 1 ? shuffled[k]! : undefined;
        const names = new Map(team.map((u, i) => [u.userId, `A${i}`] as [string, string]));
        if (viewer) names.set(viewer.userId, 'V');
        const where = `k=${k} round ${round} (${scenario.name}${viewer ? ', with a Viewer' : ''})`;

        const org = await createOrg(team[0]!, `${k} Admins ${round}`);
        for (const u of team.slice(1)) await addMember(svc, org, u.userId, 'admin');
        if (viewer) await addMember(svc, org, viewer.userId, 'viewer');
        const initial: OrgState = { exists: true, members: new Map(team.map((u) => [u.userId, 'admin' as RoleId])) };
        if (viewer) initial.members.set(viewer.userId, 'viewer');
        assert.equal(await dbSnapshot(org), snapshot(initial), `${where}: set-up`);

        const ops = scenario.ops(
          team.map((u) => u.userId),
          rand,
        );
        const { actual, final } = await race(watch, rand, org, initial, ops, where, names);
        const conflicts = actual.filter((o) => o === LAST_ADMIN).length;
        if (scenario.selfOnly) {
          assert.equal(actual.filter(ok).length, k - 1, `${where}: successes in [${actual.join(', ')}]`);
          assert.equal(conflicts, 1, `${where}: 409s in [${actual.join(', ')}]`);
          // The one refused is the one Admin left.
          const refused = team[actual.indexOf(LAST_ADMIN)]!;
          assert.deepEqual(
            final.split(' ').filter((m) => m.endsWith(':admin')),
            [`${refused.userId}:admin`],
            `${where}: the Admin left`,
          );
        }
        if (scenario.no409) assert.equal(conflicts, 0, `${where}: 409s in [${actual.join(', ')}]`);
        assert.ok(actual.some(ok), `${where}: nothing succeeded: [${actual.join(', ')}]`);
        distinctOutcomes.add(`${scenario.name}: ${actual.join(',')}`);
      }
      t.diagnostic(`${distinctOutcomes.size} distinct answer patterns`);
      watch.assertNone(ROUNDS.kAdmins);
    });
  }

  test(`a user removed from both of their two organizations at once ends with exactly one, new organization (${ROUNDS.removedTwice} rounds)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED + 10);
    const watch = new AbortWatch();
    for (let round = 0; round < ROUNDS.removedTwice; round++) await lossRound(watch, rand, round, 'removed/removed');
    watch.assertNone(ROUNDS.removedTwice);
  });

  test(`a user leaving one organization while removed from the other ends with exactly one, new organization (${ROUNDS.leftAndRemoved} rounds)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED + 11);
    const watch = new AbortWatch();
    for (let round = 0; round < ROUNDS.leftAndRemoved; round++) await lossRound(watch, rand, round, 'left/removed');
    watch.assertNone(ROUNDS.leftAndRemoved);
  });

  test(`a user leaving both of their organizations at once ends with exactly one, new organization (${ROUNDS.leftBoth} rounds)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED + 12);
    const watch = new AbortWatch();
    for (let round = 0; round < ROUNDS.leftBoth; round++) await lossRound(watch, rand, round, 'left/left');
    watch.assertNone(ROUNDS.leftBoth);
  });

  test(`an organization deleted while the shared member is removed from the other: exactly one, new organization (${ROUNDS.deletedAndRemoved} rounds)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED + 13);
    const watch = new AbortWatch();
    for (let round = 0; round < ROUNDS.deletedAndRemoved; round++) await lossRound(watch, rand, round, 'deleted/removed');
    watch.assertNone(ROUNDS.deletedAndRemoved);
  });

  test(`both organizations of a user deleted at once: exactly one, new organization (${ROUNDS.deletedBoth} rounds)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED + 14);
    const watch = new AbortWatch();
    for (let round = 0; round < ROUNDS.deletedBoth; round++) await lossRound(watch, rand, round, 'deleted/deleted');
    watch.assertNone(ROUNDS.deletedBoth);
  });

  test(`an organization deleted while the shared member leaves the other: exactly one, new organization (${ROUNDS.deletedAndLeft} rounds)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED + 15);
    const watch = new AbortWatch();
    for (let round = 0; round < ROUNDS.deletedAndLeft; round++) await lossRound(watch, rand, round, 'deleted/left');
    watch.assertNone(ROUNDS.deletedAndLeft);
  });

  test(`an Admin deletes their account while the other Admin leaves, removes or demotes: answers and rows of a serial order (${ACCOUNT_DELETION_ROUNDS} rounds)`, async (t) => {
    t.diagnostic(`RACE_SEED=${SEED}`);
    const rand = prng(SEED + 20);
    const watch = new AbortWatch();
    // B deletes their account (B's only other organization is their own, with no other member);
    // A, the other Admin, at the same moment:
    const partnerOps: { name: string; op: (a: string, b: string) => Op; expected: [[string, string], [string, string]] }[] = [
      // [A's answer, B's answer] with A's request first, then with B's first.
      {
        name: 'A leaves',
        op: (a) => ({ kind: 'leave', actor: a }),
        expected: [
          ['204', '204'],
          [LAST_ADMIN, '204'],
        ],
      },
      {
        name: 'A removes B',
        op: (a, b) => ({ kind: 'remove', actor: a, target: b }),
        expected: [
          ['204', '204'],
          [NO_MEMBER, '204'],
        ],
      },
      {
        name: 'A demotes B',
        op: (a, b) => ({ kind: 'setRole', actor: a, target: b, role: 'viewer' }),
        expected: [
          ['200', '204'],
          [NO_MEMBER, '204'],
        ],
      },
      {
        name: 'A demotes themself',
        op: (a) => ({ kind: 'setRole', actor: a, target: a, role: 'viewer' }),
        expected: [
          ['200', LAST_ADMIN],
          [LAST_ADMIN, '204'],
        ],
      },
    ];
    const firstWins = [0, 0];
    for (let round = 0; round < ACCOUNT_DELETION_ROUNDS; round++) {
      const variant = partnerOps[round % partnerOps.length]!;
      const a = admins[round % admins.length]!;
      const b = deletable[round]!;
      const names = new Map([
        [a.userId, 'A'],
        [b.userId, 'B'],
      ]);
      const where = `round ${round} (B deletes their account, ${variant.name})`;
      const org = await createOrg(a, `Account deletion ${round}`);
      await addMember(svc, org, b.userId, 'admin');
      const initial: OrgState = {
        exists: true,
        members: new Map<string, RoleId>([
          [a.userId, 'admin'],
          [b.userId, 'admin'],
        ]),
      };
      const ops: Op[] = [variant.op(a.userId, b.userId), { kind: 'deleteAccount', actor: b.userId }];
      const model = serialExecutions(initial, ops);
      assert.deepEqual(
        [0, 1].map((first) => model.find((s) => s.order[0] === first)!.outcomes),
        variant.expected,
        `${variant.name}: the table and the model disagree`,
      );

      // DELETE /me first checks the password (argon2), outside the transaction: A's request starts
      // after a random delay of up to about that long, so that either transaction may come first.
      const { actual } = await race(watch, rand, org, initial, ops, where, names, (i) => (i === 0 ? rand.next() * 40 : 0));
      const which = variant.expected.findIndex((e) => e.join() === actual.join());
      assert.ok(which >= 0, readable(`${where}: answers [${actual.join(', ')}]`, names));
      firstWins[which]!++;
      const deleted = actual[1] === '204';
      assert.equal(await num('SELECT count(*) FROM users WHERE id = $1', [b.userId]), deleted ? 0 : 1, `${where}: B's account`);
      assert.equal(
        await num('SELECT count(*) FROM organizations WHERE id = $1', [b.activeOrganizationId]),
        deleted ? 0 : 1,
        `${where}: B's own organization`,
      );
      assert.equal((await svc.request('GET', '/me', undefined, { token: b.token })).status, deleted ? 401 : 200, `${where}: B's session`);
    }
    t.diagnostic(`A's request first: ${firstWins[0]}, B's first: ${firstWins[1]}`);
    watch.assertNone(ACCOUNT_DELETION_ROUNDS);
  });
});

// ---------------------------------------------------------------------------------------------
// Canaries: the same checks against the service with its row locks stripped from the SQL
// ---------------------------------------------------------------------------------------------
// A concurrency test that passes without the locks it is about proves nothing. Each canary sends the
// service's own statements without `FOR [NO KEY] UPDATE` (test/support/pg-wire.ts) and holds both
// racing transactions right after the read the lock protects until both got there: both then read
// before either commits, the interleaving the lock exists to prevent, made certain rather than left
// to timing (a rendezvous right after the lock statement was not enough under load: one transaction
// could still commit before the other read). The checks used above must then report the broken invariant;
// with the locks in place the same interleaving cannot happen (the second transaction waits on the
// lock), which is what the rounds above show.
describe('canaries: without the row locks the same checks fail', { skip: RACES_NEED_POSTGRES }, () => {
  before(() => setUp({ admins: 2, owners: 2, losers: 0, deletable: 1 }));
  after(() => svc?.close());

  test('with the organization lock stripped, two Admins demoting themselves at once leave no Admin, and race() says so', async () => {
    const [a, b] = admins;
    const names = new Map([
      [a!.userId, 'A'],
      [b!.userId, 'B'],
    ]);
    const rand = prng(SEED + 30);
    for (let round = 0; round < 3; round++) {
      const org = await createOrg(a!, `Canary ${round}`);
      await addMember(svc, org, b!.userId, 'admin');
      const initial: OrgState = {
        exists: true,
        members: new Map<string, RoleId>([
          [a!.userId, 'admin'],
          [b!.userId, 'admin'],
        ]),
      };
      const ops = COMBOS.find((c) => c.name === 'both demote themselves')!.ops(a!.userId, b!.userId);
      // Both count the Admins (2) before either commits its demotion.
      const unlocked = stripRowLocks({
        rendezvous: { match: /\bcount\(\*\)[\s\S]*\bFROM\s+memberships\b[\s\S]*\brole_id\s*=\s*'admin'/i, parties: 2 },
      });
      try {
        await assert.rejects(
          race(new AbortWatch(), rand, org, initial, ops, `canary ${round}`, names),
          (e: Error) => /match no serial order|no Admin left|orgs_without_admin/.test(e.message),
          'without the organization lock both demotions commit and the organization has no Admin: race() must report it',
        );
      } finally {
        unlocked.restore();
      }
      assert.ok(unlocked.stripped >= 2, `the lock clauses were stripped (${unlocked.stripped} statements)`);
      assert.equal(unlocked.met, 1, 'both transactions counted the Admins before either committed');
      assert.equal(
        await num(`SELECT count(*) FROM memberships WHERE org_id = $1 AND role_id = 'admin'`, [org]),
        0,
        'the broken state the canary provoked',
      );
      // Repair, so the database's invariants hold again for the next canary.
      await svc.gatehouse.db.query(`UPDATE memberships SET role_id = 'admin' WHERE org_id = $1 AND user_id = $2`, [org, a!.userId]);
    }
    await checkInvariants('after the canary repaired its organizations');
  });

  test('with the user lock stripped, a member removed from both of their organizations at once is left with none', async () => {
    const [ox, oy] = owners;
    const u = deletable[0]!;
    const x = await createOrg(ox!, 'Canary X');
    const y = await createOrg(oy!, 'Canary Y');
    await addMember(svc, x, u.userId, 'editor');
    await addMember(svc, y, u.userId, 'editor');
    assert.equal(
      (await svc.request('DELETE', `/orgs/${u.activeOrganizationId}`, undefined, { token: u.token })).status,
      204,
      'U drops the organization from sign-up',
    );
    // Both read U's memberships (each after removing its own, before either commits).
    const unlocked = stripRowLocks({ rendezvous: { match: /\bFROM\s+memberships\s+m\b[\s\S]*\bWHERE\s+m\.user_id\s*=/i, parties: 2 } });
    let answers: Response[];
    try {
      answers = await Promise.all([
        svc.request('DELETE', `/orgs/${x}/members/${u.userId}`, undefined, { token: ox!.token }),
        svc.request('DELETE', `/orgs/${y}/members/${u.userId}`, undefined, { token: oy!.token }),
      ]);
    } finally {
      unlocked.restore();
    }
    assert.deepEqual(answers.map(outcomeOf), ['204', '204'], 'both removals answer 204');
    assert.equal(unlocked.met, 1, "both transactions read U's memberships before either committed");
    // The same checks as lossRound() and checkInvariants(): both must see the broken rule.
    assert.equal(
      (await membershipsOf(u.userId)).length,
      0,
      'without the lock neither transaction saw the other remove U, so nobody gave U a new organization',
    );
    const violations = await invariantViolations(rows as Query);
    assert.match(violations.users_without_org, new RegExp(u.userId), 'the invariant check reports U without an organization');
  });

  test('the abort watch sees a deadlock that the store retried without a trace in the answer', async () => {
    const [a, b] = admins;
    const x = await createOrg(a!, 'Deadlock X');
    const y = await createOrg(b!, 'Deadlock Y');
    // Two transactions lock x and y in opposite orders, each waiting until the other holds its
    // first lock: PostgreSQL must abort one (40P01); the store retries it, and it succeeds.
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((r) => (release = r));
    const attempts = [0, 0];
    const lockInOrder = (i: number, first: string, second: string) =>
      svc.gatehouse.db.transaction(async (tx) => {
        attempts[i]!++;
        await tx.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [first]);
        if (attempts[i] === 1) {
          if (++arrived === 2) release();
          await bothHoldOne;
        }
        await tx.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [second]);
      });
    const watch = new AbortWatch();
    const mark = aborts.length;
    await watch.around('deadlock canary', new Map(), () => Promise.all([lockInOrder(0, x, y), lockInOrder(1, y, x)]));
    assert.equal(aborts.slice(mark).filter((e) => e.code === '40P01').length, 1, 'PostgreSQL aborted exactly one of the two as a deadlock');
    assert.deepEqual(attempts.slice().sort(), [1, 2], 'the store retried the aborted transaction once');
    assert.equal(watch.rounds.length, 1, 'the watch counted the deadlock against its round');
    assert.throws(() => watch.assertNone(1), /1 aborted transactions/, 'and assertNone() fails on it');
  });
});
