// A fixed set of threads for argon2, each at a lower CPU priority (nice) than the thread that
// answers requests. The Semaphore in password-hasher.ts decides how many hashes run and wait; this
// only hands each job to an idle thread.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Options } from '@node-rs/argon2';
import type { HashAnswer, HashJob } from './hashing-thread.js';

export interface HashingThreads {
  hash(password: string, params: Options): Promise<string>;
  verify(stored: string, password: string): Promise<boolean>;
  close(): Promise<void>;
}

type Pending = { resolve: (v: string | boolean) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

// The compiled service runs hashing-thread.js; the sources (tests, through tsx) hashing-thread.ts.
const compiled = new URL('./hashing-thread.js', import.meta.url);
const FROM_SOURCES = !existsSync(compiled);
const ENTRY = FROM_SOURCES ? new URL('./hashing-thread.ts', import.meta.url) : compiled;

export function startHashingThreads(options: { threads: number; nice: number }): HashingThreads {
  const idle: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  const jobs = new Map<Worker, Pending>();
  const all = new Set<Worker>();
  let nextId = 0;
  let closing = false;

  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const spawn = () => {
    const workerData = { nice: options.nice };
    // From the sources, the thread registers tsx itself (Node 20 runs a worker's entry before any
    // --import of its execArgv would take effect).
    const worker = FROM_SOURCES
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY.href)}); })`, {
          eval: true,
          workerData,
        })
      : new Worker(ENTRY, { workerData });
    // Idle hashing threads must not keep a CLI command or a test process alive.
    worker.unref();
    all.add(worker);
    worker.on('message', (answer: HashAnswer) => {
      const job = jobs.get(worker);
      jobs.delete(worker);
      release(worker);
      if (!job) return;
      if (answer.ok) job.resolve(answer.value);
      else job.reject(new Error(answer.error));
    });
    // A thread that dies fails its job (never a request hanging forever) and is replaced.
    const died = (e: Error) => {
      if (!all.delete(worker)) return;
      jobs.get(worker)?.reject(e);
      jobs.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      if (!closing) release(spawn());
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`hashing thread exited with ${code}`)));
    return worker;
  };
  for (let i = 0; i < options.threads; i++) idle.push(spawn());

  const run = async (job: DistributiveOmit<HashJob, 'id'>) => {
    const worker = idle.pop() ?? (await new Promise<Worker>((resolve) => waiting.push(resolve)));
    return new Promise<string | boolean>((resolve, reject) => {
      jobs.set(worker, { resolve, reject });
      worker.postMessage({ ...job, id: ++nextId });
    });
  };
  return {
    hash: async (password, params) => (await run({ op: 'hash', password, params })) as string,
    verify: async (stored, password) => (await run({ op: 'verify', password, stored })) as boolean,
    async close() {
      closing = true;
      await Promise.all([...all].map((w) => w.terminate()));
    },
  };
}
