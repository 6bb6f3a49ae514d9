// The unit of work: a transaction's repositories plus `changed`, where the use case says what its
// writes mean beyond their rows. Everything a change sets off is published here, in one place and
// in a fixed order:
//   1. inside the transaction, as its last statements: each changed organization's authorization
//      version is raised (once per transaction) and NOTIFY tells the other instances — both become
//      visible at COMMIT, and vanish with a rollback;
//   2. after COMMIT: this instance's authorization index is updated (in place, from the deltas) and
//      the mail worker is woken.
// A new kind of change (an event row, a webhook delivery …) is one more method on `Changes`
// (core/store.ts), one more field here, and its lines in `beforeCommit` / `afterCommit`.
import type { AuthzDelta } from '../core/authz/decision-index.js';
import type { Changes, Repos, TransactionOptions, Tx } from '../core/store.js';
import type { Db, DbTx, Queryable } from './db.js';
import { AUTHZ_CHANNEL, SERVICE_CLIENTS_CHANNEL } from './channels.js';
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
}

/** What one transaction changed, as `tx.changed` collects it. */
class ChangeSet implements Changes {
  /** Per organization, in the order of the calls; `undefined` once a change without a delta came. */
  readonly authzByOrg = new Map<string, AuthzDelta[] | undefined>();
  mailQueued = false;
  readonly revokedServiceClients: string[] = [];

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
}

interface Published {
  authz: { orgId: string; version: number | undefined; deltas: readonly AuthzDelta[] | undefined }[];
  mail: boolean;
}

/**
 * The transaction's last statements. Organizations in id order: that is the order of their row
 * locks everywhere (organizations/membership-rules.ts), and raising a version takes the row's lock
 * — so authorization changes of one organization commit one after another, with gap-free versions
 * in commit order.
 */
async function beforeCommit(q: Queryable, changes: ChangeSet): Promise<Published> {
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
  return { authz, mail: changes.mailQueued };
}

/** After COMMIT, on this instance (the others follow through NOTIFY, store/change-feed.ts). */
function afterCommit(published: Published, hooks: StoreHooks) {
  for (const { orgId, version, deltas } of published.authz) hooks.onAuthzChanged(orgId, version, deltas);
  if (published.mail) hooks.onMailEnqueued();
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
    const published = await beforeCommit(dbTx, changed);
    dbTx.afterCommit(() => {
      afterCommit(published, hooks);
      for (const { orgId, version } of published.authz) if (version !== undefined) options.revisions?.reached(orgId, version);
    });
    return result;
  });
}
