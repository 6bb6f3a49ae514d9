// The HTTP load generator: autocannon in a process of its own, so it can be pinned to its own core
// (test/support/cpu.ts) while the server under load — Gatehouse, the floors, Cerbos, SpiceDB — has
// another. Every contender is loaded the same way: the same connections, the same seconds, the same
// questions (each in its own wire format).
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { adopt } from './phases.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadJob {
  url: string;
  requests: LoadRequest[];
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  rps: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface CannonResult {
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number };
}

const CHILD_FLAG = '--bench-load-generator';

export interface LoadGenerator {
  readonly pid: number;
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  adopt(child, false);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the load generator exited with ${code}`)));
  });
  let next = 0;
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; result?: LoadResult; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.result!);
  });
  child.on('exit', () => {
    for (const p of pending.values()) p.reject(new Error('the load generator exited'));
    pending.clear();
  });
  return {
    pid: child.pid!,
    run(job) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, job });
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await exited;
    },
  };
}

if (process.argv.includes(CHILD_FLAG) && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<CannonResult>;
  process.on('message', async ({ id, job }: { id: number; job: LoadJob }) => {
    try {
      const r = await autocannon({
        url: job.url,
        connections: job.connections,
        duration: job.seconds,
        headers: job.headers ?? {},
        requests: job.requests,
      });
      const result: LoadResult = {
        rps: r.requests.total / r.duration,
        total: r.requests.total,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
      };
      process.send!({ id, result });
    } catch (e) {
      process.send!({ id, error: String(e) });
    }
  });
  // Ends with the bench: the channel closes, nothing else holds this process.
  process.once('disconnect', () => process.exit(0));
  process.send!({ ready: true });
}
