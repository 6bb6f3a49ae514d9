// Runs every test/**/*.test.ts with Node's own test runner (TypeScript through tsx).
// `npm test -- test/unit` narrows to a folder or file. Node 20's runner does not expand globs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(path) {
  if (statSync(path).isDirectory()) return readdirSync(path).sort().flatMap((name) => collect(join(path, name)));
  return path.endsWith('.test.ts') ? [path] : [];
}

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test']).flatMap(collect);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files], { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
