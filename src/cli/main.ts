#!/usr/bin/env node
// `npx gatehouse <command>`: the service's operator interface. Commands call the core and the
// store's public functions; they never write SQL of their own.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { normalizeEmail } from '../core/email.js';
import { createLogger } from '../logger.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { createOutboxQueue } from '../store/outbox.repo.js';
import { applyShippedCatalog, createGatehouse, oidcServices, servicesOf } from '../server.js';
import { isAppError } from '../core/errors.js';
import { createStore } from '../store/store.js';
import { createServiceClients, type ServiceClients } from '../core/authz/authz-api.service.js';
import { systemClock, systemRandom } from '../core/clock-random.js';
import { createCore, type Core } from '../core/core.js';
import { createPasswordHasher } from '../core/accounts/password-hasher.js';
import { createAuthzEngine } from '../core/authz/authz-engine.js';
import { authzLoader } from '../store/authz-loader.js';
import { mailRenderer } from '../mail/templates.js';

const usage = `Usage: gatehouse <command> [options]

Commands:
  serve                    Start the HTTP service (applies pending migrations first)
  migrate                  Apply pending database migrations and exit
  outbox [--limit N] [--to ADDRESS] [--json]
                           Print the newest outbox messages (mail), with their links while undelivered
  service register FILE [--json]
                           Create or update a Smart Service from its manifest (docs/smart-services.md);
                           a new service's key is printed once (it PUTs its manifest from then on)
  service-client create --name NAME
                           Create a Smart Service's key for the authorization API (printed once)
  service-client list      List service clients (with the service each key belongs to, or -)
  service-client revoke ID Revoke a service client's key (at once, on every instance)
  oidc-client create --name NAME --redirect-uri URI [--redirect-uri URI2 …]
                     [--post-logout-redirect-uri URI …] [--public] [--json]
                           Register a Smart Service that signs users in with OpenID Connect
                           (its secret is printed once; --public: no secret, PKCE only)
  oidc-client create --name NAME --client-credentials [--json]
                           Register a service client for the client credentials grant
  oidc-client list [--json]
                           List OpenID Connect clients
  oidc-client revoke ID    Revoke a client and everything issued to it (at once)
  user reset-mfa EMAIL     Remove every second factor of an account (authenticator app, passkeys,
                           recovery codes) for a person who lost them; mailed to them and audited
  oidc-keys list [--json]  List the OpenID Connect signing and cookie keys
  oidc-keys rotate [--now] Add new keys: published at once, signing after 5 minutes (--now: at once,
                           for a compromised key); previous keys stay published for 24 h after that
  help                     Show this text

Configuration comes from the environment (docs/configuration.md). Every command but serve works on
an existing database: it refuses, and creates nothing, when DATA_DIR holds none.`;

/**
 * Only `serve` creates the embedded database. Every other command opens an existing one: run from
 * the wrong directory (or with DATA_DIR unset), opening would silently create an empty `./data`
 * and answer "the outbox is empty" about a database that is not the service's.
 */
class NoDatabaseError extends Error {}

/** PGlite keeps a PostgreSQL cluster in DATA_DIR; `PG_VERSION` is the file initdb writes first. */
function requireEmbeddedDatabase(config: Config) {
  if (config.databaseUrl !== undefined) return;
  if (existsSync(join(config.dataDir, 'PG_VERSION'))) return;
  throw new NoDatabaseError(
    `No Gatehouse database in ${resolve(config.dataDir)} (DATA_DIR): nothing was created or changed.\n` +
      'Run this command where the service runs, or set DATA_DIR to its data directory (or DATABASE_URL to its PostgreSQL server).\n' +
      'A new embedded database is created by starting the service once: `npx gatehouse serve` (what `npm start` runs).',
  );
}

async function withDb<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  requireEmbeddedDatabase(config);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function withServiceClients<T>(config: Config, fn: (clients: ServiceClients) => Promise<T>): Promise<T> {
  return withDb(config, async (db) => {
    await migrate(db);
    await applyShippedCatalog(db);
    const store = createStore(db, { onMailEnqueued: () => {}, onAuthzChanged: () => {} });
    return fn(createServiceClients({ store, clock: systemClock, random: systemRandom }));
  });
}

