// The unit of work: a transaction's repositories plus `changed`, where the use case says what its
// writes mean beyond their rows. Everything a change sets off is published here, in one place and
// in a fixed order:
//   1. inside the transaction, as its last statements: each changed organization's authorization
//      version is raised (once per transaction) and NOTIFY tells the other instances — both become
//      visible at COMMIT, and vanish with a rollback;
//   2. then the events (tx.changed.event), each with its organization's revision after step 1, in
//      commit order (see appendEvents), with a delivery row for every webhook that takes its type,
//      and a NOTIFY for the event streams;
//   3. after COMMIT: this instance's authorization index is updated (in place, from the deltas),
//      the mail worker and the event streams and webhook worker are woken.
// A new kind of change is one more method on `Changes` (core/store.ts), one more field here, and
// its lines in `beforeCommit` / `afterCommit`.
import type { AuthzDelta } from '../core/authz/decision-index.js';
import { newId, systemClock, type Clock } from '../core/clock-random.js';
import type { EventData, EventType } from '../core/events/ports.js';
import type { Changes, Repos, TransactionOptions, Tx } from '../core/store.js';
import type { Db, DbTx, Queryable } from './db.js';
import { AUTHZ_CHANNEL, CATALOG_CHANNEL, EVENTS_CHANNEL, SERVICE_CLIENTS_CHANNEL } from './channels.js';
import { sql } from './sql.js';
import { claimIdempotencyKey } from './idempotency.repo.js';

export interface StoreHooks {
  /** A message entered the outbox (after commit): wake the mail worker. */
  onMailEnqueued: () => void;
  /**
   * An organization's authorization answers changed (after commit): it is now at `version`
   * (`undefined`: the organization is gone). `deltas`: every change of the transaction, in order,
   * or `undefined` when one of them had none (the index must reload).
   */
  onAuthzChanged: (orgId: string, version: number | undefined, deltas: readonly AuthzDelta[] | undefined) => void;
  /** Events were appended (after commit): wake this instance's event streams and webhook worker. */
  onEventsAppended?: () => void;
  /** The time of events (tests move it); the system clock by default. */
  clock?: Clock;
  /** A manifest changed the permission catalog (after commit): reload it before the next answer. */
  onCatalogChanged?: () => void;
}

/** What one transaction changed, as `tx.changed` collects it. */
class ChangeSet implements Changes {
  /** Per organization, in the order of the calls; `undefined` once a change without a delta came. */
  readonly authzByOrg = new Map<string, AuthzDelta[] | undefined>();
  mailQueued = false;
  readonly revokedServiceClients: string[] = [];
  readonly events: { orgId: string | null; type: EventType; data: EventData }[] = [];
  catalogChanged = false;

  catalog() {
    this.catalogChanged = true;
  }

  authz(orgId: string, delta?: AuthzDelta) {
    const deltas = this.authzByOrg.has(orgId) ? this.authzByOrg.get(orgId) : [];
    this.authzByOrg.set(orgId, deltas && delta ? [...deltas, delta] : undefined);
  }

  mail() {
    this.mailQueued = true;
  }

  serviceClientRevoked(clientId: string) {
    this.revokedServiceClients.push(clientId);
  }

  event(orgId: string | null, type: EventType, data: EventData) {
    this.events.push({ orgId, type, data });
  }
}

interface Published {
  authz: { orgId: string; version: number | undefined; deltas: readonly AuthzDelta[] | undefined }[];
  mail: boolean;
  events: boolean;
  catalog: boolean;
}

/** Any fixed number: the advisory lock that orders the commits of events (appendEvents). */
const EVENTS_COMMIT_LOCK = 0x6761_7465; // "gate"

/**
 * The events of the transaction, as its very last statements.
 *
 * Readers page through events by `position` ("everything after the last one I saw"), so positions
 * must become visible in their own order. A bigserial does not give that: it is taken when the
 * INSERT runs, and transaction A can take 7, transaction B 8, and B commit first — a reader then
 * sees 8, moves its cursor past 7, and never sees 7 when A commits. Instead the position is taken
 * here, under a transaction-level advisory lock held until COMMIT: a second transaction that
 * reaches this point waits until the first has committed (PostgreSQL makes a transaction visible
 * before it releases its locks), so a visible position P means every position below P is visible
 * or was rolled back. (The alternative, filtering by `pg_snapshot_xmin`, costs every reader a
 * snapshot comparison and delays readers behind any long transaction, writing events or not.)
 * The lock is held only for these few inserts and the COMMIT: nothing after it waits for another
 * lock, so it cannot deadlock with the organization row locks taken before it.
 */
