// The `sql` tag (src/store/sql.ts): values become numbered parameters, never text; fragments nest
// with their parameters renumbered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { empty, join, raw, sql } from '../../src/store/sql.js';

test('each value is a numbered parameter, in order', () => {
  assert.deepEqual(
    sql`SELECT * FROM t WHERE a = ${1} AND b = ${"x'; DROP TABLE t; --"}`.compile(),
    {
      text: 'SELECT * FROM t WHERE a = $1 AND b = $2',
      values: [1, "x'; DROP TABLE t; --"],
    },
    'a value never enters the text',
  );
});

test('nested fragments are spliced in with their parameters renumbered', () => {
  const where = join([sql`org_id = ${'org_1'}`, sql`role_id = ${'viewer'}`, sql`id < ${'evt_9'}`], ' AND ');
  const q = sql`SELECT id FROM e WHERE ${where} ORDER BY id ${raw('DESC')} LIMIT ${11}`;
  assert.deepEqual(
    q.compile(),
    {
      text: 'SELECT id FROM e WHERE org_id = $1 AND role_id = $2 AND id < $3 ORDER BY id DESC LIMIT $4',
      values: ['org_1', 'viewer', 'evt_9', 11],
    },
    'fragments keep their order and get the next numbers',
  );
  assert.deepEqual(
    sql`${sql`a = ${1}`}${sql`, b = ${2}`}`.compile(),
    { text: 'a = $1, b = $2', values: [1, 2] },
    'adjacent fragments join without stray text',
  );
});

test('a fragment at either end, an empty join and a raw text', () => {
  assert.deepEqual(sql`${raw('SELECT 1')}`.compile(), { text: 'SELECT 1', values: [] }, 'a raw fragment alone');
  assert.deepEqual(join([], ' AND ').compile(), empty.compile(), 'joining nothing is empty');
  assert.deepEqual(
    sql`x IN (${join([sql`${1}`, sql`${2}`], ', ')})`.compile(),
    { text: 'x IN ($1, $2)', values: [1, 2] },
    'a joined list of values',
  );
});
