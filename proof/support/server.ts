// The real server process, as an operator runs it: `node dist/cli/main.js serve` with its
// configuration in the environment, its log in a file, a port of its own. Killed with SIGKILL when
// a section wants a crash, restarted, and always stopped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARS, freePort } from '../../test/support/process.js';
export { freePort };

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  readonly port: number;
  readonly base: string;
  readonly logFile: string;
  /** Starts the process (again) and waits for `/readyz`; resolves with the milliseconds it took. */
  start(timeoutMs?: number): Promise<number>;
  /** SIGKILL, no goodbye: the crash of the crash section. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  running(): boolean;
  /** The running process's id (for CPU pinning), or undefined when it is not running. */
  pid(): number | undefined;
}

export function serverProcess(options: { env: Record<string, string>; logFile: string; port: number }): ServerProcess {
  const base = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARS) delete env[name];
  Object.assign(env, { PORT: String(options.port), HOST: '127.0.0.1', PUBLIC_URL: base, ...options.env });
  let child: ChildProcess | undefined;
  let exited: Promise<void> | undefined;

  async function ready(timeoutMs: number, startedAt: number) {
    let dead = false;
    void exited!.then(() => (dead = true));
    let last = '';
    while (Date.now() - startedAt < timeoutMs) {
      if (dead) throw new Error(`the server exited before it was ready (log: ${options.logFile})`);
      try {
        const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1_000) });
        if (res.status === 200) return Date.now() - startedAt;
        last = String(res.status);
      } catch (e) {
        last = String(e);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`not ready within ${timeoutMs} ms (last: ${last}; log: ${options.logFile})`);
  }

  return {
    port: options.port,
    base,
    logFile: options.logFile,
    async start(timeoutMs = 60_000) {
      if (child) throw new Error('already running');
      const startedAt = Date.now();
      // The server writes its log straight to the file. Through a pipe, this process (the load
      // generator) would have to read it, and while its event loop was busy the pipe would fill and
      // the server's synchronous log writes would stall it: the generator's lag in the service's figures.
      const log = openSync(options.logFile, 'a');
      let c: ChildProcess;
      try {
        c = spawn(process.execPath, ['dist/cli/main.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', log, log] });
      } finally {
        closeSync(log); // the child has its own copy
      }
      child = c;
      exited = new Promise<void>((resolve) => c.on('exit', () => resolve()));
      void exited.then(() => {
        if (child === c) child = undefined;
      });
      return ready(timeoutMs, startedAt);
    },
    async kill9() {
      const c = child;
      if (!c) return;
      c.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    async stop() {
      const c = child;
      if (!c) return;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      child = undefined;
    },
    running: () => child !== undefined,
    pid: () => child?.pid,
  };
}
