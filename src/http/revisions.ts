// `Gatehouse-Revision`: a write that changed what the authorization API answers tells its caller
// the organization's revision it reached, so the caller (or the Smart Service it tells) can ask a
// check with `atLeastRevision` and never get an answer from before the write, on any instance.
// Explicit, like the Idempotency-Key: the request brings a collector (`actor.revisions`, or passed
// by the route for a service key), the use case hands it to its transaction, and the unit of work
// fills it after COMMIT (store/unit-of-work.ts). Nothing travels through AsyncLocalStorage.
import type { FastifyInstance } from 'fastify';
import type { Revisions } from '../core/store.js';

const REVISION_HEADER = 'gatehouse-revision';

/** The revisions one request's writes reached, per organization (the last one wins). */
class RequestRevisions implements Revisions {
  readonly byOrg = new Map<string, number>();
  reached(orgId: string, revision: number) {
    this.byOrg.set(orgId, revision);
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    revisions: RequestRevisions | undefined;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerRevisions(app: FastifyInstance) {
  app.decorateRequest('revisions', undefined);
  // Only writes collect (the authorization API's checks are reads, and the hot path).
  app.addHook('onRequest', async (request) => {
    if (WRITES.has(request.method) && request.routeOptions.config.auth !== 'service-or-user') request.revisions = new RequestRevisions();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const byOrg = request.revisions?.byOrg;
    if (!byOrg || byOrg.size === 0) return payload;
    // The organization the path names; a write without one (creating an organization, accepting
    // an invitation) changed exactly one.
    const orgId = (request.params as { orgId?: string } | undefined)?.orgId;
    const revision = (orgId !== undefined ? byOrg.get(orgId) : undefined) ?? [...byOrg.values()].at(-1);
    if (revision !== undefined) reply.header(REVISION_HEADER, String(revision));
    return payload;
  });
}
