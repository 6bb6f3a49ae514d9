// The outbox worker against a real SMTP server that refuses on purpose: a failed delivery is kept
// and retried with exponential backoff (5 s, 10 s, 20 s … on the service's clock), a message that
// fails 8 times is given up (its live links erased), and one that goes through later is sent once.
// On PostgreSQL, two instances draining one outbox send every message exactly once (SKIP LOCKED);
// a canary with the lock clause stripped shows the test would see a double delivery.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import { createGatehouse, type Gatehouse } from '../../src/server.js';
import { PUBLIC_URL, startTestService, STRONG_PASSWORD, uniqueEmail, type TestService } from '../support/service.js';
import { RACES_NEED_POSTGRES, stripRowLocks } from '../support/pg-wire.js';

interface OutboxRow {
  attempts: number;
  next_attempt_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  text_body: string | null;
  links: string[];
}

describe('outbox delivery when the SMTP server fails', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc?.close());

  const rowOf = async (recipient: string) => {
    const rows = await svc.gatehouse.db.query<OutboxRow>(
      'SELECT attempts, next_attempt_at, sent_at, failed_at, last_error, text_body, links FROM outbox WHERE recipient = $1',
      [recipient],
    );
    assert.equal(rows.length, 1, `one outbox row for ${recipient}`);
    return rows[0]!;
  };
  /** A sign-up of a new address: enqueues exactly one mail (the verification link) to it. */
  const enqueueMailTo = async (email: string) => {
    const r = await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'Mo', lastName: 'Mail' });
    assert.equal(r.status, 202, `sign-up of ${email}`);
  };

  test("a refused delivery is retried after 5 s, 10 s, 20 s … of the service's clock, never earlier, and given up after 8 attempts", async () => {
    const email = uniqueEmail('refused');
    svc.smtp.refuse(email); // every time
    await enqueueMailTo(email);
    await svc.flushMail();
    let row = await rowOf(email);
    assert.equal(row.attempts, 1, 'the first attempt was made at once');
    assert.match(row.last_error ?? '', /451|refused on purpose/, 'the SMTP error is kept');
    assert.equal(row.sent_at, null, 'not sent');
    assert.notEqual(row.text_body, null, 'the body is kept for the retry');

    for (let attempt = 1; attempt < 8; attempt++) {
      const backoff = 5_000 * 2 ** (attempt - 1);
      const failedAt = svc.clock.now().getTime();
      assert.ok(
        Math.abs(row.next_attempt_at.getTime() - (failedAt + backoff)) < 1_000,
        `attempt ${attempt}: next try ${backoff / 1000} s later (${row.next_attempt_at.toISOString()})`,
      );
      svc.clock.advance(backoff - 1_000);
      await svc.flushMail();
      assert.equal((await rowOf(email)).attempts, attempt, `attempt ${attempt}: no retry before the backoff ends`);
      svc.clock.advance(1_000);
      await svc.flushMail();
      row = await rowOf(email);
      assert.equal(row.attempts, attempt + 1, `attempt ${attempt + 1} once the backoff ended`);
    }
    assert.notEqual(row.failed_at, null, `given up after the 8th failure: ${JSON.stringify(row)}`);
    assert.equal(row.text_body, null, 'the live link is erased when given up');
    assert.deepEqual(row.links, [], 'no link kept');
    assert.equal(svc.smtp.refused(email), 8, 'the SMTP server saw exactly 8 attempts');
    svc.smtp.refuseNoMore(email);
    svc.clock.advance(24 * 3_600_000);
    await svc.flushMail();
    assert.equal((await rowOf(email)).attempts, 8, 'a given-up message is never tried again');
    assert.deepEqual(svc.smtp.to(email), [], 'and never arrives');
    assert.ok(
      svc.logs.some((l) => l.includes('mail delivery failed') && l.includes('"giveUp":true')),
      'the give-up is logged',
    );
  });

  test('a delivery that fails twice and then goes through arrives exactly once, with its error cleared', async () => {
    const email = uniqueEmail('flaky');
    svc.smtp.refuse(email, { times: 2 });
    await enqueueMailTo(email);
    await svc.flushMail();
    svc.clock.advance(5_000);
    await svc.flushMail();
    assert.equal((await rowOf(email)).attempts, 2, 'two failed attempts');
    assert.deepEqual(svc.smtp.to(email), [], 'nothing arrived yet');
    svc.clock.advance(10_000);
    await svc.flushMail();
    const row = await rowOf(email);
    assert.equal(row.attempts, 3, 'the third attempt');
    assert.notEqual(row.sent_at, null, 'sent');
    assert.equal(row.last_error, null, 'the error of the failed attempts is cleared');
    assert.equal(row.text_body, null, 'the body (a live link) is erased once delivered');
    svc.clock.advance(3_600_000);
    await svc.flushMail();
    assert.equal(svc.smtp.to(email).length, 1, 'delivered exactly once');
    assert.equal(svc.smtp.refused(email), 2, 'after exactly two refusals');
  });

  test('a permanent refusal (5xx) is retried like a temporary one: the outbox does not tell them apart', async () => {
    const email = uniqueEmail('permanent');
    svc.smtp.refuse(email, { times: 1, code: 550 });
    await enqueueMailTo(email);
    await svc.flushMail();
    assert.match((await rowOf(email)).last_error ?? '', /550/, 'the 550 is recorded');
    svc.clock.advance(5_000);
    await svc.flushMail();
    assert.equal(svc.smtp.to(email).length, 1, 'delivered on the retry');
  });
});

