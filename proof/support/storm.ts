// A load that must be timed apart from the rest of the load generator: an open loop of requests
// fired and timed in a worker thread of its own, with its own event loop and connection pool.
// A closed loop running at full speed in the same event loop (the load section's /authz/check
// throughput) would otherwise hold every answer of the storm in its queue, and that wait would be
// counted as the service's answer time. The thread stays on the generator's cores (threads inherit
// the process's affinity), so the service's cores are not touched.
import { Worker } from 'node:worker_threads';

export interface StormRequest {
  method: string;
  path: string;
  body?: unknown;
}
export interface StormJob {
  rate: number;
  seconds: number;
  /** Request i is requests[i % length]. */
  requests: StormRequest[];
}
export interface StormResult {
  answers: { status: number; ms: number }[];
  /** The storm thread's own event-loop delay while it fired: what its timing may have added. */
  lagP99Ms: number;
  lagMaxMs: number;
  /** The share of the storm's time the thread waited, runnable, for a CPU (NaN where not known). */
  waitShare: number;
}
export type StormMessage = { kind: 'ready' } | ({ kind: 'done' } & StormResult);

const ENTRY = new URL('./storm-thread.ts', import.meta.url);

export async function stormThread(base: string) {
  // The proof runs from its sources through tsx: the thread registers it before importing its
  // entry (Node 20 runs a worker's entry before an --import of its execArgv would take effect).
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY.href)}); })`, {
    eval: true,
    workerData: { base },
  });
  let pending: { resolve: (r: StormResult) => void; reject: (e: Error) => void } | undefined;
  const failed = (e: Error) => {
    pending?.reject(e);
    pending = undefined;
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: StormMessage) => {
      if (m.kind === 'ready') return resolve();
      pending?.resolve(m);
      pending = undefined;
    });
  });
  worker.on('error', failed);
  worker.on('exit', (code) => failed(new Error(`storm thread exited with ${code}`)));
  return {
    /** Fires `job` in the thread; resolves with every answer's status and time when all are in. */
    fire(job: StormJob): Promise<StormResult> {
      if (pending) throw new Error('one storm at a time');
      return new Promise<StormResult>((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(job);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
