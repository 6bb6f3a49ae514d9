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
import { decide, type CheckResult } from './decision-index.js';
import type { AuthzEngine, AuthzQuery } from './authz-engine.js';

export type Caller = { kind: 'user'; userId: string } | { kind: 'service'; clientId: string };

export const SERVICE_KEY_PREFIX = 'gks_';

/** A service key's client; `service`: the service it belongs to (null for keys made before services existed). */
export interface ServiceClient {
  id: string;
  name: string;
  service: string | null;
}
export const MAX_BATCH = 1000;

function requireSelf(caller: Caller, userId: string) {
  if (caller.kind === 'user' && caller.userId !== userId) {
    fail('authz.forbidden', {
      detail: `user ${caller.userId} asked about ${userId}`,
      publicDetail: 'Signed in as a user, you may only ask about yourself. Smart Services use a service key.',
    });
  }
}

export function createAuthzApi(deps: { store: Store; engine: AuthzEngine }) {
  const { store, engine } = deps;

  /** A user's checks: from memory where the index is there, else after the user's own memberships. */
  function userChecks(userId: string, checks: readonly AuthzQuery[]): CheckResult[] | Promise<CheckResult[]> {
    const answers: (CheckResult | undefined)[] = checks.map((q) => {
      const index = engine.peek(q.organizationId);
      return index ? decide(index, q.userId, q.permission, q.deviceId) : undefined;
    });
    if (answers.every((a) => a !== undefined)) return answers as CheckResult[];
    return store.repos.memberships.orgIdsOfUser(userId).then((ids) => {
      const mine = new Set(ids);
      return Promise.all(
        checks.map((q, i) => answers[i] ?? (mine.has(q.organizationId) ? engine.check(q) : engine.outsider(q.permission))),
      );
    });
  }

  return {
    check(caller: Caller, q: AuthzQuery): CheckResult | Promise<CheckResult> {
      requireSelf(caller, q.userId);
      if (caller.kind === 'service') return engine.check(q);
      const answers = userChecks(caller.userId, [q]);
      return answers instanceof Promise ? answers.then((a) => a[0]!) : answers[0]!;
    },

    async checkBatch(caller: Caller, checks: readonly AuthzQuery[]): Promise<CheckResult[]> {
      for (const q of checks) requireSelf(caller, q.userId);
      if (caller.kind === 'user') return userChecks(caller.userId, checks);
      const answers = checks.map((q) => engine.check(q));
      return answers.some((a) => a instanceof Promise) ? Promise.all(answers) : (answers as CheckResult[]);
    },

    /** The devices a member reaches, paged by device id from PostgreSQL (never a million ids at once). */
    async accessibleDevices(
      caller: Caller,
      q: { userId: string; organizationId: string; permission?: string | undefined; cursor?: string | undefined; limit: number },
    ) {
      requireSelf(caller, q.userId);
      const empty = { allDevices: false, items: [] as string[], nextCursor: null };
      if (
        caller.kind === 'user' &&
        !engine.peek(q.organizationId) &&
        !(await store.repos.memberships.orgIdsOfUser(caller.userId)).includes(q.organizationId)
      )
        return empty;
      const index = await engine.index(q.organizationId);
      const member = index.members.get(q.userId);
      if (!member) return empty;
      if (q.permission !== undefined && !decide(index, q.userId, q.permission).allowed) return empty;
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
      cache.clear();
      return done;
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
    setCaching(on: boolean) {
      caching = on;
      cache.clear();
    },
  };
}

export type ServiceClients = ReturnType<typeof createServiceClients>;
