// How the OpenAPI document is produced. Route files say what an operation does (summary,
// description, schemas); this file adds, once for every route, what follows from how the route is
// declared: its `operationId` (from method and path), its `security` (from `config.auth`), the
// requirement line (from `config.access`) and the error responses any route of its kind can give.
// The document is generated from the registered routes, never written by hand.
import type { RouteOptions } from 'fastify';
import type { RouteAccess, RouteAuth } from './auth.js';
import { problemResponse } from './schemas.js';

/** The three ways to call the API, as OpenAPI security schemes. */
export function securitySchemes(sessionCookieName: string) {
  return {
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: sessionCookieName,
      description:
        "The session cookie that `POST /auth/login` sets (HttpOnly). A write authenticated by it must send an `Origin` header equal to the service's public URL.",
    },
    sessionToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'The session token that `POST /auth/login` answers, as `Authorization: Bearer <token>`: the same session as the cookie.',
    },
    serviceKey: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'gks_…',
      description:
        "A Smart Service's key (`npx gatehouse service-client create`), as `Authorization: Bearer gks_…`. It opens the authorization API (`/authz/*`), the events (`/events`) and, when it belongs to a registered service (`npx gatehouse service register`), that service's own manifest (`PUT /services/{slug}/manifest`), webhooks and resources (`/orgs/{orgId}/resources/…`).",
    },
  } as const;
}

type SchemeName = keyof ReturnType<typeof securitySchemes>;
const SECURITY: Record<RouteAuth, Partial<Record<SchemeName, string[]>>[]> = {
  public: [],
  user: [{ sessionCookie: [] }, { sessionToken: [] }],
  'service-or-user': [{ serviceKey: [] }, { sessionCookie: [] }, { sessionToken: [] }],
  service: [{ serviceKey: [] }],
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Schema = { properties?: Record<string, unknown>; type?: unknown };
type RouteSchema = {
  operationId?: string;
  description?: string;
  security?: unknown;
  body?: unknown;
  hide?: boolean;
  response?: Record<string | number, unknown>;
};

const pascal = (word: string) =>
  word
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/**
 * `GET /api/v1/orgs/:orgId/members` → `listOrgMembers`: the verb from the method (`list` for a GET
 * answering a page or an array, `get` for any other GET, `create` for a POST answering 201, else
 * `post`, `put`, `update` for PATCH, `delete`), then the path's fixed segments, a collection named
 * by the id that follows it in the singular (`orgs/:orgId` → `Org`, as is the collection a `create`
 * adds to), and `me` as `My` before more.
 */
function operationIdOf(method: string, url: string, schema: RouteSchema, prefix: string): string {
  const segments = (url.startsWith(`${prefix}/`) ? url.slice(prefix.length) : url).split('/').filter(Boolean);
  const words: string[] = [];
  segments.forEach((segment, i) => {
    if (segment.startsWith(':')) return;
    const next = segments[i + 1];
    if (next?.startsWith(':')) words.push(pascal(segment.replace(/s$/, '')));
    else if (segment === 'me' && next !== undefined) words.push('My');
    else words.push(pascal(segment));
  });
  const ok = (schema.response?.[200] ?? schema.response?.['200']) as Schema | undefined;
  const isList =
    ok !== undefined && (ok.type === 'array' || (ok.properties?.items !== undefined && ok.properties?.nextCursor !== undefined));
  const created = schema.response?.[201] !== undefined || schema.response?.['201'] !== undefined;
  const verb =
    (
      {
        GET: isList ? 'list' : 'get',
        POST: created ? 'create' : 'post',
        PUT: 'put',
        PATCH: 'update',
        DELETE: 'delete',
      } as Record<string, string>
    )[method] ?? method.toLowerCase();
  // `POST /orgs` answering 201 creates one organization: `createOrg`.
  if (verb === 'create' && words.length > 0) words.push(words.pop()!.replace(/s$/, ''));
  return verb + words.join('');
}

/** The line each operation on organization data gets from its declared requirement. */
function requirementLine({ requirement, orSelf }: RouteAccess): string {
  const needs =
    requirement === 'member'
      ? 'membership of the organization'
      : requirement === 'admin'
        ? 'the Admin role'
        : `the permission \`${requirement}\``;
  return `**Requires** ${needs}${orSelf ? ' (or acting on yourself)' : ''}. A non-member, or an unknown organization, gets 404.`;
}

/**
 * Completes one route's schema for the document (called from `onRoute`, before the route is
 * compiled). What a route file states is kept; only what is missing is added.
 */
export function documentRoute(route: RouteOptions, prefix: string, operationIds: Set<string>) {
  const schema = route.schema as RouteSchema | undefined;
  if (!schema || schema.hide) return;
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
  const config = (route.config ?? {}) as { auth?: RouteAuth; access?: RouteAccess };
  const auth = config.auth ?? 'public';
  const [method] = methods;
  if (method === undefined) return; // the HEAD twin of a GET route: documented by the GET
  if (methods.length !== 1) throw new Error(`${route.url}: a documented route has one method (got ${methods.join(', ')})`);

  schema.operationId ??= operationIdOf(method, route.url, schema, prefix);
  // One operationId per operation: two routes deriving the same one is a naming clash to settle at
  // start-up (give one route an explicit `schema.operationId`), not a silently ambiguous SDK.
  if (operationIds.has(schema.operationId))
    throw new Error(`operationId ${schema.operationId} of ${method} ${route.url} is taken by another route`);
  operationIds.add(schema.operationId);
  schema.security ??= SECURITY[auth];

  if (config.access) {
    const line = requirementLine(config.access);
    schema.description = schema.description ? `${schema.description}\n\n${line}` : line;
  }

  // The answers every route of this kind can give, whatever its use case: a request it cannot take
  // (400), a session or key refused (401), a cross-site write (403 `auth.csrf`), a body too large or
  // not JSON (413, 415), an unexpected error (500).
  if (!schema.response) throw new Error(`${method} ${route.url}: declare its responses (schema.response), or hide it from the document`);
  const response = schema.response;
  const statuses = [400, 500];
  if (auth !== 'public') statuses.push(401);
  if (WRITES.has(method)) statuses.push(403);
  if (schema.body) statuses.push(413, 415);
  for (const status of statuses)
    if (response[status] === undefined && response[String(status)] === undefined) response[status] = problemResponse(status);
  // A bare reference to the problem document (`Type.Ref('Problem')`) is sent as problem+json too.
  for (const [status, value] of Object.entries(response)) {
    if (Number(status) >= 400 && (value as { $ref?: unknown }).$ref === 'Problem') response[status] = problemResponse(Number(status));
  }
}

type OpenApiParameter = { in?: string; required?: boolean; schema?: { default?: unknown } };

/**
 * A query parameter with a default may be left out: the server fills it in. @fastify/swagger lists
 * every property of a querystring schema that the schema requires (ours require them so that the
 * handler sees the default), so the document said `required: true` and generated clients had to
 * pass `limit`, `sort`… Clears `required` on each query parameter that has a default.
 */
export function optionalDefaults<T extends { paths?: Record<string, unknown> }>(document: T): T {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { parameters?: OpenApiParameter[] }>)) {
      for (const p of operation?.parameters ?? []) {
        if (p.in === 'query' && p.required && p.schema?.default !== undefined) delete p.required;
      }
    }
  }
  return document;
}
