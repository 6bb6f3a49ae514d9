// Gatehouse's engine in process over the whole world, at 1× and 10× the data, in a child process
// with a heap of its own (a 10× world with its indexes is several GB of small objects): the engine
// createGatehouse wires (createAuthzEngine) over indexes in the loader's shape (index-model.ts),
// 1× first — with the Map floor and the latency of one check — then 10× (the 1× world is garbage by
// then). Ours against the floor is `checkVsMapFloor`; 10× against 1× is `scale10xThroughput`; the
// heap each index step adds, after a full GC, gives the bytes per device, member and device grant.
//
// The child builds while the main process works; it measures only when the main process lets it
// (phases.ts), so its timings never share the machine with the bench's own other work.
import { SHIPPED_INDEX } from '../test/support/shipped-catalog.js';
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createAuthzEngine } from '../src/core/authz/authz-engine.js';
import { floorBatch, mapFloor, oursBatch, oursOne } from './contenders.js';
import { buildIndexes, canMeasureMemory, type IndexMemory } from './index-model.js';
import { fmt, latency, logger, mismatches, throughput, timerOverheadUs, verified } from './measure.js';
import { adopt } from './phases.js';
import { exitWithParent, measureInChild } from './phases.js';
import { warmEngine } from './pglite-world.js';
import { allowedShare, generateWorld, makeQueries, queriesAt, SEED, sizesOf } from './world.js';

export const SCALE_FACTOR = 10;

export interface ScaleResult {
  sizes: ReturnType<typeof sizesOf>;
  queries: number;
  allowedShare: { plain: number; device: number };
  plain: number;
  device: number;
  latency: ReturnType<typeof latency>;
  mismatches: number;
  verified: number;
  memory: IndexMemory | undefined;
  buildSeconds: number;
  /** At 1× only: the Map floor over the same lists, one device check's latency, the timer's cost. */
  floor?: { plain: number; device: number; size: number };
  latencyDevice?: ReturnType<typeof latency>;
  timerUs?: number;
}

/**
 * One size: world, query lists, indexes, engine; then, when let, its figures. With `floor` (1×):
 * also the Map floor on the same lists, alternated with ours (best of two each: on this kind of
 * machine the same loop varies by tens of percent from one run to the next, and the order must not
 * decide), and one device check's latency.
 */
async function atScale(scale: number, queries: number, floor: boolean, log: (msg: string) => void): Promise<ScaleResult> {
  const t = performance.now();
  let w: ReturnType<typeof generateWorld> | undefined = generateWorld(scale);
  const plain = makeQueries(w, queries, false, Infinity, SEED + 11);
  const device = makeQueries(w, queries, true, Infinity, SEED + 12);
  const sizes = sizesOf(w);
  let map: Map<string, boolean> | undefined = floor ? mapFloor([plain, device]) : undefined;
  const { indexes, memory } = buildIndexes(w, { measure: true });
  w = undefined; // the queries carry their own answers; the arrays may go
  const engine = createAuthzEngine(
    { loadCatalog: async () => SHIPPED_INDEX, load: async (id) => indexes.get(id) },
    { maxOrganizations: indexes.size },
  );
  await warmEngine(engine, [...indexes.keys()]);
  const buildSeconds = (performance.now() - t) / 1000;
  log(
    `scale ${scale}: world, queries and indexes in ${buildSeconds.toFixed(1)} s${memory ? `; ${memory.bytesPerMember.toFixed(0)} B/member, ${memory.bytesPerDeviceGrant.toFixed(0)} B/grant` : ''}`,
  );
  const result = await measureInChild(() => {
    const m0 = performance.now();
    const before = verified.count;
    let bad = mismatches(plain, oursOne(engine, plain)) + mismatches(device, oursOne(engine, device));
    const result: ScaleResult = {
      sizes,
      queries,
      memory,
      buildSeconds,
      allowedShare: { plain: allowedShare(plain), device: allowedShare(device) },
      plain: throughput(oursBatch(engine, plain), plain.n),
      device: throughput(oursBatch(engine, device), device.n),
      latency: latency(oursOne(engine, plain), plain.n),
      mismatches: 0,
      verified: 0,
    };
    if (map) {
      const m = map;
      bad += mismatches(plain, (i) => floorBatch(m, plain)(i, 1) === 1) + mismatches(device, (i) => floorBatch(m, device)(i, 1) === 1);
      result.timerUs = timerOverheadUs();
      result.latencyDevice = latency(oursOne(engine, device), device.n);
      result.floor = {
        plain: throughput(floorBatch(m, plain), plain.n),
        device: throughput(floorBatch(m, device), device.n),
        size: m.size,
      };
      result.plain = Math.max(result.plain, throughput(oursBatch(engine, plain), plain.n));
      result.floor.plain = Math.max(result.floor.plain, throughput(floorBatch(m, plain), plain.n));
    } else {
      result.plain = Math.max(result.plain, throughput(oursBatch(engine, plain), plain.n));
    }
    result.mismatches = bad;
    result.verified = verified.count - before;
    log(
      `scale ${scale}: ${fmt(result.plain)} / ${fmt(result.device)} checks/s, measured in ${((performance.now() - m0) / 1000).toFixed(1)} s`,
    );
    return result;
  });
  map = undefined;
  return result;
}

const CHILD_FLAG = '--bench-scale-child';

/** Starts the child; its answer arrives when both sizes are measured. */
export function startScale(scale: number): Promise<{ one: ScaleResult; ten: ScaleResult }> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, String(scale)], {
    // A larger heap, a GC to call for the memory figures, and a larger young generation (the build
    // allocates millions of small objects that all survive; fewer scavenges copy them fewer times).
    execArgv: [
      ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
      '--max-old-space-size=8192',
      '--expose-gc',
      '--no-flush-bytecode',
      '--max-semi-space-size=64',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  adopt(child);
  return new Promise((resolve, reject) => {
    let answer: { one: ScaleResult; ten: ScaleResult } | undefined;
    child.on('message', (m) => {
      if ((m as { result?: unknown }).result) answer = (m as { result: typeof answer }).result;
    });
    child.on('error', reject);
    // 'close', not 'exit': 'exit' can come before the last message has been read from the IPC
    // channel (seen under load: a child that had sent its result was taken for a failure).
    child.on('close', (code, sig) =>
      answer && code === 0 ? resolve(answer) : reject(new Error(`the scale child process exited with ${code ?? sig}`)),
    );
  });
}

if (process.argv.includes(CHILD_FLAG) && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stayed = exitWithParent();
  const log = logger('bench, scale child');
  if (!canMeasureMemory) log('no global.gc: memory figures are not measured');
  const scale = Number(process.argv[process.argv.indexOf(CHILD_FLAG) + 1]);
  // The same number of questions at both sizes (the 1× world's).
  const one = await atScale(scale, queriesAt(scale), true, log);
  const ten = await atScale(scale * SCALE_FACTOR, queriesAt(scale), false, log);
  process.send!({ result: { one, ten } });
  stayed();
  process.disconnect();
}
