// CPU pinning with util-linux's `taskset`, for the bench and the proof's load section: a load
// generator on the same cores as the service it loads measures the two fighting for those cores, not
// the service. With two or more cores allowed, the generator gets the first and the service the
// last (on the 2-core machines here: one core each). Where `taskset` is missing or only one core is
// allowed, nothing is pinned and `plan()` says why, so the caller can print it next to its figures.
import { execFileSync } from 'node:child_process';

/** The CPUs `pid` may run on (its affinity list), or undefined when it cannot be read. */
export function affinityOf(pid: number): number[] | undefined {
  try {
    const out = execFileSync('taskset', ['-p', '-c', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const list = /:\s*([\d,\s-]+)\s*$/.exec(out.trim())?.[1];
    return list === undefined ? undefined : parseCpuList(list);
  } catch {
    return undefined;
  }
}

/** "0-2,5" → [0, 1, 2, 5]. */
function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    for (let c = a!; c <= (b ?? a!); c++) cpus.push(c);
  }
  return cpus;
}

/**
 * Pins every thread of `pid` (`-a`: Node's and Go's helper threads too; threads made later inherit
 * it) to `cpus`. Returns false when it could not (no taskset, the process is gone).
 */
export function pin(pid: number, cpus: readonly number[]): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus.join(','), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export type PinPlan =
  | { pinned: true; generator: number[]; service: number[]; all: number[]; note: string }
  | { pinned: false; note: string };

/** Which cores the load generator and the service get, from this process's own affinity. */
export function plan(): PinPlan {
  const all = affinityOf(process.pid);
  if (all === undefined) return { pinned: false, note: 'not pinned: taskset is not available here' };
  if (all.length < 2) return { pinned: false, note: `not pinned: only CPU ${all.join(',')} is allowed` };
  const generator = [all[0]!];
  const service = all.length === 2 ? [all[1]!] : all.slice(1);
  return {
    pinned: true,
    generator,
    service,
    all,
    note: `load generator on CPU ${generator.join(',')}, service on CPU ${service.join(',')} (taskset)`,
  };
}
