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
import { readShippedManifests } from './store/shipped-manifests.js';
import { createServicesService } from './core/services/services.service.js';
import { createAuditLog } from './core/audit/audit.js';
import { createServiceClients } from './core/authz/authz-api.service.js';
import { createOutboxQueue, type OutboxQueue } from './store/outbox.repo.js';
import { createStore } from './store/store.js';
import { authzLoader } from './store/authz-loader.js';
import { startChangeFeed } from './store/change-feed.js';
import { createAuthzEngine } from './core/authz/authz-engine.js';
import { startMaintenance } from './store/maintenance.js';
import { idempotencyStore } from './store/idempotency.repo.js';
import { makeOidcStore } from './store/oidc.repo.js';
import { createOidcClients, type OidcClients } from './core/oidc/oidc-clients.service.js';
import { createKeyRing, type KeyRing } from './core/oidc/key-ring.js';
import { createOidcIdentity, type OidcIdentity } from './core/oidc/oidc-identity.js';
import { KEY_ACTIVATION_MS, KEY_OVERLAP_MS, startOidcProvider, type OidcHost } from './http/oidc/oidc-provider.js';
import { sessionCookie } from './http/auth.js';
import { createSecretSeal } from './core/events/secret-seal.js';
import { createEventSignal, type EventSignal } from './core/events/signal.js';
import { EVENT_RETENTION_MS } from './core/events/events.service.js';
import { createAddressGuard } from './webhooks/address-guard.js';
import { createWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './webhooks/delivery-worker.js';
import { createDeliveryQueue } from './store/webhooks.repo.js';

export interface Gatehouse {
  config: Config;
  db: Db;
  core: Core;
  app: FastifyInstance;
  outbox: OutboxQueue;
  mailWorker: OutboxWorker;
  logger: Logger;
  /** The OpenID Connect provider: registered clients, keys, the running provider. */
  oidc: { clients: OidcClients; keyRing: KeyRing; identity: OidcIdentity; host: OidcHost };
  /** The housekeeping pass (every 10 minutes); tests run it at once. */
  maintenance: { run(): Promise<void> };
  /** Delivers webhooks from the queue (tests stop it to play a crashed instance). */
  webhookWorker: WebhookWorker;
  /** Fired when events were appended here or on another instance (the event streams wait on it). */
  eventSignal: EventSignal;
  close(): Promise<void>;
}

let warnedDevelopmentKey = false;

/**
 * The catalog from the shipped manifests (every start, the CLI's commands too): each shipped service
 * still `built_in` gets its manifest re-applied (idempotent; serialised by an advisory lock between
 * instances starting together); a service that took its manifest over keeps its own. Refuses to
 * start when the catalog lacks a permission Gatehouse's code checks.
 */
export async function applyShippedCatalog(db: Db, clock: Clock = systemClock, random: Random = systemRandom) {
  const store = createStore(db, { onMailEnqueued: () => {}, onAuthzChanged: () => {} });
  return servicesOf(store, clock, random).applyShipped(readShippedManifests());
}

/** The services' use cases over a store, for the CLI and start-up (the server's core has its own). */
export function servicesOf(store: ReturnType<typeof createStore>, clock: Clock = systemClock, random: Random = systemRandom) {
  return createServicesService({
    store,
    clock,
    random,
    audit: createAuditLog({ clock, random }),
    serviceClients: createServiceClients({ store, clock, random }),
  });
}

/** The OpenID Connect key ring and client registry over a database (the CLI uses them too). */
export function oidcServices(db: Db, config: Config, clock: Clock = systemClock, random: Random = systemRandom) {
  const oidcStore = makeOidcStore(db);
  return {
    oidcStore,
    clients: createOidcClients({ repo: oidcStore.clients, clock, random }),
    keyRing: createKeyRing({
      repo: oidcStore.keys,
      clock,
      secret: config.oidcKeySecret,
      overlapMs: KEY_OVERLAP_MS,
      activationDelayMs: KEY_ACTIVATION_MS,
    }),
  };
}

export async function createGatehouse(
  config: Config,
  options: {
    clock?: Clock;
    random?: Random;
    logger?: Logger;
    db?: Db;
    /** Tests shorten the webhook worker's backoff and timeout. */
    webhooks?: Partial<
      Pick<WebhookWorkerOptions, 'timeoutMs' | 'retryBaseMs' | 'retryForMs' | 'pollMs' | 'perWebhook' | 'concurrency' | 'chain'>
    >;
  } = {},
): Promise<Gatehouse> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = options.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrate(db);
  await applyShippedCatalog(db, clock, random);

  const outbox = createOutboxQueue(db);
  const mailWorker = createOutboxWorker({
    queue: outbox,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : logTransport(logger),
    clock,
    logger,
  });
  const hasher = createPasswordHasher({ concurrency: config.hashConcurrency, queueLimit: config.hashQueueLimit });
  const authzEngine = createAuthzEngine(authzLoader(db));
  const seal = createSecretSeal(config.oidcKeySecret);
  const guard = createAddressGuard(config.webhookAllowedHosts);
  const webhookWorker = createWebhookWorker({ queue: createDeliveryQueue(db), seal, guard, clock, logger, ...options.webhooks });
  const eventSignal = createEventSignal();
  const eventsAppended = () => {
    eventSignal.fire();
    webhookWorker.wake();
  };
  const store = createStore(db, {
    onMailEnqueued: () => mailWorker.wake(),
    onAuthzChanged: authzEngine.changed,
    onCatalogChanged: authzEngine.catalogChanged,
    onEventsAppended: eventsAppended,
    clock,
  });
  const core = createCore({
    store,
    hasher,
    mail: mailRenderer,
    clock,
    random,
    settings: config,
    authzEngine,
    webhooks: { seal, checkAddress: guard.check },
  });
  // Several instances on one PostgreSQL server: each follows the others' writes through NOTIFY.
  const changeFeed =
    db.engine === 'postgres' && config.databaseUrl
      ? await startChangeFeed({
          databaseUrl: config.databaseUrl,
          engine: authzEngine,
          serviceClients: core.serviceClients,
          logger,
          onEvents: eventsAppended,
        })
      : undefined;
  const idempotency = idempotencyStore(db);
  // OpenID Connect: keys generated on first start (sealed in PostgreSQL), then the provider.
  const { oidcStore, clients: oidcClients, keyRing } = oidcServices(db, config, clock, random);
  if (!config.oidcKeySecret && !warnedDevelopmentKey) {
    warnedDevelopmentKey = true;
    logger.warn(
      'OIDC_KEY_SECRET is not set: the OpenID Connect keys are sealed with a development key (production requires OIDC_KEY_SECRET)',
    );
  }
  await keyRing.ensure();
  const identity = createOidcIdentity({ store, clock, authenticate: core.accounts.authenticate, logout: core.accounts.logout });
  const oidcHost = await startOidcProvider({
    issuer: config.publicUrl,
    secureCookies: config.secureCookies,
    sessionMaxAgeMs: config.sessionMaxAgeMs,
    cookie: sessionCookie(config.secureCookies),
    identity,
    clients: oidcClients,
    state: oidcStore.state,
    links: oidcStore.links,
    keyRing,
    logger,
    clock,
  });
  const app = await buildApp({
    config,
    core,
    logger,
    ping: () => db.ping(),
    hashingStats: () => hasher.stats(),
    oidc: { host: oidcHost, identity },
    idempotency,
    clock,
    eventSignal,
  });
  mailWorker.start();
  webhookWorker.start();
  const maintenance = startMaintenance({
    store,
    clock,
    logger,
    config,
    purgers: {
      oidc: () => oidcStore.state.deleteExpired(new Date()),
      idempotencyKeys: (now) => idempotency.deleteExpired(now),
      unverifiedAccounts: (now) => core.accounts.purgeUnverified(now),
      // Events are kept 7 days (deliveries still being retried keep theirs).
      events: (now) => store.repos.events.deleteOlderThan(new Date(now.getTime() - EVENT_RETENTION_MS)),
    },
  });
  // (The provider computes expiry from the real time, not the test clock: so does its purge.)

  let closed = false;
  return {
    config,
    db,
    core,
    app,
    outbox,
    mailWorker,
    logger,
    oidc: { clients: oidcClients, keyRing, identity, host: oidcHost },
    maintenance: { run: maintenance.run },
    webhookWorker,
    eventSignal,
    async close() {
      if (closed) return;
      closed = true;
      maintenance.stop();
      oidcHost.stop();
      await changeFeed?.stop();
      await app.close();
      await mailWorker.stop();
      await webhookWorker.stop();
      await hasher.close();
      if (!options.db) await db.close();
    },
  };
}
