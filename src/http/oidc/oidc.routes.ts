// The OpenID Connect provider inside Fastify, in its own encapsulated context: the provider's
// routes hand the raw request and response to oidc-provider (Koa), which parses its own
// form-encoded bodies and answers OAuth errors per the OAuth specifications. Our JSON-only body
// parsing, the "no body" rule and the auth hook (`config.oidc`) stay out of its way. The sign-in
// step is ours: `GET /oidc/interaction/:uid`, and `GET /oidc/interaction/:uid/client` for the
// sign-in page to name the Smart Service that asked.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { AppError } from '../../core/errors.js';
import { systemClock, type Clock } from '../../core/clock-random.js';
import { isOlderThanMaxAge, type OidcIdentity } from '../../core/oidc/oidc-identity.js';
import type { SessionCookie } from '../auth.js';
import { INTERACTION_PATH, OIDC_ROUTES, type OidcHost } from './oidc-provider.js';

export interface OidcRoutesOptions {
  host: OidcHost;
  identity: OidcIdentity;
  cookie: SessionCookie;
  /** PUBLIC_URL is https: the provider's cookies are Secure. */
  secure: boolean;
  /** The service's clock: the age of a sign-in (`max_age`) is measured with it. */
  clock?: Clock;
}

const PROVIDER_ROUTES: [HTTPMethods[], string][] = [
  [['GET', 'OPTIONS'], '/.well-known/openid-configuration'],
  [['GET', 'OPTIONS'], '/.well-known/oauth-authorization-server'],
  [['GET', 'POST'], OIDC_ROUTES.authorization],
  [['GET'], `${OIDC_ROUTES.authorization}/:uid`],
  [['POST', 'OPTIONS'], OIDC_ROUTES.token],
  [['GET', 'POST', 'OPTIONS'], OIDC_ROUTES.userinfo],
  [['GET', 'OPTIONS'], OIDC_ROUTES.jwks],
  [['POST', 'OPTIONS'], OIDC_ROUTES.introspection],
  [['POST', 'OPTIONS'], OIDC_ROUTES.revocation],
  [['GET', 'POST'], OIDC_ROUTES.end_session],
  [['POST'], `${OIDC_ROUTES.end_session}/confirm`],
  [['GET'], `${OIDC_ROUTES.end_session}/success`],
  [['POST', 'OPTIONS'], OIDC_ROUTES.pushed_authorization_request],
];

/** Reasons of the login prompt that demand a sign-in newer than the authorization request (max_age is checked apart). */
const FRESH_SIGN_IN = new Set(['login_prompt', 'id_token_hint', 'claims_id_token_sub_value']);

function securityHeaders(request: FastifyRequest, reply: FastifyReply) {
  const res = reply.raw;
  res.setHeader('x-request-id', request.id);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  // The provider's pages (logout confirmation, errors) must not be framed (clickjacking).
  res.setHeader('content-security-policy', "frame-ancestors 'none'");
}

