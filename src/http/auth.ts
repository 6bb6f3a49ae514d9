// Who is calling, decided once per request before any handler runs. Each route declares what it
// needs in `config.auth`; the security tests enumerate routes by that declaration.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fastifyCookie } from '@fastify/cookie';
import { AppError } from '../core/errors.js';
import type { UserActor } from '../core/actor.js';
import type { Requirement } from '../core/authz/authz.js';
import { SERVICE_KEY_PREFIX, type Caller } from '../core/authz/authz-api.service.js';
import type { ServiceClient } from '../core/authz/ports.js';
import type { ServiceCaller } from '../core/events/events.service.js';

/**
 * `service-or-user`: the authorization API, for service keys and for a user asking about themself.
 * `service`: a service key only (events, a service's webhooks and manifest, its resources).
 */
export type RouteAuth = 'public' | 'user' | 'service-or-user' | 'service';

/**
 * What a route on organization data demands, declared next to the route and enforced before its
 * handler (route-access.ts); the OpenAPI description shows it and the security matrix test checks
 * every route against it. The use case checks again as its first step (core/authz/in-organization.ts).
 */
export interface RouteAccess {
  requirement: Requirement;
  /** The route also allows a member acting on themself (`{userId}` = the caller). */
  orSelf?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    access?: RouteAccess;
    /**
     * A route of the OpenID Connect provider: it authenticates clients itself (OAuth client
     * authentication), and its state-changing requests come from other origins by design (a Smart
     * Service's token request) or carry their own CSRF token (the logout form): this hook skips it.
     */
    oidc?: boolean;
  }
  interface FastifyRequest {
    actor: UserActor | undefined;
    serviceClient: ServiceClient | undefined;
    authVia: 'cookie' | 'bearer' | undefined;
  }
}

export interface SessionCookie {
  name: string;
  secure: boolean;
  /** Set with these, and cleared with the same (a browser only clears a cookie whose attributes match). */
  attributes: { path: '/'; httpOnly: true; sameSite: 'lax'; secure: boolean };
}

/** The session cookie, defined once: its name and attributes for setting and clearing it. */
export function sessionCookie(secure: boolean): SessionCookie {
  return {
    // The __Host- prefix makes the browser refuse the cookie unless it is Secure, Path=/ and host-only.
    name: secure ? '__Host-gatehouse_session' : 'gatehouse_session',
    secure,
    // Script cannot read it; it is not sent on cross-site subrequests (nor cross-site POSTs).
    attributes: { path: '/', httpOnly: true, sameSite: 'lax', secure },
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})$/.exec(header);
  return m?.[1];
}

export interface AuthOptions {
  cookie: SessionCookie;
  publicOrigin: string;
  authenticate: (token: string) => Promise<UserActor | undefined>;
  authenticateService: (key: string) => Promise<ServiceClient | undefined>;
  /** A service key already verified and not revoked, answered from memory (undefined: ask `authenticateService`). */
  knownService?: (key: string) => ServiceClient | undefined;
}

/** What the authentication hooks set, declared once on the root: every context's requests have it. */
export function decorateCaller(app: FastifyInstance) {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('serviceClient', undefined);
  app.decorateRequest('authVia', undefined);
}

/**
 * Who is calling, for a request of any route but the OpenID provider's; throws the 401/403, and
 * returns a promise only when it has to wait (a user's session, a service key not yet in memory).
 * `cookieToken` reads the session cookie: it is asked only when there is no bearer token.
 */
