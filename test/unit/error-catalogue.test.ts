import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AppError, errors, fail, isAppError, type ErrorCode } from '../../src/core/errors.js';

const ERRORS_DOC = new URL('../../docs/errors.md', import.meta.url);

interface Row {
  code: string;
  status: number;
  title: string;
  meaning: string;
}

/** The rows of the `| code | status | title | meaning |` table of docs/errors.md. */
function errorTable(markdown: string): Row[] {
  const table = markdown.split('\n').filter((l) => l.trim().startsWith('|'));
  assert.ok(table.length >= 3, 'docs/errors.md has a table');
  const header = table[0]!
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim().toLowerCase());
  assert.deepEqual(header, ['code', 'status', 'title', 'meaning'], "the table's columns");
  return table.slice(2).map((line) => {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    assert.equal(cells.length, 4, `row "${line}" should have four cells`);
    const code = /^`([^`]+)`$/.exec(cells[0]!);
    assert.ok(code, `the code in "${line}" should be in backticks`);
    return { code: code[1]!, status: Number(cells[1]), title: cells[2]!, meaning: cells[3]! };
  });
}

describe('error catalogue', () => {
  const written = readFileSync(ERRORS_DOC, 'utf8');
  const rows = errorTable(written);
  const documented = new Map(rows.map((r) => [r.code, r]));
  const codes = Object.keys(errors) as ErrorCode[];

  test('docs/errors.md lists every code once, with its status and a meaning, and no other code', () => {
    assert.deepEqual(
      rows.map((r) => r.code),
      codes,
      'the codes of docs/errors.md, in catalogue order',
    );
    for (const code of codes) {
      assert.equal(documented.get(code)!.status, errors[code].status, `status of ${code}`);
      assert.ok(documented.get(code)!.meaning.length > 10, `${code} has a meaning`);
    }
  });

  test('codes are lower-case, namespaced at most once; statuses are HTTP error statuses; titles are set', () => {
    for (const code of codes) {
      assert.match(code, /^[a-z_]+(\.[a-z_]+)?$/, code);
      const { status, title } = errors[code];
      assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status}`);
      assert.ok(title.trim().length > 0, code);
    }
  });

  test('AppError carries status and title from the catalogue; detail stays out of the public options', () => {
    for (const code of codes) {
      const e = new AppError(code, { detail: 'internal id usr_1' });
      assert.equal(e.status, errors[code].status);
      assert.equal(e.title, errors[code].title);
      assert.equal(e.code, code);
      assert.equal(e.message, `${code}: internal id usr_1`);
      assert.ok(isAppError(e, code), 'expected isAppError(e, code)');
    }
    assert.throws(
      () => fail('token.invalid'),
      (e: unknown) => isAppError(e, 'token.invalid') && !isAppError(e, 'internal'),
    );
    assert.equal(isAppError(new Error('token.invalid')), false);
  });

  test('AppError without a detail: the message is the code alone; its name is AppError; isAppError without a code matches any', () => {
    const e = new AppError('token.invalid');
    assert.equal(e.message, 'token.invalid', 'no trailing separator without a detail');
    assert.equal(e.name, 'AppError', 'the name shown in stack traces and logs');
    assert.equal(isAppError(e), true, 'any AppError when no code is asked for');
  });
});