/** The path segment of an interaction: the provider's uid (nanoid). */
const interactionParams = {
  type: 'object',
  properties: { uid: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
  required: ['uid'],
} as const;

export const oidcRoutes: FastifyPluginAsync<OidcRoutesOptions> = async (app, { host, identity, cookie, secure, clock = systemClock }) => {
  // The provider reads its own bodies: this context leaves the request stream untouched.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  async function forward(request: FastifyRequest, reply: FastifyReply) {
    reply.hijack();
    securityHeaders(request, reply);
    const headers = request.raw.headers;
    // What the provider (Koa, proxy mode) learns about the connection comes from us, never from the
    // client: the scheme from PUBLIC_URL, the address as Fastify resolved it (TRUST_PROXY).
    headers['x-forwarded-proto'] = secure ? 'https' : 'http';
    headers['x-forwarded-for'] = request.ip;
    delete headers['x-forwarded-host'];
    await host.handle(request.raw, reply.raw);
  }

  const config = { auth: 'public' as const, oidc: true };
  for (const [method, url] of PROVIDER_ROUTES) {
    app.route({ method, url, config, schema: { hide: true }, handler: forward });
  }

  /** The interaction of this browser (its cookie, path-scoped to the interaction) named by the path. */
  async function interactionOf(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
    const provider = host.provider;
    let details: Awaited<ReturnType<typeof provider.interactionDetails>>;
    try {
      details = await provider.interactionDetails(request.raw, reply.raw);
    } catch (e) {
      throw new AppError('oidc.interaction_expired', { detail: e instanceof Error ? e.message : String(e) });
    }
    if (details.uid !== request.params.uid)
      throw new AppError('oidc.interaction_expired', { detail: 'interaction cookie of another request' });
    return details;
  }

  // The registered name of the client that sent the browser here, for the sign-in page ("Sign in
  // to continue to Dashboards"): never a name taken from the URL. Only the browser holding the
  // interaction's cookie can ask.
  app.get<{ Params: { uid: string } }>(
    `${INTERACTION_PATH}/:uid/client`,
    {
      config: { auth: 'public' },
      schema: { hide: true, params: interactionParams },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const details = await interactionOf(request, reply);
      const client = await host.provider.Client.find(String(details.params.client_id));
      if (!client) throw new AppError('oidc.interaction_expired', { detail: 'the client is gone' });
      return { name: client.clientName ?? client.clientId };
    },
  );

  app.get<{ Params: { uid: string } }>(
    `${INTERACTION_PATH}/:uid`,
    {
      config: { auth: 'public' },
      schema: { hide: true, params: interactionParams },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const provider = host.provider;
      const details = await interactionOf(request, reply);

      const here = `${host.basePath}${INTERACTION_PATH}/${details.uid}`;
      // `prompt=login` tells the sign-in page to ask for the password even to someone signed in
      // (else it would send them straight back here: a loop).
      const signInAgain = (fresh = false) =>
        reply.redirect(`${host.basePath}/login?next=${encodeURIComponent(here)}${fresh ? '&prompt=login' : ''}`, 303);
      const token = request.cookies[cookie.name];
      const signIn = token ? await identity.signIn(token) : undefined;
      const { prompt } = details;
      let result: Parameters<typeof provider.interactionResult>[2];
      if (prompt.name === 'login') {
        // prompt=login, an id_token_hint naming someone else, or a sign-in older than max_age: the
        // user signs in again. The session seen on the first visit is noted in the interaction
        // (server-side); coming back with another session (a new sign-in) satisfies the request.
        const tooOld = signIn !== undefined && isOlderThanMaxAge(signIn.signedInAt, details.params.max_age, clock.now());
        const needsFresh = tooOld || prompt.reasons.some((r) => FRESH_SIGN_IN.has(r));
        const noted = (details.result as { gatehouse?: { staleSession: string | null } } | undefined)?.gatehouse;
        if (needsFresh && !noted) {
          await provider.interactionResult(
            request.raw,
            reply.raw,
            { gatehouse: { staleSession: signIn?.sessionId ?? null } },
            { mergeWithLastSubmission: false },
          );
          return signInAgain(true);
        }
        if (!signIn || (needsFresh && signIn.sessionId === noted?.staleSession)) return signInAgain(needsFresh);
        result = { login: { accountId: signIn.userId, ts: Math.floor(signIn.signedInAt.getTime() / 1000), amr: [...signIn.amr] } };
      } else if (prompt.name === 'consent') {
        // Consent is implicit (first-party Smart Services): the grant exists already; a consent prompt
        // left is one the client asked for (prompt=consent, e.g. for offline_access).
        if (!signIn || signIn.userId !== details.session?.accountId || !details.grantId) return signInAgain();
        result = { consent: { grantId: details.grantId } };
      } else {
        result = { error: 'access_denied', error_description: `unsupported interaction ${prompt.name}` };
      }
      const returnTo = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
      return reply.redirect(returnTo, 303);
    },
  );
};
