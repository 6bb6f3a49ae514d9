// Keeps one OrgIndex per organization in memory, exact:
// - loaded from PostgreSQL on first use (one load per organization at a time);
// - told by `changed(orgId, version, deltas)` of every transaction that changes an organization's members,
//   roles, devices or device access: right after its COMMIT in this process (which applies the
//   transaction's deltas in place when its index is exactly one version behind), and through PostgreSQL
//   NOTIFY in every other instance (store/change-feed.ts), which drops the index to reload it;
// - a load that raced with an invalidation is not installed (a generation counter per
//   organization), so no answer is computed from data older than the last committed write;
// - `distrustAll()` (the change feed from other instances is down) empties the cache and bypasses
//   it until `trustAgain()`: answers then come from the database or, if it is down too, are a 503;
// - only organizations that exist are cached: an id naming none is answered (not_member,
//   unknown_device) but never takes a place in the cache, so a storm of made-up ids cannot evict
//   the real organizations' indexes (issue 13, item 6);
// - the permission catalog (every service's manifest, interned to bits) is loaded once and shared by
//   every index; `catalogChanged()` (a manifest changed, here or — through NOTIFY — elsewhere) drops
//   the catalog and every index built over it, and the next check reloads both.
import { fail } from '../errors.js';
import {
  decide,
  decideOutsider,
  type AuthzDelta,
  type CatalogIndex,
  type CheckResult,
  type OrgIndex,
  type ResourceRef,
} from './decision-index.js';
import { applyDelta, emptyOrgIndex } from './org-index.js';

export interface AuthzLoader {
  /** The permission catalog, interned (decision-index.ts `catalogIndex`). */
  loadCatalog(): Promise<CatalogIndex>;
  /** The organization's index over `catalog`; `undefined` when the organization does not exist. */
  load(orgId: string, catalog: CatalogIndex): Promise<OrgIndex | undefined>;
}

export interface AuthzQuery {
  userId: string;
  organizationId: string;
  permission: string;
  deviceId?: string | undefined;
  resource?: ResourceRef | undefined;
  /** Answer from the organization's state at this revision or newer (a write's `Gatehouse-Revision`). */
  atLeastRevision?: number | undefined;
}

/** How long a check with `atLeastRevision` waits for this instance to reach it before 503. */
const REVISION_WAIT_MS = 2_000;
const REVISION_POLL_MS = 50;

