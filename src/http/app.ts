// The Fastify app factory: everything but `listen()`, so tests drive it through `inject()`.
import { registerRevisions } from './revisions.js';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Logger } from 'pino';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config/config.js';
import type { Core } from '../core/core.js';
import { newSecret, systemClock, type Clock } from '../core/clock-random.js';
import { AppError } from '../core/errors.js';
import {
  decorateCaller,
  registerAuth,
  authzApiAuthenticator,
  sessionCookie,
  type AuthOptions,
  type RouteAccess,
  type RouteAuth,
} from './auth.js';
import { createMetrics } from './metrics.js';
import { registerIdempotency } from './idempotency.js';
import { lazyChildLogger } from './lazy-logger.js';
import { registerRouteAccess } from './route-access.js';
import type { IdempotencyStore } from '../core/idempotency.js';
import { problemSchema, registerErrorHandling, registerNotFoundHandler } from './problem.js';
import { authRoutes } from './routes/auth.routes.js';
import { meRoutes } from './routes/me.routes.js';
import { mfaRoutes } from './routes/mfa.routes.js';
import { opsRoutes } from './routes/ops.routes.js';
import { permissionsRoutes } from './routes/permissions.routes.js';
import { organizationsRoutes } from './routes/organizations.routes.js';
import { membersRoutes } from './routes/members.routes.js';
import { rolesRoutes } from './routes/roles.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { invitationsRoutes } from './routes/invitations.routes.js';
import { devicesRoutes } from './routes/devices.routes.js';
import { resourcesRoutes } from './routes/resources.routes.js';
import { authzRoutes } from './routes/authz.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { webhooksRoutes } from './routes/webhooks.routes.js';
import { createEventSignal, type EventSignal } from '../core/events/signal.js';
import { oidcRoutes } from './oidc/oidc.routes.js';
import type { OidcHost } from './oidc/oidc-provider.js';
import type { OidcIdentity } from '../core/oidc/oidc-identity.js';
import { CONTENT_SECURITY_POLICY, webUi } from './web.js';
import { documentRoute, optionalDefaults, securitySchemes } from './openapi.js';

const API_PREFIX = '/api/v1';

export interface RegisteredRoute {
  method: string;
  url: string;
  auth: RouteAuth;
  access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RegisteredRoute[];
  }
}

