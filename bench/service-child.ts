// The service loaded over HTTP, in a process of its own, as it runs in production: the app
// (createGatehouse over PGlite with the peer organizations of the world) and, in the same process,
// the two floors it is compared with (http.ts startFloors: the bare hello-world and the POST floor).
//
// Why a child: the bench's main process holds the whole generated world, the casbin and CASL
// structures and the in-process engines — over a gigabyte of heap that a real Gatehouse process
// does not have. Served from there, every major GC the requests cause marks all of it, on the one
// core the service is pinned to: check-batch (a 250 KB body a request, parsed into 1,000 objects)
// lost about a quarter of its rate with a 1× world kept alive beside it in `npm run bench:http`, and
// the full bench measured it at 154,000 checks/s against 280,000–450,000 standalone. The floors
// share this child, so they pay whatever it pays: the ratios compare like with like.
//
// The child builds the same world from the same seed (world.ts), loads the first `orgs`
// organizations, drops the world, warms the index, creates a service key and listens; then it
// serves until the main process goes. It is a background process of the bench while it sets up
// (paused while anything is measured, phases.ts) and settled once it serves.
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.js';
import { applyShippedCatalog, createGatehouse } from '../src/server.js';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { startFloors } from './http.js';
import { logger } from './measure.js';
import { adopt, exitWithParent, settled } from './phases.js';
import { loadWorld, warmEngine } from './pglite-world.js';
import { generateWorld, type World } from './world.js';

export interface ServiceChild {
  /** Gatehouse, the POST floor and the hello-world, each on its own port. */
  url: string;
  floorUrl: string;
  helloUrl: string;
  /** A service key of the child's app (`Authorization: Bearer …`). */
  key: string;
  pid: number;
  /** Seconds the child took to load the organizations and warm its index. */
  loadSeconds: number;
  stop(): Promise<void>;
}

interface Ready {
  url: string;
  floorUrl: string;
  helloUrl: string;
  key: string;
  loadSeconds: number;
}

const CHILD_FLAG = '--bench-service-child';

/** Forks the child now (it loads while the main process works); resolves when it serves. */
export function startServiceChild(scale: number, orgs: number): Promise<ServiceChild> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, String(scale), String(orgs)], {
    // Node's defaults, as `npm start` runs the service: none of the bench's own heap flags.
    execArgv: process.execArgv.filter((a) => !/^--(max-old-space-size|max-semi-space-size|expose-gc|no-flush-bytecode)/.test(a)),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  adopt(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.on('message', (m: { ready?: Ready; failed?: string }) => {
      if (m.failed) reject(new Error(`the service child failed: ${m.failed}`));
      if (!m.ready) return;
      settled(child);
      resolve({
        ...m.ready,
        pid: child.pid!,
        async stop() {
          if (child.connected) child.disconnect();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
    child.once('exit', (code, sig) => reject(new Error(`the service child exited with ${code ?? sig}`)));
  });
}

async function serve(scale: number, orgs: number) {
  const log = logger('bench, service child');
  const t0 = performance.now();
  let w: World | undefined = generateWorld(scale);
  const orgIds = w.orgIds.slice(0, orgs);
  const db = await openDb({ databaseUrl: 'memory', dataDir: '' });
  await migrate(db);
  await applyShippedCatalog(db);
  await loadWorld(db, w, orgs, log);
  w = undefined; // the service holds its own data only
  const config = loadConfig({ DATABASE_URL: 'memory', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const gatehouse = await createGatehouse(config, { db });
  await warmEngine(gatehouse.core.authzEngine, orgIds);
  const { key } = await gatehouse.core.serviceClients.create('bench');
  await gatehouse.app.listen({ port: 0, host: '127.0.0.1' });
  const a = gatehouse.app.server.address();
  const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  const floors = await startFloors();
  const loadSeconds = (performance.now() - t0) / 1000;
  log(`${orgs} orgs loaded and served in ${loadSeconds.toFixed(1)} s`);
  process.send!({ ready: { url, floorUrl: floors.floorUrl, helloUrl: floors.helloUrl, key, loadSeconds } satisfies Ready });
  // It serves until the main process goes (exitWithParent): an in-memory database, nothing to keep.
}

if (process.argv.includes(CHILD_FLAG) && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  exitWithParent();
  const at = process.argv.indexOf(CHILD_FLAG);
  serve(Number(process.argv[at + 1]), Number(process.argv[at + 2])).catch((e: unknown) => {
    process.send?.({ failed: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  });
}
