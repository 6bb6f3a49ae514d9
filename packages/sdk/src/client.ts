// The typed client: every call goes through openapi-fetch with the types generated from
// Gatehouse's OpenAPI document (schema.d.ts, written by `npm run generate`; a test fails when it is
// stale), so a renamed field or route breaks the SDK's build, not a customer's production.
import createClient from 'openapi-fetch';
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
    events: {
      /** The live stream of events, resuming where it left off after a dropped connection. */
      subscribe: (opts: SubscribeOptions) => subscribe(options.baseUrl, options.serviceKey, plainFetch, opts),
    },
  };
}

export type Gatehouse = ReturnType<typeof createGatehouse>;
