// Gatehouse as an OpenID Connect provider, on the certified `oidc-provider` library (no OAuth of
// our own). This module turns Gatehouse's rules into the library's configuration:
//   - sign-in is Gatehouse's own session (interaction route + a login check tied to that session);
//   - consent is implicit: every registered client is a first-party Smart Service of the platform;
//   - the `organization` scope binds a grant to one organization, whose claims are read fresh at
//     every token issue, refresh, userinfo and introspection;
//   - keys come from the key ring (PostgreSQL, sealed); a changed key set rebuilds the provider.
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { default as ProviderClass, Account, Configuration, JWK, KoaContextWithOIDC, UnknownObject } from 'oidc-provider';
import {
  claimsOf,
  isOlderThanMaxAge,
  ORGANIZATION_ID_PATTERN,
  ORGANIZATION_SCOPE,
  type OidcIdentity,
  type SignIn,
} from '../../core/oidc/oidc-identity.js';
import { systemClock, type Clock } from '../../core/clock-random.js';
import { secretMatches, type OidcClients } from '../../core/oidc/oidc-clients.service.js';
import type { KeyRing, LoadedKeys } from '../../core/oidc/key-ring.js';
import type { OidcSessionLinksRepo, OidcStateRepo } from '../../core/oidc/ports.js';
import type { SessionCookie } from '../auth.js';
import { adapterFactory } from './adapter.js';
import { errorPage, loggedOutPage, logoutPage, pageLang } from './pages.js';

type OidcModule = typeof import('oidc-provider');

/** The provider's endpoints, under the issuer (PUBLIC_URL). Discovery is at /.well-known/openid-configuration. */
export const OIDC_ROUTES = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  userinfo: '/oidc/me',
  jwks: '/oidc/jwks',
  introspection: '/oidc/token/introspection',
  revocation: '/oidc/token/revocation',
  end_session: '/oidc/session/end',
  pushed_authorization_request: '/oidc/request',
} as const;
export const INTERACTION_PATH = '/oidc/interaction';

/** Token lifetimes, in seconds. Access tokens are opaque: introspection and userinfo read them. */
const OIDC_TTL = {
  AccessToken: 15 * 60,
  ClientCredentials: 15 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  RefreshToken: 14 * 24 * 60 * 60,
  Grant: 14 * 24 * 60 * 60,
  Interaction: 60 * 60,
} as const;

/** Longest life of anything signed with a key (the ID token): a retired key stays published well beyond it. */
export const KEY_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** How often an instance looks for a changed key set. */
const KEY_RELOAD_MS = 60_000;
/**
 * A rotated key is published this long before it signs: every instance reloads (KEY_RELOAD_MS), and
 * a relying party that cached the JWKS refetches it on an unknown `kid` only if its copy is over a
 * minute old (openid-client / oauth4webapi): 5 minutes covers both with room to spare.
 */
export const KEY_ACTIVATION_MS = 5 * 60_000;

let modulePromise: Promise<OidcModule> | undefined;

/**
 * Loads oidc-provider once. On import it prints a console warning for Node.js releases before 22;
 * it runs on Node 20.11+ (what Gatehouse supports), so that one line is kept off the console
 * (the service logs the runtime itself).
 */
function loadOidcModule(): Promise<OidcModule> {
  modulePromise ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return modulePromise;
}

export interface OidcProviderDeps {
  issuer: string;
  secureCookies: boolean;
  sessionMaxAgeMs: number;
  cookie: SessionCookie;
  identity: OidcIdentity;
  clients: OidcClients;
  state: OidcStateRepo;
  links: OidcSessionLinksRepo;
  keyRing: KeyRing;
  logger: Logger;
  /** The service's clock: `max_age` is measured with it, as the Gatehouse sign-in time is. */
  clock?: Clock;
  /** How often an instance looks for a rotated key set (ms). */
  keyReloadMs?: number;
}

type TokenLike = {
  grantId?: string;
  accountId?: string;
  scopes?: Set<string>;
  clientId?: string;
  /** How the sign-in behind the token was made (codes and refresh tokens keep it; access tokens in `extra`). */
  amr?: string[];
  extra?: { amr?: string[] };
};

/** The sign-in methods behind a token, if it records them. */
const amrOf = (token: TokenLike | undefined) => token?.amr ?? token?.extra?.amr;

