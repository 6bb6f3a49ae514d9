// Follows the other instances' writes: one dedicated connection LISTENs on the channels the
// unit of work (unit-of-work.ts) NOTIFYs in the transaction of each write (delivered at COMMIT, never for a rollback).
// While the connection is down, no cached answer can be trusted: the authorization index and the
// service-key cache are emptied and bypassed until it is back, so answers come from the database
// (or are a 503 when the database is down too) — never from stale memory.
import pg from 'pg';
import type { Logger } from 'pino';
import type { AuthzEngine } from '../core/authz/authz-engine.js';
import type { ServiceClients } from '../core/authz/authz-api.service.js';
import { AUTHZ_CHANNEL, CATALOG_CHANNEL, EVENTS_CHANNEL, SERVICE_CLIENTS_CHANNEL } from './channels.js';

/**
 * A connection can die without an error reaching us (a network partition): a notification that
 * never arrives looks like no change at all. A heartbeat on the feed's own connection turns
 * silence into a detected loss within this many milliseconds.
 */
const HEARTBEAT_MS = 5_000;

export async function startChangeFeed(options: {
  databaseUrl: string;
  engine: AuthzEngine;
  serviceClients: ServiceClients;
  logger: Logger;
  /** Another instance appended events (wakes the event streams and the webhook worker). */
  onEvents?: () => void;
}) {
  const { engine, serviceClients, logger } = options;
  let client: pg.Client | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const distrust = () => {
    engine.distrustAll();
    serviceClients.setCaching(false);
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    const c = new pg.Client({ connectionString: options.databaseUrl });
    c.on('notification', (n) => {
      if (n.channel === AUTHZ_CHANNEL && n.payload) {
        const [orgId, version] = n.payload.split(':');
        engine.changed(orgId!, version === undefined ? undefined : Number(version));
      } else if (n.channel === SERVICE_CLIENTS_CHANNEL) serviceClients.revoked(n.payload ?? '');
      else if (n.channel === EVENTS_CHANNEL) options.onEvents?.();
      else if (n.channel === CATALOG_CHANNEL) engine.catalogChanged();
    });
    const lost = (why: string) => {
      if (client !== c) return;
      client = undefined;
      clearInterval(heartbeat);
      distrust();
      logger.warn({ why }, 'change feed lost: cached authorization is bypassed until it is back');
      c.end().catch(() => {});
      if (!stopped) retryTimer = setTimeout(() => void connect().catch(() => {}), 1000);
    };
    c.on('error', (e) => lost(e.message));
    c.on('end', () => lost('connection ended'));
    try {
      await c.connect();
      await c.query(`LISTEN ${AUTHZ_CHANNEL}`);
      await c.query(`LISTEN ${SERVICE_CLIENTS_CHANNEL}`);
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
      await c.query(`LISTEN ${CATALOG_CHANNEL}`);
    } catch (e) {
      distrust();
      await c.end().catch(() => {});
      if (!stopped) retryTimer = setTimeout(() => void connect().catch(() => {}), 1000);
      logger.warn({ err: (e as Error).message }, 'change feed unavailable; retrying');
      return;
    }
    client = c;
    // Anything cached before was emptied when the feed was lost; from here on every change arrives.
    engine.trustAgain();
    serviceClients.setCaching(true);
    clearInterval(heartbeat);
    heartbeat = setInterval(() => {
      const timeout = setTimeout(() => lost('heartbeat timed out'), HEARTBEAT_MS);
      c.query('SELECT 1').then(
        () => clearTimeout(timeout),
        (e: Error) => {
          clearTimeout(timeout);
          lost(e.message);
        },
      );
    }, HEARTBEAT_MS);
    heartbeat.unref();
  }

  // Until the first LISTEN succeeds nothing is cached.
  distrust();
  await connect();

  return {
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      clearInterval(heartbeat);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
