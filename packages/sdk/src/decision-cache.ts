// A local cache of authorization answers that is never wrong after a change the service was told
// about, and never older than a revision the caller names:
// - answers are kept per organization, each with the revision it was computed at;
// - an event of an organization (from the stream or a webhook, passed to `onEvent`) drops every
//   answer of that organization and remembers the event's revision: an answer computed before it
//   (still in flight when the event arrived) is not stored afterwards;
// - `check(q, {atLeastRevision})` uses a cached answer only if it is at least that new, else asks
//   Gatehouse with `atLeastRevision`, which never answers from older state on any instance.
// An event without an organization (a deleted user) drops everything: it may touch any of them.
import type { CheckAnswer, CheckQuery, Gatehouse } from './client.js';
import type { GatehouseEvent } from './events.js';

interface Entry {
  answer: CheckAnswer;
  revision: number;
}

interface OrgCache {
  answers: Map<string, Entry>;
  /** The newest revision an event announced: answers older than this are stale. */
  floor: number;
}

export interface DecisionCacheOptions {
  /** Answers kept per organization before the oldest go (default 10,000). */
  maxEntriesPerOrganization?: number;
}

const revisionOf = (answer: CheckAnswer): number => {
  const r = (answer as { revision?: unknown }).revision;
  return typeof r === 'number' ? r : 0;
};

function keyOf(q: CheckQuery): string {
  const r = (q as { resource?: { type: string; id?: string; externalId?: string } }).resource;
  return `${q.userId}\u0000${q.permission}\u0000${q.deviceId ?? ''}\u0000${r ? `${r.type}\u0000${r.id ?? ''}\u0000${r.externalId ?? ''}` : ''}`;
}

export function createDecisionCache(gatehouse: Pick<Gatehouse, 'check'>, options: DecisionCacheOptions = {}) {
  const max = options.maxEntriesPerOrganization ?? 10_000;
  const orgs = new Map<string, OrgCache>();
  let stats = { hits: 0, misses: 0, drops: 0 };

  const orgOf = (orgId: string): OrgCache => {
    let org = orgs.get(orgId);
    if (!org) {
      org = { answers: new Map(), floor: 0 };
      orgs.set(orgId, org);
    }
    return org;
  };

  function peek(q: CheckQuery, atLeastRevision = 0): CheckAnswer | undefined {
    const entry = orgs.get(q.organizationId)?.answers.get(keyOf(q));
    if (entry === undefined || entry.revision < atLeastRevision) return undefined;
    stats.hits++;
    return entry.answer;
  }

  return {
    /** The cached answer, synchronously, or undefined when it must be asked. */
    peek,

    async check(q: CheckQuery, opts: { atLeastRevision?: number } = {}): Promise<CheckAnswer> {
      const hit = peek(q, opts.atLeastRevision);
      if (hit !== undefined) return hit;
      stats.misses++;
      const answer = await gatehouse.check(
        opts.atLeastRevision === undefined ? q : ({ ...q, atLeastRevision: opts.atLeastRevision } as CheckQuery),
      );
      const org = orgOf(q.organizationId);
      const revision = revisionOf(answer);
      // Computed before a change we have since been told about: correct for its moment, not for now.
      if (revision >= org.floor) {
        if (org.answers.size >= max) org.answers.delete(org.answers.keys().next().value as string);
        org.answers.set(keyOf(q), { answer, revision });
      }
      return answer;
    },

    /** Tell the cache about an event (from `events.subscribe` or `verifyWebhook`). */
    onEvent(event: Pick<GatehouseEvent, 'organizationId' | 'revision'>): void {
      stats.drops++;
      if (event.organizationId === null || event.organizationId === undefined) {
        orgs.clear();
        return;
      }
      const org = orgOf(event.organizationId);
      org.answers.clear();
      org.floor = Math.max(org.floor, event.revision ?? 0);
    },

    clear(): void {
      orgs.clear();
    },

    stats: () => ({ ...stats, organizations: orgs.size }),
    resetStats() {
      stats = { hits: 0, misses: 0, drops: 0 };
    },
  };
}

export type DecisionCache = ReturnType<typeof createDecisionCache>;
