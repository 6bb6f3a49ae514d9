// Keyset cursors: what encodeCursor makes, decodeCursor takes back exactly; anything else is the
// 400 of a cursor this service did not hand out. pageOf reads one row more than it shows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, invalidCursor, MAX_PAGE_SIZE, pageOf } from '../../src/core/pagination.js';
import { AppError } from '../../src/core/errors.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** The field problems of the 400 `fn` throws. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `an AppError, not ${String(e)}`);
    return { code: e.code, status: e.status, errors: e.options.errors };
  }
  return assert.fail('expected the cursor to be refused');
}
const CURSOR_400 = {
  code: 'request.invalid',
  status: 400,
  errors: [{ field: '/query/cursor', rule: 'cursor', message: 'is not a cursor this list returned' }],
};

describe('cursors', () => {
  test('page sizes', () => {
    assert.deepEqual([DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE], [50, 200], 'the documented default and maximum');
  });

  test('round trip: base64url JSON of the position, decoded with exactly its fields', () => {
    const position = { k: 'Müller', id: 'usr_01' };
    const cursor = encodeCursor(position);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/, 'URL-safe, no padding');
    assert.equal(cursor, b64(JSON.stringify(position)), 'base64url of the JSON');
    assert.deepEqual(decodeCursor(cursor, ['k', 'id']), position, 'decoded');
    assert.equal(decodeCursor(undefined, ['k', 'id']), undefined, 'no cursor: the first page');
  });

  const bad: [string, string][] = [
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON, but a string', b64('"k"')],
    ['JSON null', b64('null')],
    ['an array', b64('["a","b"]')],
    ['a field missing', b64('{"k":"a"}')],
    ['a field too many', b64('{"k":"a","id":"b","x":"c"}')],
    ['the right number of fields, the wrong names', b64('{"k":"a","x":"b"}')],
    ['a number instead of a string', b64('{"k":1,"id":"b"}')],
    ['a value over 400 characters', b64(JSON.stringify({ k: 'x'.repeat(401), id: 'b' }))],
    ['a NUL character', b64(JSON.stringify({ k: 'a\u0000', id: 'b' }))],
  ];
  for (const [name, cursor] of bad) {
    test(`refused with a 400 on the cursor field: ${name}`, () => {
      assert.deepEqual(
        refusal(() => decodeCursor(cursor, ['k', 'id'])),
        CURSOR_400,
        name,
      );
    });
  }

  test('a value of exactly 400 characters is accepted', () => {
    const position = { k: 'x'.repeat(400), id: 'b' };
    assert.deepEqual(decodeCursor(encodeCursor(position), ['k', 'id']), position, '400 characters');
  });

  test('invalidCursor names the field it is given', () => {
    assert.deepEqual(
      refusal(() => invalidCursor('/query/after')).errors,
      [{ field: '/query/after', rule: 'cursor', message: 'is not a cursor this list returned' }],
      'another field',
    );
  });
});

describe('pageOf', () => {
  const rows = [
    { id: 'a', n: 1 },
    { id: 'b', n: 2 },
    { id: 'c', n: 3 },
  ];
  const view = (r: { id: string; n: number }) => r.n;
  const position = (r: { id: string }) => ({ id: r.id });

  test('one row more than the limit: a page of `limit` items and a cursor after the last shown', () => {
    const page = pageOf(rows, 2, view, position);
    assert.deepEqual(page.items, [1, 2], 'the first two, through the view');
    assert.deepEqual(decodeCursor(page.nextCursor!, ['id']), { id: 'b' }, 'the cursor points after the last item shown');
  });

  test('the cursor points after the last item shown, whatever the limit', () => {
    const four = [...rows, { id: 'd', n: 4 }];
    const page = pageOf(four, 3, view, position);
    assert.deepEqual(page.items, [1, 2, 3], 'three of four');
    assert.deepEqual(decodeCursor(page.nextCursor!, ['id']), { id: 'c' }, 'after the third');
    assert.deepEqual(pageOf(four, 1, view, position).nextCursor, encodeCursor({ id: 'a' }), 'after the first');
  });

  test('a limit of 0: no items and no cursor (nothing to point after)', () => {
    assert.deepEqual(pageOf(rows, 0, view, position), { items: [], nextCursor: null }, 'empty');
  });

  test('no more rows than the limit: the last page, no cursor', () => {
    assert.deepEqual(pageOf(rows, 3, view, position), { items: [1, 2, 3], nextCursor: null }, 'exactly the limit');
    assert.deepEqual(pageOf(rows.slice(0, 1), 3, view, position), { items: [1], nextCursor: null }, 'fewer');
    assert.deepEqual(pageOf([], 3, view, position), { items: [], nextCursor: null }, 'none');
  });
});
