// Set-up in the background, measurements one at a time.
//
// The bench's slow parts are set-up, not measurement: the 10× world and its indexes (in the scale
// child), SpiceDB's relationships (in its own process), PGlite's bulk load. They run side by side, so
// a default run fits in a few minutes on two cores. Measurements must not share the machine with
// our own set-up work, as far as a process can see to it:
// - `measuring(fn)` stops (SIGSTOP) every registered background process for the time of `fn`
//   and lets it go on (SIGCONT) afterwards;
// - a child that wants to measure asks (`{ bench: 'measure?' }`) and waits for `{ bench: 'measure!' }`;
//   it gets it as soon as nothing else measures (the main process may go on setting up meanwhile: one
//   core each), the other background processes are stopped until it says `{ bench: 'measured' }`,
//   and the main process's next measurement waits for that;
// - a child that asks for an *exclusive* window (`{ bench: 'measure?', exclusive: true }`: the scale
//   child, whose loops are memory-bound and compare two sizes) gets it only when the main process
//   does no work either: at once while the main process only waits (`serveUntil`), else at its next
//   `checkpoint()` (or `measuring`), which waits until the child says it is done.
// Every child is killed when this process exits, stopped or not, so nothing outlives the bench.
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const background = new Set<ChildProcess>();
const all = new Set<ChildProcess>();
const waiting: ChildProcess[] = [];
/** Children asking for an exclusive window: served at the main process's checkpoints or while it waits. */
const waitingExclusive: ChildProcess[] = [];
let mainMeasuring = false;
let childMeasuring: Promise<void> | undefined;
/** The child measuring now asked for an exclusive window. */
let exclusive = false;
/** The main process is in `serveUntil`: it does nothing but wait. */
let mainIdle = 0;

const signal = (child: ChildProcess, sig: NodeJS.Signals) => {
  try {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, sig);
  } catch {
    // gone already
  }
};

const killAll = () => {
  for (const c of all) {
    signal(c, 'SIGCONT');
    signal(c, 'SIGKILL');
  }
};
process.on('exit', killAll);
// Interrupted (Ctrl-C, a supervisor): the children go too — a stopped one would not hear a SIGTERM.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    killAll();
    process.exit(1);
  });
}

/** Registers a child of the bench: killed at exit; paused during measurements while `settingUp`. */
export function adopt(child: ChildProcess, settingUp = true) {
  all.add(child);
  if (settingUp) background.add(child);
  child.on('message', (m: unknown) => {
    if ((m as { bench?: string } | null)?.bench !== 'measure?') return;
    ((m as { exclusive?: boolean }).exclusive === true ? waitingExclusive : waiting).push(child);
    pump();
  });
  child.once('exit', () => {
    background.delete(child);
    all.delete(child);
  });
}

/** The child has finished its set-up (it serves now): it is no longer paused during measurements. */
export function settled(child: ChildProcess) {
  background.delete(child);
}

async function pausing<T>(except: ChildProcess | undefined, fn: () => Promise<T>): Promise<T> {
  const paused = [...background].filter((c) => c !== except);
  for (const c of paused) signal(c, 'SIGSTOP');
  try {
    return await fn();
  } finally {
    for (const c of paused) signal(c, 'SIGCONT');
  }
}

const gone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Lets the next child that asked measure, unless something measures already. A child measures while
 * the main process sets up (that is one core; the child's loop is another), never while it measures;
 * one that asked for an exclusive window, only while the main process waits (else `checkpoint`).
 */
function pump() {
  if (mainMeasuring || childMeasuring) return;
  const fromExclusive = mainIdle > 0 && waitingExclusive.length > 0;
  const child = fromExclusive ? waitingExclusive.shift() : waiting.shift();
  if (!child) return;
  if (gone(child)) return pump();
  exclusive = fromExclusive;
  childMeasuring = pausing(
    child,
    () =>
      new Promise<void>((resolve) => {
        const done = (m: unknown) => {
          if ((m as { bench?: string } | null)?.bench !== 'measured') return;
          child.off('message', done);
          resolve();
        };
        child.on('message', done);
        child.once('exit', () => resolve());
        child.send({ bench: 'measure!' });
      }),
  ).finally(() => {
    childMeasuring = undefined;
    exclusive = false;
    pump();
  });
}

/**
 * The main process between two steps of its own: waits until no child is measuring, and serves the
 * children waiting for an exclusive window (one that asks later is let in later).
 */
export async function checkpoint() {
  for (;;) {
    while (childMeasuring) await childMeasuring;
    if (waitingExclusive.length === 0) return;
    mainIdle++;
    pump();
    mainIdle--;
  }
}

/** Runs `fn` with every background process paused, after a child's measurement in progress ends. */
export async function measuring<T>(fn: () => Promise<T> | T): Promise<T> {
  await checkpoint();
  mainMeasuring = true;
  try {
    return await pausing(undefined, async () => fn());
  } finally {
    mainMeasuring = false;
    pump();
  }
}

/**
 * Waits for `until`, serving the children's requests meanwhile as they come (exclusive ones too: the
 * main process does nothing else); returns once no exclusive window is open.
 */
export async function serveUntil<T>(until: Promise<T>): Promise<T> {
  mainIdle++;
  pump();
  try {
    return await until;
  } finally {
    mainIdle--;
    while (exclusive && childMeasuring) await childMeasuring;
  }
}

/**
 * Where the main process's time goes: `lap(name)` records the seconds since the previous lap (or
 * the start), in order. The last line carries them as `phases`, so a slow run says which step took
 * the time (a wait for a child is a lap of its own).
 */
export const stopwatch = (() => {
  let last = performance.now();
  const laps: Record<string, number> = {};
  return {
    laps,
    lap(name: string) {
      const now = performance.now();
      laps[name] = Number(((now - last) / 1000).toFixed(1));
      last = now;
    },
  };
})();

// The child's side.

/** In a child: ends it when the main process goes (its channel closes), whatever it was doing. */
export function exitWithParent(): () => void {
  const gone = () => process.exit(1);
  process.once('disconnect', gone);
  return () => process.off('disconnect', gone);
}

/**
 * In a child: waits for the main process's permission to measure, runs `fn`, says it is done. With
 * `exclusive`, the main process does no work meanwhile either (see above).
 */
export async function measureInChild<T>(fn: () => Promise<T> | T, options: { exclusive?: boolean } = {}): Promise<T> {
  if (!process.send) return fn();
  await new Promise<void>((resolve) => {
    const go = (m: unknown) => {
      if ((m as { bench?: string } | null)?.bench !== 'measure!') return;
      process.off('message', go);
      resolve();
    };
    process.on('message', go);
    process.send!({ bench: 'measure?', ...(options.exclusive ? { exclusive: true } : {}) });
  });
  try {
    return await fn();
  } finally {
    process.send({ bench: 'measured' });
  }
}
