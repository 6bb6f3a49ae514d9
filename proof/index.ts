// `npm run proof`: the security and reliability proof against the real server process and
// PostgreSQL. Starts an SMTP catcher, a fresh database and the built server; runs each section in
// order; prints one table (section | figure | value | pass mark | ok); writes it to
// proof/out/latest.json and, after a run of every section, to docs/figures/proof-latest.md and
// .json (scripts/figures.ts), which the docs link; exits 1 if any figure misses its mark.
//   PROOF_SCALE=n          bigger runs (1 = CI-sized, the default)
//   PROOF_DATABASE_URL     the PostgreSQL server to create the run's database on
//   PROOF_SECTIONS=a,b     run only these sections (matrix,tokens,sso,bruteforce,enumeration,races,delegation,fuzz,crash,webhooks,cache-flush,load,cost-asymmetry)
//   PROOF_SEED=n|random    the delegation section's seed (777 by default; it prints the one it used)
//   PROOF_ADVISORY=a,b     these sections' misses are printed but do not fail the run (CI: load)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, cpus } from 'node:os';
import { startSmtpCatcher } from '../test/support/smtp.js';
import { createDatabase } from './support/db.js';
import { client } from './support/http.js';
import { Report } from './support/report.js';
import { freePort, ROOT, serverProcess, type ServerProcess } from './support/server.js';
import type { Ctx, Section } from './support/context.js';
import { describeMachine, measured, writeFigures } from '../scripts/figures.js';
import { matrix } from './sections/matrix.js';
import { tokens } from './sections/tokens.js';
import { sso } from './sections/sso.js';
import { bruteForce } from './sections/brute-force.js';
import { enumeration } from './sections/enumeration.js';
import { races } from './sections/races.js';
import { fuzz } from './sections/fuzz.js';
import { crash } from './sections/crash.js';
import { webhooks } from './sections/webhooks.js';
import { load } from './sections/load.js';
import { cacheFlush } from './sections/cache-flush.js';
import { costAsymmetry } from './sections/cost-asymmetry.js';
import { delegation } from './sections/delegation.js';

const SECTIONS: [string, Section][] = [
  ['matrix', matrix],
  ['tokens', tokens],
  ['sso', sso],
  ['bruteforce', bruteForce],
  ['enumeration', enumeration],
  ['races', races],
  ['delegation', delegation],
  ['fuzz', fuzz],
  ['crash', crash],
  ['webhooks', webhooks],
  ['cache-flush', cacheFlush],
  ['load', load],
  ['cost-asymmetry', costAsymmetry],
];

/** The main server's settings: the defaults, but for what a proof on one address must lift. */
export const SERVER_ENV = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'info',
  // Every request of the proof comes from 127.0.0.1: the per-address login limit gets its own
  // server in the brute-force section; here it would only turn later sections into 429s.
  LOGIN_IP_MAX_ATTEMPTS: '1000000',
  // Likewise the per-address limits on sign-up and password reset (cost-asymmetry has its own server).
  SIGNUPS_PER_ADDRESS_PER_HOUR: '1000000',
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '1000000',
  INVITATIONS_PER_ORG_PER_HOUR: '1000000',
  // The webhooks section's receiver listens on loopback; every instance delivers, so all allow it.
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
};