function authenticateRequest(
  request: FastifyRequest,
  options: AuthOptions,
  cookieToken: (request: FastifyRequest) => string | undefined,
  required: RouteAuth,
): Promise<void> | undefined {
  const origin = request.headers.origin;
  const changesState = !SAFE_METHODS.has(request.method);

  const bearer = bearerToken(request);
  // An Authorization header that is present but malformed is an error, not "anonymous".
  if (request.headers.authorization !== undefined && bearer === undefined && required !== 'public') {
    throw new AppError('auth.unauthenticated', { detail: 'malformed Authorization header' });
  }
  const cookie = bearer === undefined ? cookieToken(request) : undefined;
  const token = bearer ?? cookie;
  const via = bearer ? 'bearer' : cookie ? 'cookie' : undefined;

  // CSRF: a browser always sends Origin on cross-site state-changing requests. Cookie-authenticated
  // writes must come from our own origin; any write that names a foreign origin is refused too
  // (that also stops login CSRF, where no cookie exists yet).
  if (
    changesState &&
    ((via === 'cookie' && origin !== options.publicOrigin) || (origin !== undefined && origin !== options.publicOrigin))
  ) {
    throw new AppError('auth.csrf', { detail: `origin=${origin ?? '(none)'}` });
  }

  if (required === 'public') return undefined;
  if (bearer?.startsWith(SERVICE_KEY_PREFIX)) {
    // Service keys open the authorization API, the events, and their own service's webhooks, manifest and resources; nothing else.
    if (required !== 'service-or-user' && required !== 'service')
      throw new AppError('auth.unauthenticated', { detail: 'service key refused' });
    const known = options.knownService?.(bearer);
    if (known) {
      request.serviceClient = known;
      return undefined;
    }
    return options.authenticateService(bearer).then((client) => {
      if (!client) throw new AppError('auth.unauthenticated', { detail: 'service key refused' });
      request.serviceClient = client;
    });
  }
  if (required === 'service') throw new AppError('auth.unauthenticated', { detail: 'a service key is required' });
  if (!token) throw new AppError('auth.unauthenticated');
  return options.authenticate(token).then((actor) => {
    if (!actor) throw new AppError('auth.unauthenticated');
    request.actor = { ...actor, requestId: request.id, revisions: request.revisions };
    request.authVia = via;
  });
}

export function registerAuth(app: FastifyInstance, options: AuthOptions) {
  // preValidation: who is calling is settled before the body is validated, so an anonymous caller
  // gets 401 for any body and cannot probe the schemas of routes it may not use.
  app.addHook('preValidation', async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (config.oidc) return;
    await authenticateRequest(request, options, (r) => r.cookies?.[options.cookie.name], config.auth ?? 'public');
  });
}

/**
 * The same authentication for the authorization API's own context (app.ts), which has no cookie
 * plugin: the session cookie is parsed (by @fastify/cookie's parser) only when there is no bearer
 * token, and a service key already in memory is answered without a promise. Returns the step the
 * context's one hook runs: it calls `done` once the caller is settled, with the 401/403 if refused.
 */
export function authzApiAuthenticator(options: AuthOptions) {
  const cookieToken = (request: FastifyRequest) => {
    const header = request.headers.cookie;
    return header ? fastifyCookie.parse(header)[options.cookie.name] : undefined;
  };
  return (request: FastifyRequest, done: (err?: Error) => void) => {
    let waiting: Promise<void> | undefined;
    try {
      // Every route of the context is `service-or-user` (app.ts refuses any other there).
      waiting = authenticateRequest(request, options, cookieToken, 'service-or-user');
    } catch (e) {
      done(e as Error);
      return;
    }
    if (waiting) waiting.then(() => done(), done);
    else done();
  };
}

/** The signed-in user of a route declared `auth: 'user'` (the hook guarantees it is there). */
export function actorOf(request: FastifyRequest): UserActor {
  if (!request.actor) throw new AppError('auth.unauthenticated');
  return request.actor;
}

/** The service key's client of a route declared `auth: 'service'` (the hook guarantees it is there). */
export function serviceOf(request: FastifyRequest): ServiceCaller {
  if (!request.serviceClient) throw new AppError('auth.unauthenticated');
  return { clientId: request.serviceClient.id, service: request.serviceClient.service };
}

/** The caller of an authorization API route: a service client, or a signed-in user. */
export function callerOf(request: FastifyRequest): Caller {
  if (request.serviceClient) return { kind: 'service', clientId: request.serviceClient.id };
  return { kind: 'user', userId: actorOf(request).userId };
}
