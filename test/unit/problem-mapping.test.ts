// Errors the store raises that are not bugs: the database gone (503, found by the proof suite
// stopping PostgreSQL under load) and text PostgreSQL cannot hold (400, found by its fuzzer). The
// store classifies them (store/store-errors.ts); the HTTP layer maps the catalogue's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toAppError } from '../../src/http/problem.js';
import { classifyDatabaseError } from '../../src/store/store-errors.js';

test('database unavailable → 503 service.unavailable; NUL in text → 400; anything else → 500', () => {
  const mapped = (e: unknown) => toAppError(classifyDatabaseError(e)).code;
  for (const e of [
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
  ])
    assert.equal(mapped(e), 'service.unavailable', e.message);
  assert.equal(
    mapped(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' })),
    'request.invalid',
    "NUL in text is the request's fault",
  );
  assert.equal(
    mapped(Object.assign(new Error('duplicate key'), { code: '23505' })),
    'internal',
    'an unexpected constraint violation is a bug',
  );
  assert.equal(mapped(new Error('boom')), 'internal', 'anything else is a bug');
});
