// The typed client: every call goes through openapi-fetch with the types generated from
// Gatehouse's OpenAPI document (schema.d.ts, written by `npm run generate`; a test fails when it is
// stale), so a renamed field or route breaks the SDK's build, not a customer's production.
import createClient from 'openapi-fetch';
import type { AccessibleResourcesPage, AccessibleResourcesQuery, Resource, ResourceBody } from './resources.js';
import { revisionOf } from './resources.js';
import { retryingFetch, type RetryOptions } from './retry.js';
import { subscribe, type SubscribeOptions } from './subscribe.js';
import type { paths } from './schema.js';

export type CheckQuery = NonNullable<paths['/api/v1/authz/check']['post']['requestBody']>['content']['application/json'];
export type CheckAnswer = paths['/api/v1/authz/check']['post']['responses'][200]['content']['application/json'];

export interface GatehouseOptions extends RetryOptions {
  /** Gatehouse's origin, e.g. `https://gatehouse.example.com` (the API is under /api/v1). */
  baseUrl: string;
  /** The service's key (`gks_…`). */
  serviceKey: string;
  /** For tests or proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** A refusal or failure from Gatehouse, with the problem document's stable `code`. */
export class GatehouseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: unknown,
  ) {
    super(`Gatehouse answered ${status} ${code}`);
    this.name = 'GatehouseError';
  }
}

function failure(response: Response, error: unknown): GatehouseError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'unknown';
  return new GatehouseError(response.status, code, error);
}

/** `data` of an openapi-fetch result, or the error thrown. */
function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) throw failure(result.response, result.error);
  return result.data;
}

export function createGatehouse(options: GatehouseOptions) {
  const plainFetch = options.fetch ?? globalThis.fetch;
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: retryingFetch(plainFetch, options),
    headers: { authorization: `Bearer ${options.serviceKey}` },
  });
  return {
    /** The raw typed client, for any route the helpers below do not cover. */
    api,
    /** May this user, in this organization, do this (on this device)? */
    async check(query: CheckQuery): Promise<CheckAnswer> {
      return unwrap(await api.POST('/api/v1/authz/check', { body: query }));
    },
    /** Up to 1,000 checks in one request, answered in order. */
    async checkBatch(checks: CheckQuery[]): Promise<CheckAnswer[]> {
      return unwrap(await api.POST('/api/v1/authz/check-batch', { body: { checks } })).results;
    },
    resources: {
      /**
       * Creates or updates one of your service's objects in an organization, by your own id
       * (idempotent). `revision`: the organization's revision after the write (`Gatehouse-Revision`).
       */
      async put(
        orgId: string,
        type: string,
        externalId: string,
        body: ResourceBody,
      ): Promise<{ resource: Resource; revision: number | undefined }> {
        const result = await api.PUT('/api/v1/orgs/{orgId}/resources/{type}/{externalId}', {
          params: { path: { orgId, type, externalId } },
          body,
        });
        return { resource: unwrap(result), revision: revisionOf(result.response) };
      },
      /** Deletes one of your objects with its descendants (and every member's access to them). */
      async delete(orgId: string, type: string, externalId: string): Promise<{ revision: number | undefined }> {
        const result = await api.DELETE('/api/v1/orgs/{orgId}/resources/{type}/{externalId}', {
          params: { path: { orgId, type, externalId } },
        });
        // A 204 has no body: openapi-fetch gives neither data nor error, so the status decides.
        if (result.error !== undefined || !result.response.ok) throw failure(result.response, result.error);
        return { revision: revisionOf(result.response) };
      },
    },
    /**
     * The resources of one type a member reaches (`POST /authz/accessible-resources`), page by page:
     * `for await (const page of gatehouse.accessibleResources(q))`. `page.all` says the member reaches
     * every resource of the type (the items then list them all).
     */
    async *accessibleResources(query: AccessibleResourcesQuery): AsyncGenerator<AccessibleResourcesPage, void, undefined> {
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.POST('/api/v1/authz/accessible-resources', { body: cursor === undefined ? query : { ...query, cursor } }),
        );
        yield page;
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
    },
    events: {
      /** The live stream of events, resuming where it left off after a dropped connection. */
      subscribe: (opts: SubscribeOptions) => subscribe(options.baseUrl, options.serviceKey, plainFetch, opts),
    },
  };
}

export type Gatehouse = ReturnType<typeof createGatehouse>;
