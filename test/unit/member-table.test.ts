// The decision index's member table (core/authz/member-table.ts) against a Map: the same answers
// for any sequence of sets and deletes — ids of every length (past the 44 inlined characters too),
// characters above U+00FF, ids that share a prefix — through growth and removed runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BITS_INLINE, MemberTable, RUN, runOf } from '../../src/core/authz/member-table.js';

const id = fc.oneof(
  fc.constantFrom('usr_a', 'usr_b', '', 'usr_01hzzzzzzzzzzzzzzzzzzzzzzz', 'usr_01hzzzzzzzzzzzzzzzzzzzzzzy', 'x'.repeat(44), 'x'.repeat(45)),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id, entry: fc.oneof(fc.nat(1 << 20), fc.constant(2 ** 33 + 5 * 8 + 3)) }),
  fc.record({ kind: fc.constant('delete' as const), id }),
);

test('answers like a Map through any sequence of sets and deletes (growth, removed runs, long and wide ids)', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), fc.array(id, { maxLength: 20 }), (ops, asked) => {
      const table = new MemberTable();
      const map = new Map<string, number>();
      for (const o of ops) {
        if (o.kind === 'set') {
          table.set(o.id, o.entry);
          map.set(o.id, o.entry);
        } else assert.equal(table.delete(o.id), map.delete(o.id), `delete ${JSON.stringify(o.id)}`);
      }
      for (const k of [...asked, ...ops.map((o) => o.id)]) {
        assert.equal(table.get(k), map.get(k), `get ${JSON.stringify(k)}`);
        assert.equal(table.has(k), map.has(k), `has ${JSON.stringify(k)}`);
      }
      assert.equal(table.size, map.size, 'size');
      assert.deepEqual([...table.keys()].sort(), [...map.keys()].sort(), 'keys');
      assert.deepEqual([...table.values()].sort(), [...map.values()].sort(), 'values');
    }),
    { numRuns: 500 },
  );
});

test('holds 100,000 members, and finds each after many were removed and others added', () => {
  const table = new MemberTable(10);
  const map = new Map<string, number>();
  for (let i = 0; i < 100_000; i++) {
    const key = `usr_${i.toString(36).padStart(26, '0')}`;
    table.set(key, i * 1024 + (i % 1024));
    map.set(key, i * 1024 + (i % 1024));
  }
  for (let i = 0; i < 100_000; i += 3) {
    const key = `usr_${i.toString(36).padStart(26, '0')}`;
    table.delete(key);
    map.delete(key);
  }
  for (let i = 100_000; i < 150_000; i++) {
    const key = `usr_${i.toString(36).padStart(26, '0')}`;
    table.set(key, i * 1024);
    map.set(key, i * 1024);
  }
  for (let i = 0; i < 150_000; i++) {
    const key = `usr_${i.toString(36).padStart(26, '0')}`;
    assert.equal(table.get(key), map.get(key), key);
  }
  assert.equal(table.size, map.size, 'size');
});

test("carries its role's bits in a run when the id leaves room; keeps them through a flag change, drops them with a new role row", () => {
  const bits = Uint32Array.of(0xdeadbeef, 0x80000001);
  const table = new MemberTable(4, 2);
  const short = 'usr_01hzzzzzzzzzzzzzzzzzzzzzzz'; // 30 characters: 8 words, room for 2 more
  const long = `usr_${'l'.repeat(37)}`; // 41: no room
  table.set(short, 3 * 1024 + 2 * 8 + 1, bits);
  table.set(long, 4 * 1024 + 2 * 8, bits);
  const inlined = (id: string) => {
    const at = runOf(table.words, table.mask, id);
    return (table.words[at + 2]! & BITS_INLINE) !== 0
      ? Array.from(table.words.subarray(at + RUN - 2, at + RUN), (w) => w >>> 0)
      : undefined;
  };
  assert.deepEqual(inlined(short), [0xdeadbeef, 0x80000001]);
  assert.equal(inlined(long), undefined, 'no room: read from the role array');
  assert.equal(table.get(short), 3 * 1024 + 2 * 8 + 1, 'the entry does not show the marker');
  table.set(short, 3 * 1024 + 2 * 8 + 1 + 2); // a flag
  assert.deepEqual(inlined(short), [0xdeadbeef, 0x80000001], 'a flag keeps the copy');
  table.set(short, 3 * 1024 + 5 * 8); // another role row, no bits given
  assert.equal(inlined(short), undefined, 'another role without its bits drops the copy');
  for (let i = 0; i < 100; i++) table.set(`usr_${String(i).padStart(26, '0')}`, i * 1024, bits);
  assert.equal(table.get(long), 4 * 1024 + 2 * 8, 'through growth');
  assert.deepEqual(inlined(`usr_${'7'.padStart(26, '0')}`), [0xdeadbeef, 0x80000001], 'through growth');
  assert.equal(runOf(table.words, table.mask, 'usr_\u4e16'), -2, 'a wide id is not in the runs');
  assert.equal(runOf(table.words, table.mask, 'usr_nobody'), -1);
  assert.equal(new MemberTable(4, 5).set(short, 1024, new Uint32Array(5)).get(short), 1024, 'a catalog past 4 words is not inlined');
});
