import type { Report } from './report.js';
import type { ProofDb } from './db.js';
import type { ServerProcess } from './server.js';
import type { Client } from './http.js';
import type { SmtpCatcher } from '../../test/support/smtp.js';

export interface Ctx {
  /** PROOF_SCALE: 1 is the CI size. */
  scale: number;
  report: Report;
  db: ProofDb;
  /** The main server process (on `db`). */
  server: ServerProcess;
  call: Client;
  smtp: SmtpCatcher;
  /** Where logs and results go (proof/out). */
  outDir: string;
  /** Another server process on the same database, with extra settings; stopped by the runner at the end. */
  spawnServer(name: string, env?: Record<string, string>): Promise<ServerProcess>;
  /** The PostgreSQL server the run's database lives on (for the private-cluster part, the binaries). */
  baseUrl: string;
}

export type Section = (ctx: Ctx) => Promise<void>;
