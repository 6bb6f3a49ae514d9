// The only way the UI talks to Gatehouse: the public API under /api/v1, typed by the OpenAPI
// document (schema.d.ts is generated from it by `npm run generate`; never edit it by hand),
// called through openapi-fetch with the session cookie. The browser sends `Origin` on every write,
// which is what the service's CSRF check asks of cookie-authenticated requests.
//
// Every failure becomes an ApiError carrying the problem document's stable `code`, which the pages
// turn into words (i18n/errors.ts) — never the raw status or a stack. A call therefore either
// answers its success type or throws: `const roles = await ok(api.GET('/orgs/{orgId}/roles', …))`.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

/** The API's paths without the `/api/v1` prefix (the client's base URL). */
export type ApiPaths = { [P in keyof paths as P extends `/api/v1${infer R}` ? R : never]: paths[P] };

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly fieldErrors: FieldProblem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(title);
    this.name = 'ApiError';
  }

  /** The problems reported for one body field (`email`, `billing.vatId` → `/billing/vatId`). */
  forField(field: string): FieldProblem | undefined {
    const path = `/${field.replace(/\./g, '/')}`;
    return this.fieldErrors.find((e) => e.field === path || e.field === field);
  }
}

/** A failed request as the session sees it: the error and the API path it answered (`/orgs/org_1/devices`). */
export type ProblemListener = (error: ApiError, path: string) => void;
const problemListeners = new Set<ProblemListener>();

/**
 * Called for every failed request, before the caller sees it. The session listens: a 401 means the
 * session has ended; a 404 `organization.not_found` on the active organization means the caller
 * was removed from it (or it was deleted) while looking at it.
 */
export function onProblem(listener: ProblemListener): () => void {
  problemListeners.add(listener);
  return () => problemListeners.delete(listener);
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: { code?: string; title?: string; errors?: FieldProblem[] } = {};
  try {
    // application/problem+json or application/json: both are JSON.
    const text = await response.text();
    if (text) problem = JSON.parse(text) as typeof problem;
  } catch {
    problem = {};
  }
  const retry = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    problem.code ?? `http.${response.status}`,
    problem.title ?? response.statusText,
    Array.isArray(problem.errors) ? problem.errors : [],
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

const BASE = '/api/v1';

const problems: Middleware = {
  async onResponse({ request, response }) {
    if (response.ok) return undefined;
    const error = await problemOf(response);
    const path = new URL(request.url, window.location.origin).pathname.slice(BASE.length);
    for (const listener of problemListeners) listener(error, path);
    throw error;
  },
  onError({ error }) {
    // A cancelled request stays an AbortError (the data hook ignores those); anything else is the network.
    if ((error as Error | undefined)?.name === 'AbortError') return undefined;
    return new ApiError(0, 'network', 'The service cannot be reached.');
  },
};

export const api = createClient<ApiPaths>({ baseUrl: BASE, credentials: 'same-origin', headers: { accept: 'application/json' } });
api.use(problems);

/**
 * The answer of a call that succeeded. Failures never get here: the middleware above throws them
 * as ApiError. (A 204 answers `undefined`.)
 */
export async function ok<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

export const isAbort = (err: unknown) => (err as Error | undefined)?.name === 'AbortError';
