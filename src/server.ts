// Composition root: turns a Config into a running service (database, migrations, core, mail
// worker, HTTP app). The CLI's `serve` and the tests both start Gatehouse through here.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { systemClock, systemRandom, type Clock, type Random } from './core/clock-random.js';
import { createCore, type Core } from './core/core.js';
import { createPasswordHasher } from './core/accounts/password-hasher.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { mailRenderer } from './mail/templates.js';
import { createOutboxWorker, logTransport, smtpTransport, type OutboxWorker } from './mail/outbox-worker.js';
import { openDb, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';
import { syncCatalog } from './store/catalog-sync.js';
import { createOutboxQueue, type OutboxQueue } from './store/outbox-queue.js';
import { makeStore } from './store/repos.js';
import { authzLoader } from './store/authz-loader.js';
import { startChangeFeed } from './store/change-feed.js';
import { createAuthzEngine } from './core/authz/authz-engine.js';
import { startMaintenance } from './store/maintenance.js';

export interface Gatehouse {
  config: Config;
  db: Db;
  core: Core;
  app: FastifyInstance;
  outbox: OutboxQueue;
  mailWorker: OutboxWorker;
  logger: Logger;
  close(): Promise<void>;
}

export async function createGatehouse(config: Config, options: { clock?: Clock; random?: Random; logger?: Logger; db?: Db } = {}): Promise<Gatehouse> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = options.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrate(db);
  await syncCatalog(db);

  const outbox = createOutboxQueue(db);
  const mailWorker = createOutboxWorker({
    queue: outbox,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : logTransport(logger),
    clock,
    logger,
  });
  const hasher = createPasswordHasher({ concurrency: config.hashConcurrency, queueLimit: config.hashQueueLimit });
  const authzEngine = createAuthzEngine(authzLoader(db));
  const store = makeStore(db, { onMailEnqueued: () => mailWorker.wake(), onAuthzChanged: authzEngine.changed });
  const core = createCore({ store, hasher, mail: mailRenderer, clock, random, settings: config, authzEngine });
  // Several instances on one PostgreSQL server: each follows the others' writes through NOTIFY.
  const changeFeed = db.engine === 'postgres' && config.databaseUrl
    ? await startChangeFeed({ databaseUrl: config.databaseUrl, engine: authzEngine, serviceClients: core.serviceClients, logger })
    : undefined;
  const app = await buildApp({ config, core, logger, ping: () => db.ping(), hashingStats: () => hasher.stats() });
  mailWorker.start();
  const maintenance = startMaintenance({ store, clock, logger, config });

  let closed = false;
  return {
    config, db, core, app, outbox, mailWorker, logger,
    async close() {
      if (closed) return;
      closed = true;
      maintenance.stop();
      await changeFeed?.stop();
      await app.close();
      await mailWorker.stop();
      if (!options.db) await db.close();
    },
  };
}
