// SpiceDB as a peer: the process of spicedb-server.ts, started at the beginning of the bench (its
// relationships take a while to write) and paused whenever the bench measures (phases.ts).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { adopt, settled } from '../phases.js';
import { PERMISSIONS, type World } from '../world.js';
import type { Peer, Question } from './peer.js';
import { libraryPackage, spiceName, type SpiceLayout } from './spicedb-model.js';

/** The gateway's CheckPermission body for one question. */
function request(w: World, { q, k }: Question, consistency: 'minimizeLatency' | 'fullyConsistent'): string {
  const org = w.orgIds[q.org[k]!]!;
  const resource =
    q.dev[k]! < 0 ? { objectType: 'organization', objectId: org } : { objectType: 'device', objectId: `${org}|${w.deviceIds[q.dev[k]!]!}` };
  return JSON.stringify({
    consistency: { [consistency]: true },
    resource,
    permission: spiceName(PERMISSIONS[q.perm[k]!]!),
    subject: { object: { objectType: 'user', objectId: w.userIds[q.user[k]!]! } },
  });
}

export interface SpiceDbStarting {
  /**
   * Resolves when the relationships are written and it serves; then `peer()` gives the peer. It
   * stays a process that is setting up (paused while anything is measured: phases.ts) until
   * `settled()` says its set-up is over — the bench compares its answers first, which takes minutes.
   */
  ready: Promise<{ peer(w: World, questions: Question[]): Peer; settled(): void } | { skipped: string }>;
}

/**
 * BENCH_SPICEDB_LAYOUT: `bindings` (default: SpiceDB's documented pattern for user-defined roles) or
 * `flat` (built-in roles as relations of the organization, custom roles' permissions written per
 * member) — see spicedb-model.ts. `goMaxProcs`: the cores it will be pinned to while loaded (Go
 * would otherwise keep as many schedulers as cores it saw at start, spinning on one core).
 */
export function startSpiceDb(scale: number, nOrgs: number, goMaxProcs: number | undefined): SpiceDbStarting {
  const layout = (process.env.BENCH_SPICEDB_LAYOUT ?? 'bindings') as SpiceLayout;
  if (layout !== 'bindings' && layout !== 'flat') throw new Error(`BENCH_SPICEDB_LAYOUT must be bindings or flat, not ${layout}`);
  try {
    createRequire(import.meta.url).resolve(`${libraryPackage}/package.json`);
  } catch {
    return {
      ready: Promise.resolve({
        skipped: `SpiceDB: npm package ${libraryPackage} is not installed (the library is published for linux x64/arm64, darwin arm64, win32 x64)`,
      }),
    };
  }
  // Forked now, synchronously: the main process is about to be busy for a while.
  const child = fork(
    fileURLToPath(new URL('./spicedb-server.ts', import.meta.url)),
    ['--bench-spicedb-server', '--scale', String(scale), '--orgs', String(nOrgs), '--layout', layout],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: goMaxProcs === undefined ? process.env : { ...process.env, GOMAXPROCS: String(goMaxProcs) },
    },
  );
  adopt(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ready = (async (): Promise<Awaited<SpiceDbStarting['ready']>> => {
    const info = await new Promise<{ relationships: number; loadMs: number; version: string; port: number } | { failed: string }>(
      (resolve) => {
        child.on('message', (m: { ready?: { relationships: number; loadMs: number; version: string; port: number }; failed?: string }) => {
          if (m.ready) resolve(m.ready);
          else if (m.failed) resolve({ failed: m.failed });
        });
        child.once('exit', (code, sig) => resolve({ failed: `exited with ${code ?? sig}` }));
      },
    );
    if ('failed' in info) return { skipped: `SpiceDB could not start here: ${info.failed}` };
    return {
      settled: () => settled(child),
      peer: (w, questions): Peer => ({
        name: 'SpiceDB',
        url: `http://127.0.0.1:${info.port}`,
        requests: questions.map((x) => ({
          method: 'POST',
          path: '/v1/permissions/check',
          body: request(w, x, 'minimizeLatency'),
          headers: { 'content-type': 'application/json' },
        })),
        checkRequests: questions.map((x) => ({
          method: 'POST',
          path: '/v1/permissions/check',
          body: request(w, x, 'fullyConsistent'),
          headers: { 'content-type': 'application/json' },
        })),
        allowed: (body) => (body as { permissionship?: string }).permissionship === 'PERMISSIONSHIP_HAS_PERMISSION',
        pids: [child.pid!],
        how: `SpiceDB (${libraryPackage} ${info.version}: the server as a library, in-memory datastore, dispatch and namespace caches off as that build sets them) behind node:http serving the gateway's POST /v1/permissions/check, own process; ${info.relationships.toLocaleString('en')} relationships (${layout} layout) of the first ${nOrgs} orgs, written in ${(info.loadMs / 1000).toFixed(1)} s; minimizeLatency`,
        async stop() {
          if (child.connected) child.disconnect();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        },
      }),
    };
  })();
  return { ready };
}
