import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AppError, errors, fail, isAppError, type ErrorCode } from '../../src/core/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface Row {
  code: string;
  status: number;
  meaning: string;
}

/** The rows of the `| code | status | meaning |` table under `## Error codes`. */
function errorTable(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^##\s+Error codes\s*$/.test(l));
  assert.ok(start >= 0, 'README.md has no "## Error codes" section');
  const section: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    section.push(line);
  }
  const table = section.filter((l) => l.trim().startsWith('|'));
  assert.ok(table.length >= 3, 'the "## Error codes" section has no table');
  const header = table[0]!.split('|').slice(1, -1).map((c) => c.trim().toLowerCase());
  assert.deepEqual(header, ['code', 'status', 'meaning']);
  assert.match(table[1]!, /^\|\s*:?-{3,}:?\s*\|\s*:?-{3,}:?\s*\|\s*:?-{3,}:?\s*\|\s*$/);
  return table.slice(2).map((line) => {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    assert.equal(cells.length, 3, `row "${line}" should have three cells`);
    const code = /^`([^`]+)`$/.exec(cells[0]!);
    assert.ok(code, `the code in "${line}" should be in backticks`);
    assert.match(cells[1]!, /^\d{3}$/, `the status in "${line}"`);
    return { code: code[1]!, status: Number(cells[1]), meaning: cells[2]! };
  });
}

describe('error catalogue', () => {
  const rows = errorTable(readme);
  const documented = new Map(rows.map((r) => [r.code, r]));
  const codes = Object.keys(errors) as ErrorCode[];

  test('the README table lists each code once', () => {
    assert.equal(documented.size, rows.length, `duplicate rows: ${rows.map((r) => r.code).filter((c, i, all) => all.indexOf(c) !== i).join(', ')}`);
  });

  test('every code in src/core/errors.ts is in the README with the same status', () => {
    const missing = codes.filter((c) => !documented.has(c));
    assert.deepEqual(missing, [], `add these to README.md "## Error codes": ${missing.join(', ')}`);
    for (const code of codes) {
      assert.equal(documented.get(code)!.status, errors[code].status, `status of ${code}`);
      assert.ok(documented.get(code)!.meaning.length > 3, `meaning of ${code}`);
    }
  });

  test('every code in the README exists in src/core/errors.ts', () => {
    const unknown = rows.map((r) => r.code).filter((c) => !(c in errors));
    assert.deepEqual(unknown, [], `README.md documents codes the service never answers with: ${unknown.join(', ')}`);
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
    assert.throws(() => fail('token.invalid'), (e: unknown) => isAppError(e, 'token.invalid') && !isAppError(e, 'internal'));
    assert.equal(isAppError(new Error('token.invalid')), false);
  });

  test('AppError without a detail: the message is the code alone; its name is AppError; isAppError without a code matches any', () => {
    const e = new AppError('token.invalid');
    assert.equal(e.message, 'token.invalid', 'no trailing separator without a detail');
    assert.equal(e.name, 'AppError', 'the name shown in stack traces and logs');
    assert.equal(isAppError(e), true, 'any AppError when no code is asked for');
  });
});
