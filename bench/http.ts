// Over HTTP, side by side in one run, the same questions with the same concurrency:
// - a bare Fastify GET /hello (the old floor, `httpCheckVsHello`);
// - the POST floor: a bare Fastify POST route in this process that parses the same JSON bodies as
//   Gatehouse's check (the same bytes: path, headers, Content-Length) and answers a constant
//   {"allowed":true} (`httpCheckVsPostFloor`);
// - Gatehouse's POST /api/v1/authz/check with a service key, the full app as createGatehouse wires it;
// - Cerbos and SpiceDB (peers/), each in its own process, asked the same questions in their formats;
// - Gatehouse's check-batch with 1,000 checks a request.
// The load generator (load-generator.ts) runs on one core and every server on another
// (test/support/cpu.ts; on this 2-core machine one core each); all are loaded one after the other,
// in two alternated rounds (the mean is the figure), so drift on a busy machine hits each alike.
// Answers are compared with the reference before any load: every question, for every contender.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { affinityOf, pin, plan, type PinPlan } from '../test/support/cpu.js';
import { startLoadGenerator, type LoadRequest, type LoadResult } from './load-generator.js';
import { mean } from './measure.js';
import { measuring } from './phases.js';
import type { Peer, Question } from './peers/peer.js';

export const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 2);
export const CONNECTIONS = 16;
export const BATCH_SIZE = 1_000;

export interface Contender {
  name: string;
  url: string;
  requests: LoadRequest[];
  /** Sent with every request (Gatehouse's service key; the same to the POST floor). */
  headers?: Record<string, string>;
  /** Served by this process: its event-loop use is measured. */
  inProcess: boolean;
  /** Other processes serving it, pinned to the service core while it is loaded. */
  pids?: number[];
}

export interface ContenderFigures {
  name: string;
  /** `serverCpu`: of a contender served by other processes, the CPU they used ÷ the run's time. */
  runs: (LoadResult & { serverLoopUtilization: number | undefined; serverCpu?: number })[];
  rps: number;
  p99Ms: number;
}

const listenUrl = async (app: {
  listen(o: { port: number; host: string }): Promise<string>;
  server: { address(): AddressInfo | string | null };
}) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

/** The two floors, in this process. */
export async function startFloors() {
  const hello = Fastify();
  hello.get('/hello', async () => ({ hello: 'world' }));
  const floor = Fastify();
  floor.post('/api/v1/authz/check', async () => ({ allowed: true }));
  return {
    helloUrl: await listenUrl(hello),
    floorUrl: await listenUrl(floor),
    close: async () => {
      await hello.close();
      await floor.close();
    },
  };
}

/** CPU seconds (user + system, every thread) `pid` has used so far, from /proc; undefined off Linux. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** How many of the questions `contender` answers differently from the reference. */
export async function disagreements(
  url: string,
  requests: LoadRequest[],
  questions: Question[],
  allowed: (body: unknown) => boolean,
  headers: Record<string, string> = {},
): Promise<number> {
  let bad = 0;
  // Sixteen at a time, as the load's connections.
  for (let i = 0; i < requests.length; i += 16) {
    await Promise.all(
      requests.slice(i, i + 16).map(async (r, j) => {
        const { q, k } = questions[i + j]!;
        const res = await fetch(`${url}${r.path}`, { method: r.method, headers: { ...headers, ...r.headers }, body: r.body });
        const text = await res.text();
        let ok = false;
        try {
          ok = res.status === 200 && allowed(JSON.parse(text)) === (q.expected[k] === 1);
        } catch {
          ok = false;
        }
        if (!ok) bad++;
      }),
    );
  }
  return bad;
}

export const peerContender = (p: Peer): Contender => ({ name: p.name, url: p.url, requests: p.requests, inProcess: false, pids: p.pids });

