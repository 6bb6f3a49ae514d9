// Runs every test/**/*.test.ts with Node's own test runner (TypeScript through tsx).
// `npm test -- test/unit` narrows to a folder or file. Node 20's runner does not expand globs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

function collect(path) {
  if (statSync(path).isDirectory())
    return readdirSync(path)
      .sort()
      .flatMap((name) => collect(join(path, name)));
  return path.endsWith('.test.ts') ? [path] : [];
}

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test', 'packages/sdk/test']).flatMap(collect);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// test/bench/ runs the whole `npm run bench` at a tiny size (minutes on a busy machine): it gets a
// run of its own with a longer limit, first, so the suite's closing summary stays the last lines.
// It uses its own embedded database whatever TEST_DATABASE_URL says, so the PostgreSQL leg (which
// sets TEST_DATABASE_URL) leaves it out rather than run the same thing twice.
const benchFiles = files.filter((f) => f.startsWith(join('test', 'bench') + sep));
const long = process.env.TEST_DATABASE_URL ? [] : benchFiles;
if (benchFiles.length > long.length)
  console.log(`# ${benchFiles.length} bench test file(s) left out: they do not use TEST_DATABASE_URL and ran on the embedded leg`);
const rest = files.filter((f) => !benchFiles.includes(f));
const run = (list, timeoutMs) =>
  list.length === 0
    ? 0
    : (spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${timeoutMs}`, ...list], {
        stdio: 'inherit',
        env: process.env,
      }).status ?? 1);
// Node 20's runner applies --test-timeout to each file as a whole, not to each test: on a busy
// 2-core machine a healthy file of browser or CLI tests can take minutes. The limit is there to
// end a hang, not to time anything.
const statuses = [run(long, 600_000), run(rest, 600_000)];
process.exit(statuses.find((s) => s !== 0) ?? 0);
