// A private PostgreSQL cluster in a temporary directory, on a free port: the crash section stops
// and starts it under load without touching the machine's shared server. PostgreSQL refuses to
// run as root, so the binaries run as `postgres` (runuser) when we are root.
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server.js';

const run = promisify(execFile);

function binDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (initdb, pg_ctl)');
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no pg_ctl under /usr/lib/postgresql/*/bin');
  return join(root, versions[0], 'bin');
}

export interface PgCluster {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function createCluster(): Promise<PgCluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-proof-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const exec = (cmd: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args);
  const port = await freePort();
  const data = join(dir, 'data');
  await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=100`;
  let started = false;
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await exec('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
      started = true;
    },
    async stop() {
      // fast: running transactions are rolled back, clients cut, as an outage looks to them.
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
      started = false;
    },
    async destroy() {
      if (started) await cluster.stop().catch(() => exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => {}));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
