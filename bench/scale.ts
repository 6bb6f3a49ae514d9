// 1× and 10× the data, in a child process with a heap of its own (a 10× world with its indexes is
// several GB of small objects): the same engine code over indexes in the loader's shape
// (index-model.ts), 1× first, then 10× (the 1× world is garbage by then). The throughput ratio is
// `scale10xThroughput`; the heap each index step adds, after a full GC, gives the bytes per device,
// member and device grant at both sizes.
//
// The child builds while the main process works; it measures only when the main process lets it
// (phases.ts), so its timings never share the machine with the bench's own other work.
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createAuthzEngine } from '../src/core/authz/authz-engine.js';
import { oursBatch, oursOne } from './contenders.js';
import { buildIndexes, canMeasureMemory, type IndexMemory } from './index-model.js';
import { fmt, latency, logger, mismatches, throughput, verified, type Batch } from './measure.js';
import { adopt } from './phases.js';
import { measureInChild } from './phases.js';
import { warmEngine } from './pglite-world.js';
import { generateWorld, makeQueries, queriesAt, SEED, sizesOf } from './world.js';

export const SCALE_FACTOR = 10;

export interface ScaleResult {
  sizes: ReturnType<typeof sizesOf>;
  plain: number;
  device: number;
  latency: ReturnType<typeof latency>;
  mismatches: number;
  verified: number;
  memory: IndexMemory | undefined;
  buildSeconds: number;
}

async function atScale(scale: number, queries: number, log: (msg: string) => void): Promise<ScaleResult> {
  const t = performance.now();
  let w: ReturnType<typeof generateWorld> | undefined = generateWorld(scale);
  const plain = makeQueries(w, queries, false, Infinity, SEED + 11);
  const device = makeQueries(w, queries, true, Infinity, SEED + 12);
  const sizes = sizesOf(w);
  const { indexes, memory } = buildIndexes(w, { measure: true });
  w = undefined; // the queries carry their own answers; the arrays may go
  const engine = createAuthzEngine({ load: async (id) => indexes.get(id) }, { maxOrganizations: indexes.size });
  await warmEngine(engine, [...indexes.keys()]);
  const buildSeconds = (performance.now() - t) / 1000;
  log(`scale ${scale}: world, queries and indexes in ${buildSeconds.toFixed(1)} s${memory ? `; ${memory.bytesPerMember.toFixed(0)} B/member, ${memory.bytesPerDeviceGrant.toFixed(0)} B/grant` : ''}`);
  return measureInChild(() => {
    const m0 = performance.now();
    const before = verified.count;
    const bad = mismatches(plain, oursOne(engine, plain)) + mismatches(device, oursOne(engine, device));
    const best = (batch: Batch, n: number) => Math.max(throughput(batch, n), throughput(batch, n));
    const result: ScaleResult = {
      sizes,
      plain: best(oursBatch(engine, plain), plain.n),
      device: throughput(oursBatch(engine, device), device.n),
      latency: latency(oursOne(engine, plain), plain.n),
      mismatches: bad,
      verified: verified.count - before,
      memory,
      buildSeconds,
    };
    log(`scale ${scale}: ${fmt(result.plain)} / ${fmt(result.device)} checks/s, measured in ${((performance.now() - m0) / 1000).toFixed(1)} s`);
    return result;
  });
}

const CHILD_FLAG = '--bench-scale-child';

/** Starts the child; its answer arrives when both sizes are measured. */
export function startScale(scale: number): Promise<{ one: ScaleResult; ten: ScaleResult }> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, String(scale)], {
    // A larger heap, a GC to call for the memory figures, and a larger young generation (the build
    // allocates millions of small objects that all survive; fewer scavenges copy them fewer times).
    execArgv: [...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')), '--max-old-space-size=8192', '--expose-gc', '--max-semi-space-size=64'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  adopt(child);
  return new Promise((resolve, reject) => {
    let answer: { one: ScaleResult; ten: ScaleResult } | undefined;
    child.on('message', (m) => {
      if ((m as { result?: unknown }).result) answer = (m as { result: typeof answer }).result;
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => (answer && code === 0 ? resolve(answer) : reject(new Error(`the scale child process exited with ${code ?? sig}`))));
  });
}

if (process.argv.includes(CHILD_FLAG) && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const log = logger('bench, scale child');
  if (!canMeasureMemory) log('no global.gc: memory figures are not measured');
  const scale = Number(process.argv[process.argv.indexOf(CHILD_FLAG) + 1]);
  // The same number of questions at both sizes (the 1× world's).
  const one = await atScale(scale, queriesAt(scale), log);
  const ten = await atScale(scale * SCALE_FACTOR, queriesAt(scale), log);
  process.send!({ result: { one, ten } });
  process.disconnect();
}