export interface AppDeps {
  config: Config;
  core: Core;
  logger: Logger;
  ping: () => Promise<void>;
  hashingStats: () => { running: number; waiting: number; verifications?: number; hashes?: number; anonymousHashes?: number };
  /** Idempotency-Key support on writes (absent: the header is ignored). */
  idempotency?: IdempotencyStore;
  clock?: Clock;
  /** Wakes the event streams (`GET /events` as text/event-stream) when events were appended. */
  eventSignal?: EventSignal;
  /** The OpenID Connect provider (outside /api/v1: discovery, /oidc/*). */
  oidc: { host: OidcHost; identity: OidcIdentity };
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    allErrors: true,
    // Unknown properties must fail validation, not be stripped: schemas say additionalProperties: false.
    removeAdditional: false,
    useDefaults: true,
    // Bodies are JSON and must carry the right types; query strings and path parameters are text.
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/** The methods a path can have routes for (HEAD comes with every GET). */
const ROUTABLE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

// Request ids need to be unique, not secret: a random prefix per process and a counter (cheaper
// than fresh random bytes on every request, which shows on the authorization API's hot path).
const requestIdPrefix = newSecret().slice(0, 10);
let requestCount = 0;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, core } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Accept a caller's request id only when it is harmless to echo and to log.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : `req_${requestIdPrefix}${(++requestCount).toString(36)}`;
    },
    return503OnClosing: true,
    // A resource's external id is up to 200 characters, percent-encoded in the path (up to 3 bytes each, UTF-8 more).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2400 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every route, with what it requires: the security matrix test is generated from this table.
  // Each route's OpenAPI operation is completed from the same declaration (openapi.ts).
  const routeTable: RegisteredRoute[] = [];
  const operationIds = new Set<string>();
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as { auth?: RouteAuth; access?: RouteAccess };
    for (const method of methods)
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, auth: config.auth ?? 'public', access: config.access });
    documentRoute(route, API_PREFIX, operationIds);
  });

  const bodyAjv = makeAjv(false);
  const textAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  // JSON only: text/plain bodies (which browsers send cross-site without a preflight) are a 415.
  app.removeContentTypeParser('text/plain');

  const web = webUi(config.webDir, deps.logger);
  registerErrorHandling(app);
  app.addSchema(problemSchema);
  decorateCaller(app);

  const cookieSettings = sessionCookie(config.secureCookies);
  const authOptions: AuthOptions = {
    cookie: cookieSettings,
    publicOrigin: config.publicOrigin,
    authenticate: core.accounts.authenticate,
    authenticateService: core.serviceClients.authenticate,
    knownService: core.serviceClients.known,
  };

  // On the root, before any route: its onRoute hook documents the routes of every context.
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gatehouse API',
        version: '1.0.0',
        // package.json says UNLICENSED: no licence is granted. SPDX names such a case with a LicenseRef.
        license: { name: 'Proprietary: no licence granted (UNLICENSED)', identifier: 'LicenseRef-Proprietary' },
        description:
          'Users, organizations, roles and device access for the Smart Services.\n\n' +
          'Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code` (the catalogue: docs/errors.md). ' +
          'A path called with a method it does not take answers 405 `request.method_not_allowed` with an `Allow` header; an unknown path, 404 `request.not_found`.\n\n' +
          "Sign in with `POST /auth/login`; then send the session cookie it sets or `Authorization: Bearer <token>` with the token it answers. A write authenticated by the cookie must send an `Origin` equal to the service's public URL. " +
          'Smart Services call the authorization API (`/authz/*`) with a service key.\n\n' +
          'Writes (POST, PUT, PATCH, DELETE) of a signed-in user, except the authorization API and logout, accept an `Idempotency-Key` header (1–255 visible ASCII characters, per user, kept 24 h): ' +
          'a retry with the same key and request gets the first answer again (`Idempotent-Replayed: true`) and the write is applied once; the same key with another request is `422 idempotency.key_reused`; ' +
          'while the first is running, `409 idempotency.in_progress`; if the service stopped after applying the write but before recording its answer, `409 idempotency.response_lost` (applied once, answer unknown: read the resource).',
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: securitySchemes(cookieSettings.name) },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (document) => optionalDefaults('openapiObject' in document ? document.openapiObject : document.swaggerObject),
  });
  // On the root: both contexts below count their requests.
  const metrics = createMetrics(app, { hashing: deps.hashingStats, authz: () => core.authzEngine.stats() });

  // Two sibling contexts. The authorization API (`/authz/*`), the hot path of every Smart Service,
  // has its own with only what it needs (authzApiContext); everything else — the web UI, the OpenID
  // provider, unknown paths — runs the full pipeline below, as before.
  await app.register(async (main) => {
    registerNotFoundHandler(main, {
      spaFallback: web?.spaFallback,
      // A path that exists with other methods: 405 with `Allow`, not a 404 that says it does not exist.
      allowedMethods: (request) => ROUTABLE_METHODS.filter((method) => app.findRoute({ method, url: request.url }) !== null),
    });
    main.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-request-id', request.id);
      reply.header('x-content-type-options', 'nosniff');
      // Pages behind mailed links carry tokens in their URL: never leak it through Referer.
      reply.header('referrer-policy', 'no-referrer');
      // An API answer is never cached, unless its route says otherwise (a service's icon).
      if (request.url.startsWith(API_PREFIX) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });

    registerRevisions(main);
    await main.register(cookie);
    registerAuth(main, authOptions);

    if (deps.idempotency) registerIdempotency(main, deps.idempotency, deps.clock ?? systemClock, API_PREFIX);
    registerRouteAccess(main, core.authorize);

    // A route without a body schema takes no body: one sent anyway is refused, never silently ignored.
    main.addHook('preValidation', async (request) => {
      // (Not for unknown routes: those are a 404 whatever they carry.)
      if (
        request.routeOptions.url !== undefined &&
        request.body !== undefined &&
        request.body !== null &&
        !request.routeOptions.schema?.body
      ) {
        throw new AppError('request.invalid', { errors: [{ field: '/', rule: 'noBody', message: 'This request takes no body.' }] });
      }
    });

    // The API explorer is a page like the web UI's: the same Content-Security-Policy (it loads only
    // its own scripts and styles) and no framing. Set by a hook on the explorer's own routes, so no
    // other response pays a URL check for it.
    await main.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiHooks: {
        onRequest: async (_request, reply) => {
          reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
          reply.header('x-frame-options', 'DENY');
        },
      },
    });

    await main.register(opsRoutes, { ping: deps.ping, metrics, metricsToken: config.metricsToken });
    await main.register(
      async (api) => {
        api.get(`/openapi.json`, { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
        await api.register(authRoutes, {
          core,
          cookie: cookieSettings,
          sessionMaxAgeMs: config.sessionMaxAgeMs,
          passwordPolicy: config.passwordPolicy,
        });
        await api.register(meRoutes, { core, cookie: cookieSettings });
        await api.register(mfaRoutes, { core, cookie: cookieSettings, sessionMaxAgeMs: config.sessionMaxAgeMs });
        await api.register(permissionsRoutes, { core });
        await api.register(organizationsRoutes, { core });
        await api.register(membersRoutes, { core });
        await api.register(rolesRoutes, { core });
        await api.register(auditRoutes, { core });
        await api.register(invitationsRoutes, { core });
        await api.register(devicesRoutes, { core });
        await api.register(resourcesRoutes, { core });
        await api.register(eventsRoutes, { core, signal: deps.eventSignal ?? createEventSignal() });
        await api.register(webhooksRoutes, { core });
      },
      { prefix: API_PREFIX },
    );
    await main.register(oidcRoutes, {
      host: deps.oidc.host,
      identity: deps.oidc.identity,
      cookie: cookieSettings,
      secure: config.secureCookies,
      clock: deps.clock ?? systemClock,
    });
    await web?.register(main);
  });

  await app.register(
    async (authzApi) => {
      authzApiContext(authzApi, authOptions);
      await authzApi.register(authzRoutes, { core });
    },
    { prefix: API_PREFIX },
  );

  return app;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