export function createAuthzEngine(loader: AuthzLoader, options: { maxOrganizations?: number; revisionWaitMs?: number } = {}) {
  const maxOrganizations = options.maxOrganizations ?? 10_000;
  const revisionWaitMs = options.revisionWaitMs ?? REVISION_WAIT_MS;
  const cache = new Map<string, OrgIndex>();
  const loading = new Map<string, Promise<OrgIndex>>();
  const generation = new Map<string, number>();
  let trusted = true;
  /** Bumped when trust returns: a load that began before must not be installed. */
  let epoch = 0;
  let stats = { hits: 0, loads: 0, unknown: 0, evictions: 0, invalidations: 0, deltas: 0, catalogLoads: 0 };
  let catalog: CatalogIndex | undefined;
  let catalogLoading: Promise<CatalogIndex> | undefined;

  /** The catalog, loading it once when it is not in memory (at start, after a manifest change). */
  function catalogOf(): CatalogIndex | Promise<CatalogIndex> {
    if (catalog) return catalog;
    if (!catalogLoading) {
      const startedEpoch = epoch;
      const pending: Promise<CatalogIndex> = loader
        .loadCatalog()
        .catch((e: Error) => fail('service.unavailable', { detail: `permission catalog: ${e.message}` }))
        .then((loaded) => {
          stats.catalogLoads++;
          // A manifest change while it loaded: that load is stale; the next caller loads again.
          if (epoch === startedEpoch && trusted) catalog = loaded;
          return loaded;
        })
        .finally(() => {
          if (catalogLoading === pending) catalogLoading = undefined;
        });
      catalogLoading = pending;
    }
    return catalogLoading;
  }

  function invalidate(orgId: string) {
    generation.set(orgId, (generation.get(orgId) ?? 0) + 1);
    cache.delete(orgId);
    // A load in flight started before this write: the next check must not join it.
    loading.delete(orgId);
    stats.invalidations++;
  }

  async function load(orgId: string): Promise<OrgIndex> {
    const started = generation.get(orgId) ?? 0;
    const startedEpoch = epoch;
    let loaded: OrgIndex | undefined;
    const current = await catalogOf();
    try {
      loaded = await loader.load(orgId, current);
    } catch (e) {
      // Never an answer from a guess: the database is needed and unreachable.
      fail('service.unavailable', { detail: `authz index of ${orgId}: ${(e as Error).message}` });
    }
    stats.loads++;
    // No such organization: answered from an empty index, never cached (it would evict a real one).
    if (!loaded) {
      stats.unknown++;
      return emptyOrgIndex(orgId, 0, current);
    }
    if (trusted && epoch === startedEpoch && (generation.get(orgId) ?? 0) === started) {
      if (cache.size >= maxOrganizations) {
        cache.delete(cache.keys().next().value!); // oldest first
        stats.evictions++;
      }
      cache.set(orgId, loaded);
    }
    return loaded;
  }

  function indexOf(orgId: string): OrgIndex | Promise<OrgIndex> {
    const hit = trusted ? cache.get(orgId) : undefined;
    if (hit) {
      stats.hits++;
      return hit;
    }
    let pending = loading.get(orgId);
    if (!pending) {
      pending = load(orgId).finally(() => loading.delete(orgId));
      loading.set(orgId, pending);
    }
    return pending;
  }

  /**
   * The organization's index at `revision` or newer. An index in memory that is behind (the NOTIFY
   * of the write has not arrived yet, or this instance missed it) is dropped and read again from the
   * database, where a revision that a write's response carried is committed; until the database has
   * it (a revision from the future), read again every 50 ms, then `503 authz.revision_unavailable`.
   * Never an answer from an older state.
   */
  async function indexAt(orgId: string, revision: number): Promise<OrgIndex> {
    const deadline = Date.now() + revisionWaitMs;
    for (let attempt = 0; ; attempt++) {
      const index = await indexOf(orgId);
      if (index.version >= revision) return index;
      if (Date.now() >= deadline)
        fail('authz.revision_unavailable', {
          detail: `org=${orgId} at=${index.version} asked=${revision}`,
          publicDetail: `This organization is at revision ${index.version} here; ${revision} did not arrive within ${revisionWaitMs} ms.`,
        });
      // The first reload at once (the write committed, its NOTIFY is on the way); then a pause.
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, REVISION_POLL_MS));
      if (cache.get(orgId) === index) invalidate(orgId);
    }
  }

  /** The index to answer `q` from: in memory when it is there and new enough, else loaded. */
  function indexFor(q: AuthzQuery): OrgIndex | Promise<OrgIndex> {
    const index = indexOf(q.organizationId);
    if (q.atLeastRevision === undefined) return index;
    if (!(index instanceof Promise) && index.version >= q.atLeastRevision) return index;
    return indexAt(q.organizationId, q.atLeastRevision);
  }

  return {
    /** Synchronous when the organization is in memory (the common case), else one load. Allocates nothing. */
    check(q: AuthzQuery): CheckResult | Promise<CheckResult> {
      const index = indexFor(q);
      if (index instanceof Promise) return index.then((i) => decide(i, q.userId, q.permission, q.deviceId, q.resource));
      return decide(index, q.userId, q.permission, q.deviceId, q.resource);
    },

    /** `check`, with the organization's revision the answer was decided at (what the API returns). */
    answer(q: AuthzQuery): Answer | Promise<Answer> {
      const index = indexFor(q);
      if (index instanceof Promise) return index.then((i) => answerFrom(i, q));
      return answerFrom(index, q);
    },

    indexFor,

    /** The organization's index if it is in memory (and trusted), without loading anything. */
    peek(orgId: string): OrgIndex | undefined {
      const hit = trusted ? cache.get(orgId) : undefined;
      if (hit) stats.hits++;
      return hit;
    },

    index(orgId: string): Promise<OrgIndex> {
      return Promise.resolve(indexOf(orgId));
    },

    invalidate,

    /** The answer for someone known not to be a member (authz-api.service.ts): needs only the catalog. */
    outsider(permission: string): CheckResult | Promise<CheckResult> {
      const c = catalogOf();
      return c instanceof Promise ? c.then((x) => decideOutsider(x, permission)) : decideOutsider(c, permission);
    },

    /** The catalog as loaded now (loading it if needed). */
    catalog: () => Promise.resolve(catalogOf()),

    /**
     * A manifest changed the catalog: every index was built over the old one (its bits), so all
     * are dropped with it, and loads in flight are not installed. The next check reloads.
     */
    catalogChanged() {
      epoch++;
      catalog = undefined;
      catalogLoading = undefined;
      for (const orgId of cache.keys()) generation.set(orgId, (generation.get(orgId) ?? 0) + 1);
      cache.clear();
      loading.clear();
      stats.invalidations++;
    },

    /**
     * A committed transaction raised the organization to `version`. With the transaction's deltas
     * and an index exactly one version behind, the index is updated in place (the next check sees
     * it at once, with no reload); an index already at `version` (our own write, echoed by NOTIFY)
     * stays; anything else is dropped and reloads on the next check.
     */
    changed(orgId: string, version: number | undefined, deltas?: readonly AuthzDelta[]) {
      const cached = cache.get(orgId);
      if (cached && version !== undefined) {
        if (cached.version >= version) return;
        if (deltas && cached.version === version - 1) {
          let applied = true;
          for (const delta of deltas) applied = applyDelta(cached, delta) && applied;
          if (!applied) return invalidate(orgId);
          (cached as { version: number }).version = version;
          // Loads in flight read an older state: they must not replace this one.
          generation.set(orgId, (generation.get(orgId) ?? 0) + 1);
          loading.delete(orgId);
          stats.deltas++;
          return;
        }
      }
      invalidate(orgId);
    },

    distrustAll() {
      epoch++;
      trusted = false;
      catalog = undefined;
      catalogLoading = undefined;
      for (const orgId of cache.keys()) generation.set(orgId, (generation.get(orgId) ?? 0) + 1);
      cache.clear();
      loading.clear();
    },

    trustAgain() {
      epoch++;
      trusted = true;
    },

    stats: () => ({ ...stats, cached: cache.size, trusted }),
    resetStats() {
      stats = { hits: 0, loads: 0, unknown: 0, evictions: 0, invalidations: 0, deltas: 0, catalogLoads: 0 };
    },
  };
}

export type Answer = CheckResult & { revision: number };

/** The answer to one query from one index, with the revision it was decided at. */
export function answerFrom(index: OrgIndex, q: AuthzQuery): Answer {
  const result = decide(index, q.userId, q.permission, q.deviceId, q.resource);
  return { allowed: result.allowed, reason: result.reason, revision: index.version };
}

export type AuthzEngine = ReturnType<typeof createAuthzEngine>;
