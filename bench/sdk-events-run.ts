// `npm run bench:events`: only the webhook latency of sdk-events.ts (COMMIT → receiver), without
// the rest of `npm run bench` (minutes of world building and contenders). A small world, its first
// organizations loaded into PGlite, or into PostgreSQL with BENCH_DATABASE_URL (a schema of its
// own, made afresh). BENCH_WEBHOOK_RATE and BENCH_WEBHOOK_SECONDS as in sdk-events.ts.
import { describeMachine, measured, writeFigures } from '../scripts/figures.js';
import { loadConfig } from '../src/config/config.js';
import { createGatehouse } from '../src/server.js';
import { logger } from './measure.js';
import { openWebhookBenchDb, webhookLatency } from './sdk-events.js';
import { generateWorld } from './world.js';

const log = logger('events');
const ORGS = 8;
const w = generateWorld(0.01);
const { db, databaseUrl } = await openWebhookBenchDb(w, ORGS, log);
const config = loadConfig({ DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
const gatehouse = await createGatehouse(config, { db });
try {
  const result = await webhookLatency(w, ORGS, db, gatehouse);
  console.log(JSON.stringify(result));
  // Its own figures page per engine (the full bench's page holds the PGlite run of the default size).
  const machine = measured();
  const dir = writeFigures(`bench-events-${result.engine}`, {
    markdown: [
      `# Webhook latency (\`npm run bench:events\`, ${result.engine})`,
      '',
      describeMachine(machine),
      '',
      '| figure | value |',
      '|---|---:|',
      ...Object.entries(result).map(([k, v]) => `| ${k} | ${typeof v === 'number' ? Number(v.toFixed(3)) : v} |`),
    ].join('\n'),
    json: { measured: machine, result },
  });
  console.error(`figures written to ${dir}/bench-events-${result.engine}-latest.md and .json`);
} finally {
  await gatehouse.close();
  await db.close();
}