async function main() {
  const scale = Math.max(1, Number(process.env.PROOF_SCALE ?? 1) || 1);
  const only = process.env.PROOF_SECTIONS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const baseUrl = process.env.PROOF_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const outDir = join(ROOT, 'proof', 'out');
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  console.error(
    `proof: scale ${scale}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), database on ${baseUrl.replace(/\/\/[^@]*@/, '//')}`,
  );

  const report = new Report();
  const smtp = await startSmtpCatcher();
  const db = await createDatabase(baseUrl);
  const [{ version: postgres } = { version: 'unknown' }] = await db.query<{ version: string }>(
    "SELECT current_setting('server_version') AS version",
  );
  const servers: ServerProcess[] = [];
  const spawnServer = async (name: string, env: Record<string, string> = {}) => {
    writeFileSync(join(outDir, `server-${name}.log`), '');
    const s = serverProcess({
      port: await freePort(),
      logFile: join(outDir, `server-${name}.log`),
      env: { ...SERVER_ENV, DATABASE_URL: db.url, SMTP_URL: smtp.url, ...env },
    });
    servers.push(s);
    return s;
  };
  writeFileSync(join(outDir, 'server-main.log'), '');
  try {
    const server = await spawnServer('main');
    await server.start();
    const ctx: Ctx = { scale, report, db, server, call: client(server.base), smtp, outDir, spawnServer, baseUrl };
    for (const [name, section] of SECTIONS) {
      if (only && !only.includes(name)) continue;
      const t0 = Date.now();
      console.error(`== ${name}`);
      try {
        await section(ctx);
      } catch (e) {
        console.error(e);
        report.add(
          name,
          'section ran to the end',
          `crashed: ${(e as Error).message ?? e}`.replace(/\s+/g, ' ').slice(0, 200),
          'no error',
          false,
        );
      }
      console.error(`   (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    await smtp.close().catch(() => {});
    await db.close().catch((e) => console.error('could not drop the proof database:', e));
  }
  const seconds = (Date.now() - started) / 1000;
  const table = report.table();
  console.log(`\nGatehouse proof — PROOF_SCALE=${scale}, ${availableParallelism()} cores, PostgreSQL, ${seconds.toFixed(0)} s\n`);
  console.log(table);
  const failed = report.failed.length;
  // PROOF_ADVISORY=load: those sections' misses are printed but do not fail the run. CI uses it for
  // the load figures, which are timings on a shared 2-core runner where the load generator competes
  // with the service for the same cores; every other figure gates.
  const advisory = new Set(
    (process.env.PROOF_ADVISORY ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );
  const gating = report.failed.filter((f) => !advisory.has(f.section)).length;
  console.log(
    `\n${report.figures.length - failed} passed, ${failed} failed${failed > gating ? ` (${failed - gating} in advisory sections: ${[...advisory].join(', ')})` : ''}`,
  );
  writeFileSync(
    join(outDir, 'latest.json'),
    JSON.stringify({ scale, cores: availableParallelism(), seconds, at: new Date().toISOString(), figures: report.figures }, null, 2),
  );
  // The published figures are those of a whole run: one of some sections only (PROOF_SECTIONS)
  // would replace them with a part, unless FIGURES_DIR sends it elsewhere.
  if (!only || process.env.FIGURES_DIR) {
    const machine = measured();
    const summary = `${report.figures.length - failed} passed, ${failed} failed${failed > gating ? ` (${failed - gating} in advisory sections, which do not gate: ${[...advisory].join(', ')})` : ''}`;
    const settings = `PROOF_SCALE=${scale}${only ? `, PROOF_SECTIONS=${only.join(',')}` : ''}${advisory.size ? `, PROOF_ADVISORY=${[...advisory].join(',')}` : ''}`;
    const dir = writeFigures('proof', {
      markdown: [
        '<!-- Written by `npm run proof` (proof/index.ts) at the end of every run of all sections: do not edit by hand. -->',
        '# Proof figures: the latest run',
        '',
        `${describeMachine(machine)} PostgreSQL ${postgres}; ${settings}; ${seconds.toFixed(0)} s; the load generator on the same machine.`,
        `Result: ${summary}. What each section does and what the misses mean: [security](../security.md#the-proof).`,
        '',
        table,
      ].join('\n'),
      json: {
        measured: machine,
        postgres,
        scale,
        sections: only ?? SECTIONS.map(([name]) => name),
        advisory: [...advisory],
        seconds,
        passed: report.figures.length - failed,
        failed,
        gatingFailed: gating,
        figures: report.figures,
      },
    });
    console.log(`figures written to ${dir}/proof-latest.md and .json`);
  }
  process.exit(gating ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
