// Only `serve` creates the embedded database. Any other command pointed at a DATA_DIR without one
// (run from the wrong directory, DATA_DIR unset) refuses and leaves the file system as it was,
// rather than creating an empty `./data` and answering about a database that is not the service's.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cli(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Only DATA_DIR from this test: no DATABASE_URL (or anything else) from the runner's environment.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function assertRefused(args: string[], dataDir: string, what: string) {
  const run = await cli(args, dataDir);
  const name = `${args.join(' ')} with ${what}`;
  assert.equal(run.code, 2, `${name} should exit 2; stderr: ${run.stderr}`);
  assert.match(
    run.stderr,
    /^No Gatehouse database in .+ \(DATA_DIR\): nothing was created or changed\./,
    `${name}: the refusal says what is missing`,
  );
  assert.ok(run.stderr.includes(dataDir), `${name}: the refusal names the directory it looked in (${dataDir}); got: ${run.stderr}`);
  assert.match(run.stderr, /npx gatehouse serve/, `${name}: the refusal says how a database is created`);
  assert.equal(run.stdout, '', `${name}: nothing on stdout`);
}

test('a command other than serve refuses a DATA_DIR that does not exist, and does not create it', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
  dirs.push(parent);
  const missing = join(parent, 'data');
  for (const args of [
    ['outbox'],
    ['migrate'],
    ['service-client', 'create', '--name', 'dashboards'],
    ['oidc-client', 'list'],
    ['oidc-keys', 'rotate'],
    ['user', 'reset-mfa', 'someone@example.com'],
  ]) {
    await assertRefused(args, missing, 'a DATA_DIR that does not exist');
    assert.equal(existsSync(missing), false, `${args.join(' ')} left the missing DATA_DIR uncreated`);
  }
});

test('a command other than serve refuses an empty DATA_DIR, and leaves it empty', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
  dirs.push(empty);
  for (const args of [['outbox', '--json'], ['migrate']]) {
    await assertRefused(args, empty, 'an empty DATA_DIR');
    assert.deepEqual(readdirSync(empty), [], `${args.join(' ')} left the empty DATA_DIR empty (no lock file, no cluster)`);
  }
});
