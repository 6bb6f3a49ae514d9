// The body of the thread `stormThread()` (storm.ts) starts: it fires an open loop of requests with
// its own client (node:http with its own connection pool; see keepAliveClient) and times each
// answer on its own event loop, whose delay it measures and sends back with the answers.
import { readFileSync, readlinkSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { keepAliveClient, type Answer } from './http.js';
import { openLoop } from './open-loop.js';
import type { StormJob, StormMessage } from './storm.js';

const port = parentPort!;
// node:http, kept alive, a new connection whenever all are busy (an open loop must not queue here).
const client = keepAliveClient((workerData as { base: string }).base, Infinity);
const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
  const t0 = performance.now();
  const status = await client.request(method, path, body);
  return { status, headers: {}, text: '', body: undefined, ms: performance.now() - t0 };
};
const send = (m: StormMessage) => port.postMessage(m);
/** This thread's time waiting, runnable, for a CPU (Linux: /proc/thread-self/schedstat, ms). */
const waited = () => {
  try {
    return Number(readFileSync(`/proc/${readlinkSync('/proc/thread-self')}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return NaN;
  }
};

// One request first, so the thread's code is compiled and a connection is open before it is timed.
await call('GET', '/healthz');
send({ kind: 'ready' });

port.on('message', async (job: StormJob) => {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const wait0 = waited();
  const t0 = performance.now();
  const answers: Answer[] = await openLoop(job.rate, job.seconds, (i) => {
    const r = job.requests[i % job.requests.length]!;
    return call(r.method, r.path, r.body);
  });
  lag.disable();
  const waitShare = (waited() - wait0) / (performance.now() - t0);
  // Only what the caller reads: the headers and bodies of 1,600 answers need not cross threads.
  send({
    kind: 'done',
    answers: answers.map((a) => ({ status: a.status, ms: a.ms })),
    lagP99Ms: lag.percentile(99) / 1e6,
    lagMaxMs: lag.max / 1e6,
    waitShare,
  });
});