/**
 * Loads each contender HTTP_SECONDS per round, `rounds` rounds alternated, after a warm-up of each;
 * then each `once` contender (the batch) one run. Pinned as `plan()` says.
 */
export async function loadAll(
  contenders: Contender[],
  once: Contender[],
  rounds = 2,
): Promise<{ figures: Map<string, ContenderFigures>; pinning: PinPlan }> {
  const pinning = plan();
  const generator = await startLoadGenerator();
  const mine = affinityOf(process.pid);
  const figures = new Map<string, ContenderFigures>();
  try {
    if (pinning.pinned) {
      pin(generator.pid, pinning.generator);
      // This process shares the service's core only when it serves a contender itself; else it just
      // waits, and it waits on the generator's core — its own leftover GC work (it holds the
      // bench's world) would otherwise take the service's core from the service (seen: the service
      // process at 47–68 % of its core while loaded, the floors' rates halved).
      const serving = [...contenders, ...once].some((c) => c.inProcess);
      pin(process.pid, serving ? pinning.service : pinning.generator);
      for (const c of [...contenders, ...once]) for (const pid of c.pids ?? []) pin(pid, pinning.service);
    }
    (globalThis as { gc?: () => void }).gc?.();
    // Every server process but the loaded contender's is stopped while it is loaded: they share the
    // service's core, and an idle peer is not idle (SpiceDB's and Cerbos's Go runtimes, a Node
    // process's GC) — seen: the service process at 67–78 % of its core under load, not 100 %.
    const others = (c: Contender) =>
      [...new Set([...contenders, ...once].flatMap((x) => x.pids ?? []))].filter((pid) => !c.pids?.includes(pid));
    const signal = (pids: number[], sig: NodeJS.Signals) => {
      for (const pid of pids) {
        try {
          process.kill(pid, sig);
        } catch {
          // gone
        }
      }
    };
    const run = async (c: Contender, seconds: number) => {
      const stopped = others(c);
      signal(stopped, 'SIGSTOP');
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = (c.pids ?? []).map(cpuSeconds);
      const t0 = performance.now();
      const r = await generator
        .run({ url: c.url, requests: c.requests, seconds, connections: CONNECTIONS, headers: c.headers })
        .finally(() => signal(stopped, 'SIGCONT'));
      const elu = performance.eventLoopUtilization(elu0).utilization;
      // A peer's CPU share: whether it was the limit (≈ 100 % of its core) or the generator was.
      const used = (c.pids ?? []).map((pid, i) => (cpu0[i] === undefined ? undefined : cpuSeconds(pid)! - cpu0[i]!));
      const serverCpu =
        used.length > 0 && used.every((u) => u !== undefined && !Number.isNaN(u))
          ? used.reduce((a, b) => a! + b!, 0)! / ((performance.now() - t0) / 1000)
          : undefined;
      if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0)
        throw new Error(`${c.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
      return { ...r, serverLoopUtilization: c.inProcess ? elu : undefined, ...(serverCpu === undefined ? {} : { serverCpu }) };
    };
    await measuring(async () => {
      for (const c of [...contenders, ...once]) await run(c, Math.min(1, HTTP_SECONDS));
      for (let round = 0; round < rounds; round++) {
        for (const c of contenders) {
          const f = figures.get(c.name) ?? { name: c.name, runs: [], rps: 0, p99Ms: 0 };
          f.runs.push(await run(c, HTTP_SECONDS));
          figures.set(c.name, f);
        }
      }
      for (const c of once) figures.set(c.name, { name: c.name, runs: [await run(c, HTTP_SECONDS)], rps: 0, p99Ms: 0 });
    });
  } finally {
    if (pinning.pinned && mine) pin(process.pid, mine);
    await generator.close();
  }
  for (const f of figures.values()) {
    f.rps = mean(f.runs.map((r) => r.rps));
    f.p99Ms = mean(f.runs.map((r) => r.p99Ms));
  }
  return { figures, pinning };
}
