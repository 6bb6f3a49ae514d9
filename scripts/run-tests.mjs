// Runs every test/**/*.test.ts with Node's own test runner (TypeScript through tsx).
// `npm test -- test/unit` narrows to a folder or file. Node 20's runner does not expand globs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

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
// test/bench/ runs the whole `npm run bench` at a tiny size (minutes on a busy machine): it gets a
// run of its own with a longer limit, first, so the suite's closing summary stays the last lines.
const long = files.filter((f) => f.startsWith(join('test', 'bench') + sep));
const rest = files.filter((f) => !long.includes(f));
const run = (list, timeoutMs) =>
  list.length === 0 ? 0 : spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${timeoutMs}`, ...list], { stdio: 'inherit', env: process.env }).status ?? 1;
const statuses = [run(long, 600_000), run(rest, 120_000)];
process.exit(statuses.find((s) => s !== 0) ?? 0);
