// Measuring in process: throughput of a batch function over a query list, the latency of one
// call, answers against the reference; and the small formatting helpers every part of the bench uses.
import { performance } from 'node:perf_hooks';
import type { Queries } from './world.js';

/** BENCH_SECONDS: the timed part of each in-process throughput figure. */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const CHUNK = 8192;

export const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const round = (n: number, digits = 3) => Number(n.toFixed(digits));
export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A progress line on stderr, with the time since this process started. */
export const logger = (who: string) => (msg: string) => process.stderr.write(`[${who} ${(performance.now() / 1000).toFixed(1)}s] ${msg}\n`);

/** Runs `count` checks from `from`; returns how many were allowed (kept, so nothing is optimised away). */
export type Batch = (from: number, count: number) => number;

// biome-ignore lint/correctness/noUnusedVariables: written, never read: keeps the measured calls from being optimised away.
let sink = 0;

/**
 * The last `throughput`'s rate per second of this process's CPU time (user + system) instead of
 * wall-clock: what a machine shared with other work moves less (a descheduled loop costs wall-clock
 * time, not CPU time). Comparisons of code on a busy machine read it (bench/scale.ts run alone).
 */
export const lastCpuRate = { value: 0 };

/**
 * Checks per second of `run` over the list, cycling through it: a warm-up of a quarter of the time
 * (at most 1 s), then `seconds` of chunks; a chunk grows until it takes ≥ 5 ms, so the clock is
 * read rarely for fast contenders and a slow one does not overrun the time.
 */
export function throughput(run: Batch, n: number, seconds = SECONDS): number {
  let i = 0;
  let chunk = 16;
  const step = () => {
    const count = Math.min(chunk, n - i);
    sink += run(i, count);
    i = (i + count) % n;
    return count;
  };
  const warmEnd = performance.now() + Math.min(1_000, (seconds * 1_000) / 4);
  for (let t = performance.now(); t < warmEnd; ) {
    step();
    const now = performance.now();
    if (now - t < 5 && chunk < CHUNK) chunk *= 2;
    t = now;
  }
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + seconds * 1_000;
  let t = t0;
  while (t < end) {
    ops += step();
    t = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  lastCpuRate.value = ops / ((cpu.user + cpu.system) / 1e6);
  return ops / ((t - t0) / 1_000);
}

/** The answers to the first `limit` queries of the list compared with the reference; returns the number of mismatches. */
export const VERIFY = 1 << 18;
/** How many answers were compared with the reference so far (all contenders). */
export const verified = { count: 0 };
export function mismatches(q: Queries, answer: (i: number) => boolean, limit = VERIFY): number {
  let bad = 0;
  const n = Math.min(q.n, limit);
  for (let i = 0; i < n; i++) if (answer(i) !== (q.expected[i] === 1)) bad++;
  verified.count += n;
  return bad;
}

export function latency(one: (i: number) => boolean, n: number, samples = 200_000) {
  const ns = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    const k = (s * 7919) % n;
    const t0 = process.hrtime.bigint();
    if (one(k)) sink++;
    ns[s] = Number(process.hrtime.bigint() - t0);
  }
  ns.sort();
  const at = (p: number) => ns[Math.min(samples - 1, Math.floor(p * samples))]! / 1_000;
  return { p50Us: at(0.5), p99Us: at(0.99), p999Us: at(0.999), maxUs: ns[samples - 1]! / 1_000 };
}

export function timerOverheadUs(samples = 200_000): number {
  const ns = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    ns[s] = Number(process.hrtime.bigint() - t0);
  }
  ns.sort();
  return ns[Math.floor(samples / 2)]! / 1_000;
}