export interface OidcHost {
  readonly provider: ProviderClass;
  /** Hands a request to the provider (Koa). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Loads the key set; rebuilds the provider if it changed. `true` when it did. */
  reloadKeys(): Promise<boolean>;
  basePath: string;
  stop(): void;
}

export async function startOidcProvider(deps: OidcProviderDeps): Promise<OidcHost> {
  const { Provider, errors, interactionPolicy } = await loadOidcModule();
  const { identity, state, clients, logger, cookie } = deps;
  const clock = deps.clock ?? systemClock;
  const basePath = new URL(deps.issuer).pathname.replace(/\/+$/, '');

  /** The organization a token's grant acts in: `undefined` without the organization scope, `null` if unknown. */
  async function organizationOf(token: TokenLike): Promise<string | null | undefined> {
    if (!token.scopes?.has(ORGANIZATION_SCOPE)) return undefined;
    return token.grantId ? ((await state.grantOrganization(token.grantId)) ?? null) : null;
  }

  const sessionTokenOf = (ctx: KoaContextWithOIDC) => ctx.cookies.get(cookie.name, { signed: false });
  /** The language of a page the provider shows: the client's `ui_locales`, else the browser's. */
  const langOf = (ctx: KoaContextWithOIDC) => pageLang(ctx.oidc?.params?.ui_locales, (...langs) => ctx.acceptsLanguages(...langs));

  /** The Gatehouse session of the request (the UI's cookie), resolved once per request. */
  const signIns = new WeakMap<object, Promise<SignIn | undefined>>();
  function gatehouseSignIn(ctx: KoaContextWithOIDC): Promise<SignIn | undefined> {
    let signIn = signIns.get(ctx);
    if (!signIn) {
      const token = sessionTokenOf(ctx);
      signIn = token ? identity.signIn(token) : Promise.resolve(undefined);
      signIns.set(ctx, signIn);
    }
    return signIn;
  }

  function configuration(keys: LoadedKeys): Configuration {
    const policy = interactionPolicy.base();
    // One session: a provider session alone never signs anyone in. The Gatehouse session (the UI's
    // cookie) must still be valid and belong to the same user, or the user signs in again.
    policy.get('login')!.checks.add(
      new interactionPolicy.Check(
        'gatehouse_session',
        'the Gatehouse session ended or belongs to another user',
        'login_required',
        async (ctx) => {
          const accountId = ctx.oidc.session?.accountId;
          if (!accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT; // no_session asks already
          const signIn = await gatehouseSignIn(ctx);
          return signIn?.userId === accountId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
        },
      ),
    );
    // The provider session states how the user signed in (the ID token's `amr`): when the Gatehouse
    // session now has more (a second factor enrolled or given since), the sign-in is taken over again.
    policy.get('login')!.checks.add(
      new interactionPolicy.Check(
        'gatehouse_amr',
        'the Gatehouse session was signed in with other methods',
        'login_required',
        async (ctx) => {
          if (!ctx.oidc.session?.accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
          const signIn = await gatehouseSignIn(ctx);
          const had = new Set((ctx.oidc.session as { amr?: string[] }).amr ?? []);
          return signIn && signIn.userId === ctx.oidc.session.accountId && signIn.amr.some((m) => !had.has(m))
            ? interactionPolicy.Check.REQUEST_PROMPT
            : interactionPolicy.Check.NO_NEED_TO_PROMPT;
        },
      ),
    );
    // max_age against the Gatehouse sign-in, on the service's clock (the provider's own max_age
    // check reads the process clock, which tests cannot move; in production the two agree).
    policy.get('login')!.checks.add(
      new interactionPolicy.Check('gatehouse_max_age', 'the Gatehouse sign-in is older than max_age', 'login_required', async (ctx) => {
        if (!ctx.oidc.session?.accountId || ctx.oidc.params?.max_age === undefined) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        const signIn = await gatehouseSignIn(ctx);
        return signIn && isOlderThanMaxAge(signIn.signedInAt, ctx.oidc.params.max_age, clock.now())
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT;
      }),
    );

    const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
    return {
      adapter: adapterFactory({ state, clients }),
      jwks: { keys: keys.signing as JWK[] },
      cookies: {
        keys: keys.cookie,
        names: { session: 'gatehouse_oidc_session', interaction: 'gatehouse_oidc_interaction', resume: 'gatehouse_oidc_resume' },
        long: cookieOptions,
        short: cookieOptions,
      },
      scopes: ['openid', 'offline_access', 'email', 'profile', ORGANIZATION_SCOPE],
      claims: {
        // `amr` (how the user signed in: pwd, otp, hwk, swk) is the sign-in's, not the account's: the
        // provider puts it in every ID token from the login result (oidc.routes.ts); listed here so it
        // is not masked out.
        openid: ['sub', 'amr'],
        email: ['email', 'email_verified'],
        profile: ['name', 'given_name', 'family_name'],
        [ORGANIZATION_SCOPE]: ['org_id', 'org_name', 'org_role', 'permissions'],
      },
      // Scope claims go into the ID token too (not only userinfo): a relying party learns the user's
      // organization and role from the ID token it already has.
      conformIdTokenClaims: false,
      responseTypes: ['code'],
      clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
      clientDefaults: {
        grant_types: ['authorization_code', 'refresh_token'],
        id_token_signed_response_alg: 'RS256',
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      // PKCE (S256) for every client, confidential ones included (OAuth 2.1, RFC 9700).
      pkce: { required: () => true },
      extraParams: {
        // The organization the client asks to act in (default: the user's active one).
        organization(_ctx, value) {
          if (value !== undefined && !ORGANIZATION_ID_PATTERN.test(value))
            throw new errors.InvalidRequest('organization must be an organization id (org_…)');
        },
      },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        // A client is answered about its own tokens only. Every Smart Service is a client of its
        // own: none is the resource server of another (no resource indicators), so none has a
        // reason to read another's tokens — and a refresh token's holder is the only one who can
        // use it. Another client's token is `{"active": false}`, the answer for an unknown token.
        introspection: {
          enabled: true,
          allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
        },
        // The same for revocation, and silently: refusing with an error (the library's default for
        // confidential clients) would tell the caller the token exists and is live.
        revocation: {
          enabled: true,
          allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
        },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx, form) => {
            ctx.type = 'html';
            ctx.body = logoutPage(form, ctx.oidc.client?.clientName, langOf(ctx));
          },
          postLogoutSuccessSource: async (ctx) => {
            ctx.type = 'html';
            ctx.body = loggedOutPage(langOf(ctx), `${basePath}/login`);
          },
        },
        userinfo: { enabled: true },
        // Opaque access tokens for userinfo and introspection; no resource servers with JWT tokens.
        resourceIndicators: { enabled: false },
      },
      routes: OIDC_ROUTES,
      ttl: {
        AccessToken: OIDC_TTL.AccessToken,
        ClientCredentials: OIDC_TTL.ClientCredentials,
        AuthorizationCode: OIDC_TTL.AuthorizationCode,
        IdToken: OIDC_TTL.IdToken,
        RefreshToken: OIDC_TTL.RefreshToken,
        Grant: OIDC_TTL.Grant,
        Interaction: OIDC_TTL.Interaction,
        // The provider session lives as long as a Gatehouse session may.
        Session: Math.ceil(deps.sessionMaxAgeMs / 1000),
        DeviceCode: 600,
        BackchannelAuthenticationRequest: 600,
      },
      interactions: {
        policy,
        url: (_ctx, interaction) => `${basePath}${INTERACTION_PATH}/${interaction.uid}`,
      },
      // Refresh tokens for every client allowed the refresh_token grant, rotated at each use (a
      // reused one revokes the whole grant). Without offline_access they end with the session.
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: true,

      async findAccount(_ctx, sub, token): Promise<Account | undefined> {
        const orgId = token ? await organizationOf(token as TokenLike) : undefined;
        // A code or refresh token of a sign-in without a second factor, for an organization that
        // requires one (perhaps since), is refused like a removed membership.
        const who = await identity.identify(sub, orgId, amrOf(token as TokenLike | undefined));
        // undefined: the user is gone, or is no longer a member of the grant's organization — the
        // provider then refuses the code, the refresh (invalid_grant) or the access token.
        if (!who) return undefined;
        return { accountId: sub, claims: () => claimsOf(who) as { sub: string } & UnknownObject };
      },

      /**
       * Consent and organization, for a signed-in user. Consent is implicit (first-party clients):
       * the grant is created or extended with what the client asks. A grant is bound to one
       * organization; asking for another (switching) makes a new grant, so tokens of the first stay
       * what they were. A non-member asking for an organization ends in access_denied.
       */
      async loadExistingGrant(ctx) {
        const { oidc } = ctx;
        const accountId = oidc.session!.accountId!;
        const clientId = oidc.client!.clientId;
        // No Gatehouse session of this user: the login check will ask for a sign-in, so nothing is
        // saved for this request (the provider keeps an unsaved grant in memory meanwhile).
        const signIn = await gatehouseSignIn(ctx);
        if (signIn?.userId !== accountId) return undefined;
        let orgId: string | undefined;
        if (oidc.requestParamScopes.has(ORGANIZATION_SCOPE)) {
          const requested = typeof oidc.params!.organization === 'string' ? oidc.params!.organization : undefined;
          orgId = await identity.resolveOrganization(accountId, requested);
          if (!orgId) throw new errors.AccessDenied('not a member of the requested organization');
          if (!(await identity.mayActIn(orgId, signIn.amr)))
            throw new errors.AccessDenied('the organization requires a second factor: sign in with one (auth.mfa_required)');
        }
        const existingId = (oidc.result?.consent as { grantId?: string } | undefined)?.grantId ?? oidc.session!.grantIdFor(clientId);
        let grant = existingId ? await oidc.provider.Grant.find(existingId) : undefined;
        if (grant && (grant.accountId !== accountId || grant.clientId !== clientId || (await state.grantOrganization(grant.jti)) !== orgId))
          grant = undefined;
        grant ??= new oidc.provider.Grant({ accountId, clientId });
        grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
        if (oidc.requestParamClaims.size > 0) grant.addOIDCClaims([...oidc.requestParamClaims]);
        await grant.save();
        if (orgId) await state.setGrantOrganization(grant.jti, orgId);
        return grant;
      },

      // Access tokens are opaque: how their sign-in was made travels with them, for introspection.
      extraTokenClaims: async (ctx, token) => {
        if (token.kind !== 'AccessToken') return undefined;
        const entities = ctx?.oidc?.entities as { AuthorizationCode?: TokenLike; RefreshToken?: TokenLike } | undefined;
        const amr = amrOf(entities?.AuthorizationCode) ?? amrOf(entities?.RefreshToken);
        return amr ? { amr } : undefined;
      },

      clientBasedCORS: (_ctx, origin, client) =>
        origin !== 'null' && client.clientAuthMethod === 'none' && client.redirectUris!.some((uri) => URL.parse(uri)?.origin === origin),
      async renderError(ctx, out) {
        ctx.type = 'html';
        ctx.body = errorPage(out, langOf(ctx));
      },
    };
  }

  function build(keys: LoadedKeys) {
    const provider = new Provider(deps.issuer, configuration(keys));
    // X-Forwarded-Proto is set by our Fastify handler from PUBLIC_URL (never taken from the client),
    // so the provider knows its cookies travel over https behind a TLS-terminating proxy.
    provider.proxy = true;
    // Client secrets are stored as SHA-256 hashes: compare the hash of what was presented.
    provider.Client.prototype.compareClientSecret = function compareClientSecret(this: { clientSecret?: string }, presented: string) {
      return secretMatches(this.clientSecret, presented);
    };

    // Around the provider's own routes: introspection answers the truth about membership now, and
    // RP-initiated logout also ends the Gatehouse session.
    provider.use(async (koaCtx, next) => {
      await next();
      const ctx = koaCtx as unknown as KoaContextWithOIDC;
      const route = ctx.oidc?.route;
      if (route === 'introspection') await freshIntrospection(ctx);
      else if (route === 'end_session_confirm' && ctx.status === 303 && ctx.oidc.params?.logout) await endGatehouseSession(ctx);
      else if ((route === 'authorization' || route === 'resume') && ctx.oidc.entities.AuthorizationCode) await linkToGatehouseSession(ctx);
    });

    // (The typings list the provider's own events only; Koa's `error` is an EventEmitter event too.)
    const events = provider as unknown as EventEmitter;
    events.on('server_error', (ctx: KoaContextWithOIDC, err: Error) => {
      logger.error({ err: { name: err.name, message: err.message, stack: err.stack }, path: ctx.path }, 'OpenID Connect request failed');
    });
    for (const event of [
      'authorization.error',
      'grant.error',
      'introspection.error',
      'userinfo.error',
      'end_session.error',
      'revocation.error',
      'jwks.error',
      'discovery.error',
    ]) {
      events.on(event, (ctx: KoaContextWithOIDC, err: Error & { error?: string; error_description?: string }) => {
        logger.info(
          { event, error: err.error ?? err.name, description: err.error_description, path: ctx.path },
          'OpenID Connect request refused',
        );
      });
    }
    // Koa's own default would print errors to the console.
    events.on('error', (err: Error) => logger.error({ err: { name: err.name, message: err.message } }, 'OpenID Connect error'));
    return { provider, callback: provider.callback() };
  }

  async function freshIntrospection(ctx: KoaContextWithOIDC) {
    const body = ctx.body as Record<string, unknown> | undefined;
    if (!body?.active) return;
    const entities = ctx.oidc.entities;
    const token = (entities.AccessToken ?? entities.RefreshToken ?? entities.ClientCredentials) as TokenLike | undefined;
    if (!token?.accountId) return; // client credentials: no user, nothing to re-check
    const amr = amrOf(token);
    const who = await identity.identify(token.accountId, await organizationOf(token), amr);
    if (!who) {
      ctx.body = { active: false };
      return;
    }
    if (amr) body.amr = amr;
    if (who.organization) {
      const { id, name, role, permissions } = who.organization;
      Object.assign(body, { org_id: id, org_name: name, org_role: role, permissions });
    }
  }

  /**
   * A code was issued: the provider session is signed in through the request's Gatehouse session,
   * and signing out of that one must end it (core/accounts/credential-events.ts). Linked before the
   * code leaves (Koa answers after this middleware), in a transaction that holds the Gatehouse
   * session's row: if a credential event deleted that session meanwhile, nothing issued here may
   * outlive it — the code, the grant and the provider session go, and the browser gets an error
   * page instead of the redirect (the relying party starts again; the user signs in again).
   */
  async function linkToGatehouseSession(ctx: KoaContextWithOIDC) {
    const session = ctx.oidc.session!;
    const signIn = await gatehouseSignIn(ctx);
    const expiresAt = new Date((session.exp ?? Math.floor(Date.now() / 1000) + Math.ceil(deps.sessionMaxAgeMs / 1000)) * 1000);
    const linked =
      signIn !== undefined &&
      signIn.userId === session.accountId &&
      (await deps.links.linkToLiveSession({
        sessionUid: session.uid,
        gatehouseSessionId: signIn.sessionId,
        userId: signIn.userId,
        expiresAt,
      }));
    if (linked) return;
    // Ended as a credential event ends them (tombstones): a concurrent authorization of the same
    // provider session cannot save the grant back; the code goes with its grant.
    await state.endAuthorization(ctx.oidc.entities.AuthorizationCode?.grantId, session.uid);
    logger.info(
      { event: 'authorization.withdrawn', clientId: ctx.oidc.client?.clientId },
      'OpenID Connect code withdrawn: the Gatehouse session ended during the authorization',
    );
    ctx.remove('Location');
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = errorPage({ error: 'login_required', error_description: 'Your Gatehouse session ended while signing in.' }, langOf(ctx));
  }

  async function endGatehouseSession(ctx: KoaContextWithOIDC) {
    const signIn = await gatehouseSignIn(ctx);
    if (signIn) await identity.signOut(signIn);
    ctx.cookies.set(cookie.name, null, { ...cookie.attributes, signed: false, overwrite: true });
  }

  let keys = await deps.keyRing.load();
  let current = build(keys);

  async function reloadKeys(): Promise<boolean> {
    const next = await deps.keyRing.load();
    if (next.fingerprint === keys.fingerprint) return false;
    current = build(next);
    keys = next;
    logger.info({ keys: next.fingerprint }, 'OpenID Connect keys reloaded');
    return true;
  }
  const timer = setInterval(() => {
    reloadKeys().catch((e) => logger.warn({ error: e instanceof Error ? e.message : String(e) }, 'OpenID Connect key reload failed'));
  }, deps.keyReloadMs ?? KEY_RELOAD_MS);
  timer.unref();

  return {
    get provider() {
      return current.provider;
    },
    handle: (req, res) => current.callback(req, res),
    reloadKeys,
    basePath,
    stop: () => clearInterval(timer),
  };
}
