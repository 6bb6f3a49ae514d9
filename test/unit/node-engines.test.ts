// Gatehouse runs on Node.js 20 (package.json `engines`). Every installed package must accept the
// oldest Node.js that range admits, or `npm install` warns EBADENGINE and the package may use APIs
// that Node.js 20 lacks. Read from the lock file, so the test sees exactly what `npm ci` installs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Record<string, any>;

test('the engines range admits Node.js 20, and the running Node.js', () => {
  const range = read('package.json').engines?.node as string;
  assert.ok(semver.validRange(range), `package.json engines.node is a valid range: ${range}`);
  assert.equal(semver.minVersion(range)?.major, 20, `the oldest Node.js that engines.node (${range}) admits is a 20.x`);
  assert.ok(semver.satisfies(process.version, range), `the running ${process.version} satisfies engines.node (${range})`);
});

test('every package in the lock file accepts the oldest Node.js our engines range admits', () => {
  const oldest = semver.minVersion(read('package.json').engines.node as string)!.version;
  const lock = read('package-lock.json');
  const refusing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } }>)) {
    const needs = entry.engines?.node;
    if (path === '' || needs === undefined) continue;
    if (!semver.satisfies(oldest, needs)) refusing.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version} needs node ${needs}`);
  }
  assert.deepEqual(
    refusing,
    [],
    `packages that refuse Node.js ${oldest} (pin an older version or an override in package.json; see docs/decisions.md)`,
  );
});