async function appendEvents(q: Queryable, changes: ChangeSet, versions: Map<string, number | undefined>, now: Date) {
  const revisions = new Map<string, number | null>();
  for (const { orgId } of changes.events) {
    if (orgId === null || revisions.has(orgId)) continue;
    if (versions.has(orgId)) revisions.set(orgId, versions.get(orgId) ?? null);
    else {
      const [row] = await q.query<{ authz_version: number }>(sql`SELECT authz_version FROM organizations WHERE id = ${orgId}`);
      revisions.set(orgId, row ? Number(row.authz_version) : null);
    }
  }
  await q.query(sql`SELECT pg_advisory_xact_lock(${EVENTS_COMMIT_LOCK})`);
  for (const e of changes.events) {
    const id = newId('evt', { now: () => now });
    const [row] = await q.query<{ position: number }>(
      sql`INSERT INTO events (position, id, type, org_id, occurred_at, revision, data)
          VALUES (nextval('events_position_seq'), ${id}, ${e.type}, ${e.orgId}, ${now},
                  ${e.orgId === null ? null : revisions.get(e.orgId)}, ${JSON.stringify(e.data)})
          RETURNING position`,
    );
    // One delivery per webhook that takes this type (of any service: events are every service's,
    // as GET /events is), queued with the event, so none is lost. The platform's events are
    // ordered as one group of their own, '' (migration 018).
    await q.query(
      sql`INSERT INTO webhook_deliveries (id, webhook_id, event_position, event_id, org_id, status, next_attempt_at, created_at)
          SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), w.id, ${row!.position}, ${id}, ${e.orgId ?? ''}, 'pending', ${now}, ${now}
          FROM webhooks w WHERE ${e.type} = ANY (w.types)`,
    );
  }
  await q.query(sql`SELECT pg_notify(${EVENTS_CHANNEL}, '')`);
}

/**
 * The transaction's last statements. Organizations in id order: that is the order of their row
 * locks everywhere (organizations/membership-rules.ts), and raising a version takes the row's lock
 * — so authorization changes of one organization commit one after another, with gap-free versions
 * in commit order.
 */
async function beforeCommit(q: Queryable, changes: ChangeSet, clock: Clock): Promise<Published> {
  const authz: Published['authz'] = [];
  for (const orgId of [...changes.authzByOrg.keys()].sort()) {
    const [row] = await q.query<{ authz_version: number }>(
      sql`UPDATE organizations SET authz_version = authz_version + 1 WHERE id = ${orgId} RETURNING authz_version`,
    );
    const version = row ? Number(row.authz_version) : undefined;
    await q.query(sql`SELECT pg_notify(${AUTHZ_CHANNEL}, ${version === undefined ? orgId : `${orgId}:${version}`})`);
    authz.push({ orgId, version, deltas: changes.authzByOrg.get(orgId) });
  }
  for (const clientId of changes.revokedServiceClients) await q.query(sql`SELECT pg_notify(${SERVICE_CLIENTS_CHANNEL}, ${clientId})`);
  if (changes.catalogChanged) await q.query(sql`SELECT pg_notify(${CATALOG_CHANNEL}, '')`);
  // Last: the events' commit-order lock is held from here to COMMIT (appendEvents).
  if (changes.events.length > 0) {
    await appendEvents(q, changes, new Map(authz.map((a) => [a.orgId, a.version])), clock.now());
  }
  return { authz, mail: changes.mailQueued, events: changes.events.length > 0, catalog: changes.catalogChanged };
}

/** After COMMIT, on this instance (the others follow through NOTIFY, store/change-feed.ts). */
function afterCommit(published: Published, hooks: StoreHooks) {
  for (const { orgId, version, deltas } of published.authz) hooks.onAuthzChanged(orgId, version, deltas);
  if (published.mail) hooks.onMailEnqueued();
  if (published.events) hooks.onEventsAppended?.();
  if (published.catalog) hooks.onCatalogChanged?.();
}

/**
 * Runs `fn` in one transaction as a unit of work: `fn` gets the repositories bound to the
 * transaction and `changed`; what it declared is published as the transaction ends.
 */
export function inUnitOfWork<T>(
  db: Db,
  repos: (q: Queryable) => Repos,
  hooks: StoreHooks,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  return db.transaction(async (dbTx: DbTx) => {
    const claim = options.idempotency;
    if (claim && !claim.claimed) {
      // First, so that a second request with the key waits here (or fails) before doing any work.
      await claimIdempotencyKey(dbTx, claim);
      dbTx.afterCommit(() => (claim.claimed = true));
    }
    const changed = new ChangeSet();
    const result = await fn({ ...repos(dbTx), changed });
    const published = await beforeCommit(dbTx, changed, hooks.clock ?? systemClock);
    dbTx.afterCommit(() => {
      afterCommit(published, hooks);
      for (const { orgId, version } of published.authz) if (version !== undefined) options.revisions?.reached(orgId, version);
    });
    return result;
  });
}
