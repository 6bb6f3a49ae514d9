// The authorization API for the Smart Services: `check`, `checkBatch` and `accessibleDevices`,
// answered from the in-memory index (authz-engine.ts). A service client may ask about anyone; a
// signed-in user only about themself. A user's question about an organization whose index is not in
// memory first meets the user's own memberships (one indexed read): an organization that is not
// among them is `not_member` (or `unknown_permission`) at once, with nothing loaded or cached, so a
// batch of made-up organization ids costs one query and evicts nothing (issue 13, item 6).
import { fail } from '../errors.js';
import type { Repos, Store } from '../store.js';
import { invalidCursor } from '../pagination.js';
import { hashSecret, newId, newSecret, type Clock, type Random } from '../clock-random.js';
import { decide, type OrgIndex } from './decision-index.js';
import { memberOf } from './org-index.js';
import { answerFrom, type Answer, type AuthzEngine, type AuthzQuery } from './authz-engine.js';
import type { ServiceClient } from './ports.js';

export type Caller = { kind: 'user'; userId: string } | { kind: 'service'; clientId: string };

export const SERVICE_KEY_PREFIX = 'gks_';

export type { ServiceClient } from './ports.js';
export const MAX_BATCH = 1000;

function requireSelf(caller: Caller, userId: string) {
  if (caller.kind === 'user' && caller.userId !== userId) {
    fail('authz.forbidden', {
      detail: `user ${caller.userId} asked about ${userId}`,
      publicDetail: 'Signed in as a user, you may only ask about yourself. Smart Services use a service key.',
    });
  }
}

/** The parent type of a resource type, as the index knows it. */
const parentTypeOf = (index: OrgIndex, type: string) => index.catalog.resourceTypes.get(type) ?? undefined;

export function createAuthzApi(deps: { store: Store; engine: AuthzEngine }) {
  const { store, engine } = deps;

  /**
   * A user's checks: from memory where the index is there (and at `atLeastRevision`), else after the
   * user's own memberships. An outsider's answer needs no index: the memberships are read fresh, so
   * a revision that added the user is seen.
   */
  /** An outsider's answer (decision-index.ts `decideOutsider`): at revision 0, it reads no organization. */
  function outsider(permission: string): Answer | Promise<Answer> {
    const r = engine.outsider(permission);
    return r instanceof Promise ? r.then((x) => ({ ...x, revision: 0 })) : { ...r, revision: 0 };
  }

  function userChecks(userId: string, checks: readonly AuthzQuery[]): Answer[] | Promise<Answer[]> {
    const answers: (Answer | undefined)[] = checks.map((q) => {
      const index = engine.peek(q.organizationId);
      return index && (q.atLeastRevision === undefined || index.version >= q.atLeastRevision) ? answerFrom(index, q) : undefined;
    });
    if (answers.every((a) => a !== undefined)) return answers as Answer[];
    return store.repos.memberships.orgIdsOfUser(userId).then((ids) => {
      const mine = new Set(ids);
      return Promise.all(checks.map((q, i) => answers[i] ?? (mine.has(q.organizationId) ? engine.answer(q) : outsider(q.permission))));
    });
  }

  /** The member's index for a listing (`accessible-devices`, `accessible-resources`), or `undefined` for an outsider. */
  async function memberIndex(caller: Caller, q: { userId: string; organizationId: string; atLeastRevision?: number | undefined }) {
    if (
      caller.kind === 'user' &&
      !engine.peek(q.organizationId) &&
      !(await store.repos.memberships.orgIdsOfUser(caller.userId)).includes(q.organizationId)
    )
      return undefined;
    const index: OrgIndex = await engine.indexFor({ ...q, permission: '' });
    return index.members.has(q.userId) ? index : undefined;
  }

  return {
    check(caller: Caller, q: AuthzQuery): Answer | Promise<Answer> {
      requireSelf(caller, q.userId);
      if (caller.kind === 'service') return engine.answer(q);
      const answers = userChecks(caller.userId, [q]);
      return answers instanceof Promise ? answers.then((a) => a[0]!) : answers[0]!;
    },

    async checkBatch(caller: Caller, checks: readonly AuthzQuery[]): Promise<Answer[]> {
      for (const q of checks) requireSelf(caller, q.userId);
      if (caller.kind === 'user') return userChecks(caller.userId, checks);
      const answers = checks.map((q) => engine.answer(q));
      return answers.some((a) => a instanceof Promise) ? Promise.all(answers) : (answers as Answer[]);
    },

    /** The devices a member reaches, paged by device id from PostgreSQL (never a million ids at once). */
    async accessibleDevices(
      caller: Caller,
      q: {
        userId: string;
        organizationId: string;
        permission?: string | undefined;
        cursor?: string | undefined;
        limit: number;
        atLeastRevision?: number | undefined;
      },
    ) {
      requireSelf(caller, q.userId);
      const empty = { allDevices: false, items: [] as string[], nextCursor: null, revision: 0 };
      const index = await memberIndex(caller, q);
      const member = index && memberOf(index, q.userId);
      if (!index || !member) return empty;
      if (q.permission !== undefined && !decide(index, q.userId, q.permission).allowed) return { ...empty, revision: index.version };
      const all = member.isAdmin || member.allDevices;
      const after = q.cursor === undefined ? undefined : Buffer.from(q.cursor, 'base64url').toString('utf8');
      if (after !== undefined && !/^dev_[0-9a-z]{1,60}$/.test(after)) invalidCursor('/cursor');
      const rows = all
        ? await store.repos.devices.idPage(q.organizationId, after, q.limit + 1)
        : await store.repos.memberships.devicePage(q.organizationId, q.userId, after, q.limit + 1);
      const items = rows.slice(0, q.limit);
      return {
        allDevices: all,
        items,
        nextCursor: rows.length > q.limit ? Buffer.from(items.at(-1)!, 'utf8').toString('base64url') : null,
        revision: index.version,
      };
    },

    /**
     * The resources of one type a member reaches, paged by id from PostgreSQL: `all` for Admins and
     * members with `all` of the type or of an ancestor's type (the items then list every resource of
     * the type), else those given, directly or through an ancestor.
     */
    async accessibleResources(
      caller: Caller,
      q: {
        userId: string;
        organizationId: string;
        type: string;
        permission?: string | undefined;
        cursor?: string | undefined;
        limit: number;
        atLeastRevision?: number | undefined;
      },
    ) {
      requireSelf(caller, q.userId);
      const empty = { all: false, items: [] as { id: string; externalId: string }[], nextCursor: null, revision: 0 };
      const index = await memberIndex(caller, q);
      const member = index && memberOf(index, q.userId);
      if (!index || !member) return empty;
      if (q.permission !== undefined && !decide(index, q.userId, q.permission).allowed) return { ...empty, revision: index.version };
      let all = member.isAdmin;
      for (let t: string | undefined = q.type; !all && t !== undefined; t = parentTypeOf(index, t))
        all = member.access.get(t)?.all === true;
      const after = q.cursor === undefined ? undefined : Buffer.from(q.cursor, 'base64url').toString('utf8');
      if (after !== undefined && !/^res_[0-9a-z]{1,60}$/.test(after)) invalidCursor('/cursor');
      const rows = await store.repos.resources.idPage(q.organizationId, q.type, all ? null : q.userId, after, q.limit + 1);
      const items = rows.slice(0, q.limit);
      return {
        all,
        items,
        nextCursor: rows.length > q.limit ? Buffer.from(items.at(-1)!.id, 'utf8').toString('base64url') : null,
        revision: index.version,
      };
    },
  };
}