/**
 * The authorization API's context: what its routes need and nothing else. Every route here is
 * `service-or-user` and takes a JSON body, so of the main pipeline it needs the authentication
 * (service key, or a signed-in user's bearer token or session cookie, with the same CSRF rule) and
 * the response headers; not the cookie plugin (it parses the cookie only without a bearer token and
 * sets none), the revisions (reads), the Idempotency-Key (not accepted here), the route access
 * (no `config.access`) or the no-body rule (all have a body schema). Parser, body limits, error
 * handler and metrics come from the root. Hooks take a callback: no promise per request.
 */
function authzApiContext(app: FastifyInstance, auth: AuthOptions) {
  app.addHook('onRoute', (route) => {
    // The list above holds for these routes only: a route that needs more belongs in the main context.
    const config = (route.config ?? {}) as { auth?: RouteAuth; access?: RouteAccess; idempotent?: boolean };
    if (config.auth !== 'service-or-user' || config.access || config.idempotent || !route.schema?.body)
      throw new Error(`${route.url}: the authorization API's context takes service-or-user routes with a body only`);
  });
  const authenticate = authzApiAuthenticator(auth);
  // One hook for both (one stage of Fastify's hook runner fewer a request than the headers here and
  // the authentication at preValidation, as the main context does). The headers first, before
  // anything can fail: problem answers carry them too. The caller is settled before the body is
  // read, so an anonymous caller gets 401 whatever it sends (too large, not JSON, not the schema's)
  // and learns nothing of the schemas.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', request.id);
    authenticate(request, done);
  });
  // Its routes log at `warn`: no pino child per request unless a line is written (lazy-logger.ts).
  app.setChildLoggerFactory(lazyChildLogger);
}
