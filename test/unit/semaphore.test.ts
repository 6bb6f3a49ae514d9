import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { Semaphore } from '../../src/core/semaphore.js';
import { AppError, isAppError } from '../../src/core/errors.js';

/** A promise with its resolve/reject on the outside. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function settle() {
  for (let i = 0; i < 5; i++) await tick();
}

describe('Semaphore', () => {
  test('never runs more than max at once, and runs everything eventually', async () => {
    const sem = new Semaphore(3, 100);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sem.run(async () => {
          running++;
          peak = Math.max(peak, running);
          assert.ok(sem.stats.running <= 3, 'expected sem.stats.running <= 3');
          await new Promise((r) => setTimeout(r, 1 + (i % 4)));
          running--;
          return i * 2;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      results,
      Array.from({ length: 40 }, (_, i) => i * 2),
    );
    assert.deepEqual(sem.stats, { running: 0, waiting: 0 });
  });

  test('hands freed slots to waiters first-in, first-out', async () => {
    const sem = new Semaphore(1, 10);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => deferred());
    const runs = gates.map((g, i) =>
      sem.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await settle();
    assert.deepEqual(started, [0]);
    assert.deepEqual(sem.stats, { running: 1, waiting: 4 });
    // Release out of order of arrival where possible: only the running one can finish, and the
    // next to start must always be the oldest waiter.
    for (let i = 0; i < 5; i++) {
      gates[i]!.resolve();
      await runs[i];
      await settle();
      assert.deepEqual(
        started,
        Array.from({ length: Math.min(i + 2, 5) }, (_, k) => k),
      );
    }
    assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3, 4]);
    assert.deepEqual(sem.stats, { running: 0, waiting: 0 });
  });

  test('past the queue limit it refuses at once with service.busy and a Retry-After', async () => {
    const sem = new Semaphore(2, 3);
    const gate = deferred();
    const accepted = Array.from({ length: 4 }, () => sem.run(() => gate.promise));
    await settle();
    assert.equal(sem.full, false, 'one queue place is still free');
    accepted.push(sem.run(() => gate.promise));
    await settle();
    assert.deepEqual(sem.stats, { running: 2, waiting: 3 });
    assert.equal(sem.full, true);

    let ran = false;
    const refused = await sem
      .run(async () => {
        ran = true;
      })
      .then(
        () => assert.fail('the sixth call must be refused'),
        (e: unknown) => e,
      );
    assert.ok(refused instanceof AppError, 'expected refused instanceof AppError');
    assert.ok(isAppError(refused, 'service.busy'), "expected isAppError(refused, 'service.busy')");
    assert.equal(refused.status, 503);
    assert.equal(typeof refused.options.retryAfterSeconds, 'number');
    assert.equal(refused.options.detail, 'password hashing queue full', 'the log says why');
    assert.ok(refused.options.retryAfterSeconds! >= 1, 'expected refused.options.retryAfterSeconds! >= 1');
    assert.equal(ran, false);
    assert.deepEqual(sem.stats, { running: 2, waiting: 3 }, 'a refused call takes neither a slot nor a place');

    gate.resolve();
    await Promise.all(accepted);
    assert.deepEqual(sem.stats, { running: 0, waiting: 0 });
    // Once drained it accepts again.
    assert.equal(await sem.run(async () => 'again'), 'again');
  });

  test('a queue limit of 0 means: run if a slot is free, else refuse', async () => {
    const sem = new Semaphore(1, 0);
    assert.equal(sem.full, false, 'a free slot: not full, though no one may wait');
    const gate = deferred();
    const first = sem.run(() => gate.promise);
    await assert.rejects(
      sem.run(async () => 1),
      (e: unknown) => isAppError(e, 'service.busy'),
    );
    gate.resolve();
    await first;
    assert.equal(await sem.run(async () => 2), 2);
  });

  test('a task that throws (or rejects) releases its slot and passes the error through', async () => {
    const sem = new Semaphore(1, 5);
    const boom = new Error('boom');
    const failing = sem.run(async () => {
      await settle();
      throw boom;
    });
    const syncFailing = sem.run((() => {
      throw new TypeError('sync');
    }) as unknown as () => Promise<never>);
    const next = sem.run(async () => 'next ran');
    await assert.rejects(failing, (e) => e === boom);
    await assert.rejects(syncFailing, TypeError);
    assert.equal(await next, 'next ran');
    assert.deepEqual(sem.stats, { running: 0, waiting: 0 });

    // Many failures in a row never leak slots.
    for (let i = 0; i < 20; i++) await assert.rejects(sem.run(async () => Promise.reject(new Error(`e${i}`))));
    assert.deepEqual(sem.stats, { running: 0, waiting: 0 });
    const gate = deferred();
    const holder = sem.run(() => gate.promise);
    await settle();
    assert.deepEqual(sem.stats, { running: 1, waiting: 0 });
    gate.resolve();
    await holder;
  });
});
