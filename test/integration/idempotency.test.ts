// Idempotency-Key on writes: a retry with the same key replays the stored answer and applies the
// write once, even when the duplicates race; another request under the key is 422; a key whose
// write committed but whose answer was never recorded (a crash in between) is never applied again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signUpAndLogin, startTestService, type SignedUpUser, type TestService } from '../support/service.js';

let svc: TestService;
let u: SignedUpUser;
before(async () => {
  svc = await startTestService();
  u = await signUpAndLogin(svc);
});
after(async () => {
  await svc?.close();
});

const orgsNamed = async (name: string) =>
  (await svc.gatehouse.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organizations WHERE name = $1`, [name]))[0]!.n;
const create = (name: string, key: string, as = u) =>
  svc.request('POST', '/orgs', { name }, { token: as.token, headers: { 'idempotency-key': key } });

describe('Idempotency-Key outside the writes that declare it', () => {
  // Issue 13 item 8: the key row was inserted as the first statement of the index loader's
  // transaction, before its SET TRANSACTION ISOLATION LEVEL, and the check answered 503.
  test('POST /authz/check with a key answers from a cold index, and records no key', async () => {
    const fresh = await signUpAndLogin(svc);
    const key = randomUUID();
    const check = { userId: fresh.userId, organizationId: fresh.activeOrganizationId, permission: 'user-management:access' };
    const res = await svc.request('POST', '/authz/check', check, { token: fresh.token, headers: { 'idempotency-key': key } });
    assert.equal(res.status, 200, `a read of a cold index must answer, got ${res.status} ${res.raw.body}`);
    assert.deepEqual(
      res.body,
      { allowed: true, reason: 'granted', revision: res.body.revision },
      'an Admin holds user-management:access (at a revision)',
    );
    const batch = await svc.request(
      'POST',
      '/authz/check-batch',
      { checks: [check] },
      { token: fresh.token, headers: { 'idempotency-key': key } },
    );
    assert.equal(batch.status, 200, `check-batch answers with a key too, got ${batch.status} ${batch.raw.body}`);
    assert.deepEqual(
      await svc.gatehouse.db.query(`SELECT key FROM idempotency_keys WHERE key = $1`, [key]),
      [],
      'the authorization API keeps no idempotency key',
    );
  });
});

describe('Idempotency-Key', () => {
  test('same key and request: the stored answer is replayed and the write applied once', async () => {
    const name = `Idem ${randomUUID()}`;
    const key = randomUUID();
    const first = await create(name, key);
    assert.equal(first.status, 201);
    const again = await create(name, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal(await orgsNamed(name), 1);
  });

  test('same key, another request: 422 idempotency.key_reused; another user may use the same key', async () => {
    const key = randomUUID();
    assert.equal((await create(`A ${key}`, key)).status, 201);
    const reused = await create(`B ${key}`, key);
    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'idempotency.key_reused');
    const other = await signUpAndLogin(svc);
    assert.equal((await create(`B ${key}`, key, other)).status, 201);
  });

  test('10 concurrent duplicates: one write; the others replay it or are told it is in progress', async () => {
    const name = `Race ${randomUUID()}`;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => create(name, key)));
    assert.equal(await orgsNamed(name), 1);
    for (const a of answers) {
      assert.ok(a.status === 201 || (a.status === 409 && a.body.code === 'idempotency.in_progress'), `${a.status} ${a.raw.body}`);
    }
    const fresh = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
    assert.equal(fresh.length, 1);
    const later = await create(name, key);
    assert.equal(later.status, 201);
    assert.equal(later.body.id, fresh[0]!.body.id);
  });

  test('a request refused before any write leaves no key: the retry runs again', async () => {
    const key = randomUUID();
    const refused = await svc.request(
      'PATCH',
      `/orgs/org_00000000000000000000000000`,
      { name: 'x' },
      { token: u.token, headers: { 'idempotency-key': key } },
    );
    assert.equal(refused.status, 404);
    assert.deepEqual(await svc.gatehouse.db.query(`SELECT key FROM idempotency_keys WHERE key = $1`, [key]), []);
  });

  test('committed but unanswered (a crash in between): in progress at first, then response_lost, never applied twice', async () => {
    const name = `Lost ${randomUUID()}`;
    const key = randomUUID();
    assert.equal((await create(name, key)).status, 201);
    await svc.gatehouse.db.query(`UPDATE idempotency_keys SET status = NULL, body = NULL WHERE key = $1`, [key]);
    const soon = await create(name, key);
    assert.equal(soon.status, 409);
    assert.equal(soon.body.code, 'idempotency.in_progress');
    assert.ok(Number(soon.headers['retry-after']) >= 1, "expected Number(soon.headers['retry-after']) >= 1");
    svc.clock.advance(60_000);
    const later = await create(name, key);
    assert.equal(later.status, 409);
    assert.equal(later.body.code, 'idempotency.response_lost');
    assert.equal(await orgsNamed(name), 1);
  });

  test('a malformed key is 400; anonymous routes ignore the header', async () => {
    const bad = await svc.request('POST', '/orgs', { name: 'x' }, { token: u.token, headers: { 'idempotency-key': 'a b' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'request.invalid');
    const anon = await svc.request('POST', '/auth/password-reset', { email: u.email }, { headers: { 'idempotency-key': 'k1' } });
    assert.equal(anon.status, 202);
  });

  // Issue 13, item 11: a raw device token or invitation link stayed in the table for 24 hours.
  test('an answer with a secret shown once is never stored; its replay says it was applied and where to read the result', async () => {
    const orgId = u.activeOrganizationId;
    const stored = async (key: string) =>
      (
        await svc.gatehouse.db.query<{ status: number | null; body: string | null }>(
          `SELECT status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
          [u.userId, key],
        )
      )[0];
    const idem = (key: string) => ({ token: u.token, headers: { 'idempotency-key': key } });

    const deviceKey = randomUUID();
    const deviceBody = { uuid: randomUUID(), name: 'Press line PLC' };
    const added = await svc.request('POST', `/orgs/${orgId}/devices`, deviceBody, idem(deviceKey));
    assert.equal(added.status, 201, added.raw.body);
    const token = added.body.deviceToken as string;
    assert.ok(token.length > 20, 'the first answer carries the device token');
    const row = await stored(deviceKey);
    assert.ok(row?.body, 'the key is recorded with an answer');
    assert.equal(row.body.includes(token), false, 'the idempotency table never holds the device token');
    assert.equal(row.status, 409, 'what is stored is the "applied, secret not replayed" answer');

    const replay = await svc.request('POST', `/orgs/${orgId}/devices`, deviceBody, idem(deviceKey));
    assert.equal(replay.status, 409, replay.raw.body);
    assert.equal(replay.headers['idempotent-replayed'], 'true', 'marked as a replay');
    assert.match(String(replay.headers['content-type']), /^application\/problem\+json/, 'a problem document');
    assert.equal(replay.body.code, 'idempotency.secret_not_replayed', 'the stable code');
    assert.equal(replay.body.location, `/api/v1/orgs/${orgId}/devices/${added.body.device.id}`, 'where to read the device');
    assert.deepEqual(replay.body.secretFields, ['deviceToken'], 'what was left out');
    assert.equal(replay.raw.body.includes(token), false, 'the replay does not carry the token');
    const read = await svc.request('GET', replay.body.location.replace('/api/v1', ''), undefined, { token: u.token });
    assert.equal(read.status, 200, 'the location reads the device');
    assert.equal(read.body.name, 'Press line PLC', 'the device that was added once');
    const devices = await svc.gatehouse.db.query(`SELECT id FROM devices WHERE uuid = $1`, [deviceBody.uuid]);
    assert.equal(devices.length, 1, 'applied once');

    const resetKey = randomUUID();
    const reset = await svc.request('POST', `/orgs/${orgId}/devices/${added.body.device.id}/token`, undefined, idem(resetKey));
    assert.equal(reset.status, 200, reset.raw.body);
    assert.equal((await stored(resetKey))!.body!.includes(reset.body.deviceToken), false, 'a reset token is not stored either');
    const resetReplay = await svc.request('POST', `/orgs/${orgId}/devices/${added.body.device.id}/token`, undefined, idem(resetKey));
    assert.deepEqual(
      [resetReplay.status, resetReplay.body.code, resetReplay.body.location],
      [409, 'idempotency.secret_not_replayed', `/api/v1/orgs/${orgId}/devices/${added.body.device.id}`],
      'the reset replayed',
    );

    const inviteKey = randomUUID();
    const invite = { email: `someone-${randomUUID().slice(0, 8)}@elsewhere.example`, roleId: 'viewer' };
    const invited = await svc.request('POST', `/orgs/${orgId}/invitations`, invite, idem(inviteKey));
    assert.equal(invited.status, 201, invited.raw.body);
    assert.equal(invited.body.delivery, 'link', 'another domain: the inviter gets the link');
    const link = invited.body.link as string;
    const linkToken = new URL(link).searchParams.get('token') ?? link.split('/').pop()!;
    const inviteRow = await stored(inviteKey);
    assert.equal(inviteRow!.body!.includes(linkToken), false, 'the idempotency table never holds the invitation link');
    const inviteReplay = await svc.request('POST', `/orgs/${orgId}/invitations`, invite, idem(inviteKey));
    assert.deepEqual(
      [inviteReplay.status, inviteReplay.body.code, inviteReplay.body.location, inviteReplay.body.secretFields],
      [409, 'idempotency.secret_not_replayed', `/api/v1/orgs/${orgId}/invitations?status=pending`, ['link']],
      'the invitation replayed',
    );
    const resendKey = randomUUID();
    const resent = await svc.request('POST', `/orgs/${orgId}/invitations/${invited.body.invitation.id}/resend`, undefined, idem(resendKey));
    assert.equal(resent.status, 200, resent.raw.body);
    assert.equal(
      (await stored(resendKey))!.body!.includes(new URL(resent.body.link).search.slice(1) || resent.body.link),
      false,
      'a resent link is not stored',
    );

    // An answer with nothing shown once is stored and replayed as it was.
    const renameKey = randomUUID();
    const renamed = await svc.request('PATCH', `/orgs/${orgId}/devices/${added.body.device.id}`, { name: 'Press line 2' }, idem(renameKey));
    const renameReplay = await svc.request(
      'PATCH',
      `/orgs/${orgId}/devices/${added.body.device.id}`,
      { name: 'Press line 2' },
      idem(renameKey),
    );
    assert.deepEqual([renameReplay.status, renameReplay.body], [renamed.status, renamed.body], 'no secret: the answer replayed as it was');
  });

  test('an expired key not purged yet is free again: the new request runs and is recorded', async () => {
    const key = randomUUID();
    const first = await create(`Old ${key}`, key);
    assert.equal(first.status, 201);
    svc.clock.advance(24 * 3_600_000 + 1);
    // (Last in this file: a day later the session has expired too.)
    const login = await svc.request('POST', '/auth/login', { email: u.email, password: u.password });
    const again = { ...u, token: login.body.token as string };
    const fresh = await create(`New ${key}`, key, again);
    assert.equal(fresh.status, 201, fresh.raw.body);
    assert.equal(fresh.headers['idempotent-replayed'], undefined);
    assert.notEqual(fresh.body.id, first.body.id);
    const replay = await create(`New ${key}`, key, again);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body.id, fresh.body.id);
    assert.equal(await orgsNamed(`New ${key}`), 1);
  });
});