/**
 * Service clients (the Smart Services): created with the CLI, the key shown once and stored as a
 * SHA-256 hash. Known keys are cached; a revocation (NOTIFY) or a lost change feed empties the cache.
 */
export function createServiceClients(deps: { store: Store; clock: Clock; random: Random }) {
  const cache = new Map<string, ServiceClient>();
  let caching = true;
  /** Told of every revocation, here or (through the change feed) on another instance: open event streams end. */
  const revocationListeners = new Set<(clientId: string) => void>();
  function revoked(clientId: string) {
    cache.clear();
    for (const fn of revocationListeners) fn(clientId);
  }
  /** A new key (shown once, stored hashed); `service`: the registered service it belongs to, if any. */
  async function createIn(repos: Pick<Repos, 'serviceClients'>, name: string, service: string | null = null) {
    const id = newId('svc', deps.clock, deps.random);
    const key = `${SERVICE_KEY_PREFIX}${newSecret(deps.random)}`;
    await repos.serviceClients.insert({ id, name, keyHash: hashSecret(key), createdAt: deps.clock.now(), service });
    return { id, name, service, key };
  }
  return {
    create: (name: string, service?: string) => createIn(deps.store.repos, name, service ?? null),
    createIn,
    list: () => deps.store.repos.serviceClients.list(),
    async revoke(id: string) {
      const done = await deps.store.transaction(async (tx) => {
        const revoked = await tx.serviceClients.revoke(id, deps.clock.now());
        if (revoked) tx.changed.serviceClientRevoked(id);
        return revoked;
      });
      // The other instances forget theirs when the revocation's NOTIFY arrives.
      if (done) revoked(id);
      else cache.clear();
      return done;
    },
    /**
     * The client of a key already verified and not revoked since, from memory (undefined: not in
     * memory, ask `authenticate`). The authorization API's hot path, without a promise.
     */
    known(key: string): ServiceClient | undefined {
      return caching ? cache.get(hashSecret(key)) : undefined;
    },
    async authenticate(key: string): Promise<ServiceClient | undefined> {
      const hash = hashSecret(key);
      const hit = caching ? cache.get(hash) : undefined;
      if (hit) return hit;
      const client = await deps.store.repos.serviceClients.findByKeyHash(hash);
      if (client && caching) cache.set(hash, client);
      return client;
    },
    forgetAll() {
      cache.clear();
    },
    /** Another instance revoked `clientId` (its NOTIFY): forget the cached keys, tell the listeners. */
    revoked,
    /** Calls `fn` with each revoked client's id until the returned function is called. */
    onRevoked(fn: (clientId: string) => void): () => void {
      revocationListeners.add(fn);
      return () => revocationListeners.delete(fn);
    },
    setCaching(on: boolean) {
      caching = on;
      cache.clear();
    },
  };
}

export type ServiceClients = ReturnType<typeof createServiceClients>;