describe('two instances draining one outbox', { skip: RACES_NEED_POSTGRES }, () => {
  let svc: TestService;
  let second: Gatehouse;
  before(async () => {
    svc = await startTestService();
    second = await createGatehouse(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: svc.gatehouse.config.databaseUrl!,
        PUBLIC_URL,
        LOG_LEVEL: 'silent',
        SMTP_URL: svc.smtp.url,
      }),
      { logger: createLogger('silent'), clock: svc.clock },
    );
  });
  after(async () => {
    await second?.close();
    await svc?.close();
  });

  /** Puts `n` due messages into the shared outbox (a fixture: the rows a transaction would insert). */
  async function enqueue(n: number, tag: string) {
    const recipients = Array.from({ length: n }, (_, i) => uniqueEmail(`${tag}${i}`));
    for (const [i, recipient] of recipients.entries()) {
      await svc.gatehouse.db.query(
        `INSERT INTO outbox (id, kind, recipient, subject, text_body, html_body, created_at, next_attempt_at) VALUES ($1, 'test', $2, $3, 'body', '<p>body</p>', $4, $4)`,
        [`msg_${randomUUID().replace(/-/g, '')}`, recipient, `Message ${i}`, svc.clock.now()],
      );
    }
    return recipients;
  }
  /** Both instances' workers drain at the same moment. */
  const drainBoth = async () => {
    svc.gatehouse.mailWorker.wake();
    second.mailWorker.wake();
    await Promise.all([svc.gatehouse.mailWorker.idle(), second.mailWorker.idle()]);
  };

  test('every message is sent exactly once (100 messages, both workers at once)', async () => {
    const recipients = await enqueue(100, 'once');
    await drainBoth();
    for (const r of recipients) assert.equal(svc.smtp.to(r).length, 1, `${r}: exactly one delivery`);
    const [counts] = await svc.gatehouse.db.query<{ sent: number; attempts: number }>(
      `SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent, sum(attempts)::int AS attempts FROM outbox WHERE kind = 'test'`,
    );
    assert.deepEqual(counts, { sent: 100, attempts: 100 }, 'each message claimed once and sent');
  });

  test('canary: with FOR UPDATE SKIP LOCKED stripped, the two instances claim the same messages and send them twice', async () => {
    const recipients = await enqueue(5, 'twice');
    // Both claims read the due messages before either marks them leased.
    const unlocked = stripRowLocks({ rendezvous: { match: /\bFROM\s+outbox\b[\s\S]*\bFOR\s+UPDATE\b/i, parties: 2, waitMs: 2_000 } });
    try {
      await drainBoth();
    } finally {
      unlocked.restore();
    }
    assert.ok(unlocked.met >= 1, 'both workers met right after the claim that would have locked the rows');
    const doubled = recipients.filter((r) => svc.smtp.to(r).length > 1);
    assert.deepEqual(doubled, recipients, 'without the lock every message is sent twice: the test above can see it');
  });
});
