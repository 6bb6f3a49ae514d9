// One password-hashing thread (see hashing-threads.ts). argon2 runs synchronously here, on this
// thread alone, which lowers its own CPU priority first: a login storm then only gets the CPU that
// request handling leaves over, and can never starve the authorization API of the Smart Services.
import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { hashSync, verifySync, type Options } from '@node-rs/argon2';

export type HashJob =
  | { id: number; op: 'hash'; password: string; params: Options }
  | { id: number; op: 'verify'; password: string; stored: string };
export type HashAnswer = { id: number; ok: true; value: string | boolean } | { id: number; ok: false; error: string };

try {
  // Linux: /proc/thread-self is "<pid>/task/<tid>", and a nice value set on a tid is that thread's alone.
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid)) setPriority(tid, (workerData as { nice: number }).nice);
} catch {
  // Elsewhere the thread keeps the process's priority; the concurrency gate still bounds it.
}

parentPort!.on('message', (job: HashJob) => {
  let answer: HashAnswer;
  try {
    const value = job.op === 'hash' ? hashSync(job.password, job.params) : safeVerify(job.stored, job.password);
    answer = { id: job.id, ok: true, value };
  } catch (e) {
    answer = { id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(answer);
});

function safeVerify(stored: string, password: string): boolean {
  try {
    return verifySync(stored, password);
  } catch {
    return false; // a malformed stored hash verifies nothing
  }
}