async function withOidc<T>(config: Config, fn: (oidc: ReturnType<typeof oidcServices>) => Promise<T>): Promise<T> {
  return withDb(config, async (db) => {
    await migrate(db);
    return fn(oidcServices(db, config));
  });
}

/** The core over the database, for commands that run a use case (mail enters the outbox; the service sends it). */
async function withCore<T>(config: Config, fn: (core: Core) => Promise<T>): Promise<T> {
  return withDb(config, async (db) => {
    await migrate(db);
    await applyShippedCatalog(db);
    const hasher = createPasswordHasher({ concurrency: 1, queueLimit: 1 });
    try {
      const store = createStore(db, { onMailEnqueued: () => {}, onAuthzChanged: () => {} });
      // The running instances learn of the change by the NOTIFY the unit of work sends.
      const authzEngine = createAuthzEngine(authzLoader(db));
      return await fn(
        createCore({ store, hasher, mail: mailRenderer, clock: systemClock, random: systemRandom, settings: config, authzEngine }),
      );
    } finally {
      await hasher.close();
    }
  });
}

async function serve(config: Config) {
  const logger = createLogger(config.logLevel);
  const gatehouse = await createGatehouse(config, { logger });
  const address = await gatehouse.app.listen({ port: config.port, host: config.host });
  logger.info(
    {
      address,
      publicUrl: config.publicUrl,
      database: config.databaseUrl ? 'postgres' : `pglite:${config.dataDir}`,
      mail: config.smtpUrl ? 'smtp' : 'log',
    },
    'Gatehouse is listening',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await gatehouse.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(argv: string[]) {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const { applied } = await withDb(config, async (db) => {
        const result = await migrate(db);
        await applyShippedCatalog(db);
        return result;
      });
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return;
    }
    case 'outbox': {
      const { values } = parseArgs({
        args: rest,
        options: { limit: { type: 'string', default: '20' }, to: { type: 'string' }, json: { type: 'boolean', default: false } },
      });
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be an integer between 1 and 1000');
      const entries = await withDb(config, async (db) => {
        await migrate(db);
        // Recipients are stored in canonical form (lower case, IDNA ASCII domain, no root dot).
        const recipient = values.to === undefined ? undefined : (normalizeEmail(values.to) ?? values.to.trim().toLowerCase());
        return createOutboxQueue(db).list({ limit, recipient });
      });
      if (values.json) {
        console.log(JSON.stringify(entries, null, 2));
      } else if (entries.length === 0) {
        console.log('The outbox is empty.');
      } else {
        for (const e of entries) {
          console.log(`${e.createdAt.toISOString()}  ${e.status.padEnd(7)}  ${e.recipient}  ${e.subject}  (${e.kind}, ${e.id})`);
          for (const link of e.links) console.log(`    ${link}`);
          if (e.lastError) console.log(`    last error: ${e.lastError}`);
        }
      }
      return;
    }
    case 'service-client': {
      const [sub, ...args] = rest;
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
      });
      if (sub === 'create') {
        const name = values.name?.trim();
        if (!name || name.length > 100 || /\p{Cc}/u.test(name))
          throw new UsageError('service-client create needs --name (1 to 100 characters)');
        const client = await withServiceClients(config, (clients) => clients.create(name));
        if (values.json) console.log(JSON.stringify(client));
        else
          console.log(
            `Created service client ${client.id} (${client.name}).\nIts key, shown only now — store it as a secret of the Smart Service:\n\n  ${client.key}\n\nSend it as "Authorization: Bearer <key>" to /api/v1/authz/*.`,
          );
        return;
      }
      if (sub === 'list') {
        const clients = await withServiceClients(config, (c) => c.list());
        if (values.json) console.log(JSON.stringify(clients, null, 2));
        else if (clients.length === 0) console.log('No service clients.');
        else
          for (const c of clients)
            console.log(
              `${c.id}  ${c.revokedAt ? 'revoked' : 'active '}  ${c.createdAt.toISOString()}  ${(c.service ?? '-').padEnd(20)}  ${c.name}`,
            );
        return;
      }
      if (sub === 'revoke') {
        const id = positionals[0];
        if (!id || !/^svc_[0-9a-z]+$/.test(id)) throw new UsageError('service-client revoke needs the client id (svc_…)');
        const done = await withServiceClients(config, (c) => c.revoke(id));
        if (!done) {
          console.error(`No active service client ${id}.`);
          process.exit(1);
        }
        console.log(`Revoked ${id}.`);
        return;
      }
      throw new UsageError('service-client needs create, list or revoke');
    }
    case 'service': {
      const [sub, ...args] = rest;
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
      if (sub !== 'register' || positionals.length !== 1) throw new UsageError('service needs register FILE');
      let manifest: unknown;
      try {
        manifest = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
      } catch (e) {
        throw new UsageError(`Cannot read the manifest ${positionals[0]}: ${(e as Error).message}`);
      }
      const result = await withDb(config, async (db) => {
        await migrate(db);
        await applyShippedCatalog(db);
        // The running instances reload their catalog when this commits (NOTIFY; PGlite runs alone).
        return servicesOf(createStore(db, { onMailEnqueued: () => {}, onAuthzChanged: () => {} })).register(manifest);
      });
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else {
        const c = result.changes;
        console.log(
          `${result.created ? 'Registered' : 'Updated'} service ${result.service} (manifest version ${result.version}).` +
            `
Permissions: ${c.permissions.added.length} added, ${c.permissions.changed.length} changed, ${c.permissions.deprecated.length} deprecated, ${c.permissions.restored.length} restored.` +
            `
Resource types: ${c.resourceTypes.added.length} added, ${c.resourceTypes.changed.length} changed, ${c.resourceTypes.removed.length} removed.` +
            (c.icon ? `\nIcon: ${c.icon} (sanitised).` : ''),
        );
        if (result.client)
          console.log(
            `\nIts key (${result.client.id}), shown only now — store it as a secret of the Smart Service:\n\n  ${result.client.key}\n\nWith it the service PUTs its manifest (/api/v1/services/${result.service}/manifest) and asks /api/v1/authz/*.`,
          );
      }
      return;
    }
    case 'user': {
      const [sub, email, ...extra] = rest;
      if (sub !== 'reset-mfa' || !email || extra.length > 0 || !normalizeEmail(email))
        throw new UsageError('user reset-mfa needs one e-mail address');
      const result = await withCore(config, (core) => core.accounts.resetSecondFactors(email));
      if (!result.found) {
        console.error(`No account has the address ${email}.`);
        process.exit(1);
      }
      const r = result.removed!;
      console.log(
        `Removed the second factors of ${normalizeEmail(email)}: ${r.totp ? 'the authenticator app, ' : ''}${r.passkeys} passkey(s), ${r.recoveryCodesLeft} unused recovery code(s). They were mailed, and the change is in the audit log of each of their organizations.`,
      );
      return;
    }
    case 'oidc-client': {
      const [sub, ...args] = rest;
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          name: { type: 'string' },
          'redirect-uri': { type: 'string', multiple: true },
          'post-logout-redirect-uri': { type: 'string', multiple: true },
          public: { type: 'boolean', default: false },
          'client-credentials': { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
        },
      });
      if (sub === 'create') {
        if (values.public && values['client-credentials'])
          throw new UsageError('--public and --client-credentials exclude each other (a client-credentials client needs its secret)');
        const kind = values['client-credentials'] ? 'service' : values.public ? 'public' : 'confidential';
        const client = await withOidc(config, (oidc) =>
          oidc.clients.create({
            name: values.name ?? '',
            kind,
            redirectUris: values['redirect-uri'] ?? [],
            postLogoutRedirectUris: values['post-logout-redirect-uri'] ?? [],
          }),
        );
        if (values.json) {
          console.log(JSON.stringify(client));
        } else {
          console.log(
            `Created OpenID Connect client ${client.id} (${client.name}, ${client.kind}).\nIssuer: ${config.publicUrl}  (discovery: ${config.publicUrl}/.well-known/openid-configuration)`,
          );
          if (client.secret)
            console.log(`Its client secret, shown only now — store it as a secret of the Smart Service:\n\n  ${client.secret}\n`);
          else console.log('A public client: no secret; it must use PKCE (S256).');
        }
        return;
      }
      if (sub === 'list') {
        const clients = await withOidc(config, (oidc) => oidc.clients.list());
        if (values.json) console.log(JSON.stringify(clients, null, 2));
        else if (clients.length === 0) console.log('No OpenID Connect clients.');
        else
          for (const c of clients)
            console.log(
              `${c.id}  ${c.revokedAt ? 'revoked' : 'active '}  ${c.kind.padEnd(12)}  ${c.createdAt.toISOString()}  ${c.name}  ${c.redirectUris.join(' ')}`,
            );
        return;
      }
      if (sub === 'revoke') {
        const id = positionals[0];
        if (!id || !/^app_[0-9a-z]+$/.test(id)) throw new UsageError('oidc-client revoke needs the client id (app_…)');
        const done = await withOidc(config, (oidc) => oidc.clients.revoke(id));
        if (!done) {
          console.error(`No active OpenID Connect client ${id}.`);
          process.exit(1);
        }
        console.log(`Revoked ${id}: its grants and tokens are deleted.`);
        return;
      }
      throw new UsageError('oidc-client needs create, list or revoke');
    }
    case 'oidc-keys': {
      const [sub, ...args] = rest;
      const { values } = parseArgs({
        args,
        options: { json: { type: 'boolean', default: false }, now: { type: 'boolean', default: false } },
      });
      if (sub === 'rotate') {
        const rotated = await withOidc(config, async (oidc) => {
          await oidc.keyRing.ensure();
          return oidc.keyRing.rotate({ immediately: values.now });
        });
        if (values.json) console.log(JSON.stringify(rotated));
        else
          console.log(
            `New signing key ${rotated.signingKid} (and cookie key ${rotated.cookieKid}): published now, signing from ${rotated.activeFrom.toISOString()}.\nRunning instances pick them up within a minute; the previous keys stay in the JWKS for 24 hours after that.`,
          );
        return;
      }
      if (sub === 'list') {
        const keys = await withOidc(config, (oidc) => oidc.keyRing.list());
        if (values.json) console.log(JSON.stringify(keys, null, 2));
        else if (keys.length === 0) console.log('No OpenID Connect keys yet (they are created when the service first starts).');
        else
          for (const k of keys)
            console.log(
              `${k.use.padEnd(6)}  ${k.state.padEnd(8)}  from ${k.activeFrom.toISOString()}  ${k.retiresAt ? `until ${k.retiresAt.toISOString()}` : ''.padEnd(30)}  ${k.kid}`,
            );
        return;
      }
      throw new UsageError('oidc-keys needs list or rotate');
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((e) => {
  // parseArgs rejects unknown or malformed options: that is a usage error too, not a crash.
  if (typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('ERR_PARSE_ARGS_')) {
    e = new UsageError((e as Error).message);
  }
  // Refused input (an invalid redirect URI…): each problem on its own line, exit 2.
  if (isAppError(e, 'request.invalid') || isAppError(e, 'service.manifest_invalid')) {
    for (const p of e.options.errors ?? []) console.error(`${p.field}: ${p.message}`);
    process.exit(2);
  }
  if (isAppError(e)) {
    console.error(`${e.code}: ${e.options.publicDetail ?? e.title}`);
    process.exit(2);
  }
  if (e instanceof ConfigError || e instanceof UsageError || e instanceof NoDatabaseError) {
    console.error(e.message);
    if (e instanceof UsageError) console.error(`\n${usage}`);
    process.exit(2);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
