// Who signs in through OpenID Connect, and in which organization: the Gatehouse session behind the
// authorization flow (one session for the UI and for single sign-on), and the claims relying
// parties receive. Organization claims are read fresh from the database at every use (token issue,
// refresh, userinfo, introspection), never cached in a grant or token: a role change shows at the
// next refresh, a removal makes the next refresh fail and introspection answer inactive at once.
import { hashSecret, type Clock } from '../clock-random.js';
import type { UserRecord } from '../accounts/ports.js';
import type { Store } from '../store.js';
import type { UserActor } from '../accounts/accounts.service.js';
import { hasSecondFactor } from '../mfa/amr.js';

export const ORGANIZATION_SCOPE = 'organization';
export const ORGANIZATION_ID_PATTERN = /^org_[0-9a-z]{26}$/;

export interface SignIn {
  userId: string;
  sessionId: string;
  /** When the user entered their password for this session (the ID token's `auth_time`). */
  signedInAt: Date;
  /** How the session was signed in (the ID token's `amr`: `pwd`, `otp`, `hwk`, `swk`). */
  amr: readonly string[];
}

export interface Identity {
  user: UserRecord;
  organization?: { id: string; name: string; role: string; permissions: string[] };
}

export function createOidcIdentity(deps: {
  store: Store;
  clock: Clock;
  authenticate: (token: string) => Promise<UserActor | undefined>;
  logout: (actor: UserActor) => Promise<void>;
}) {
  const { store } = deps;
  return {
    /** The Gatehouse session a session token (the UI's cookie) stands for, if it is still valid. */
    async signIn(sessionToken: string): Promise<SignIn | undefined> {
      const actor = await deps.authenticate(sessionToken);
      if (!actor) return undefined;
      const session = await store.repos.sessions.findByTokenHash(hashSecret(sessionToken));
      return session && { userId: actor.userId, sessionId: actor.sessionId, signedInAt: session.createdAt, amr: session.amr };
    },

    /** Ends a Gatehouse session (RP-initiated logout ends both the OIDC and the Gatehouse session). */
    signOut(signIn: SignIn): Promise<void> {
      return deps.logout({ kind: 'user', userId: signIn.userId, sessionId: signIn.sessionId, amr: signIn.amr });
    },

    /**
     * The organization an authorization acts in: the one asked for, if the user is a member of it,
     * else (nothing asked) their active organization. `undefined`: not a member, or no such
     * organization — the two are not told apart.
     */
    async resolveOrganization(userId: string, requested: string | undefined): Promise<string | undefined> {
      if (requested !== undefined) {
        if (!ORGANIZATION_ID_PATTERN.test(requested)) return undefined;
        return (await store.repos.memberships.findOne(requested, userId)) ? requested : undefined;
      }
      const user = await store.repos.users.findById(userId);
      if (!user) return undefined;
      const memberships = await store.repos.memberships.listOfUser(userId);
      return (memberships.find((m) => m.orgId === user.activeOrgId) ?? memberships[0])?.orgId;
    },

    /**
     * Whether a sign-in with these methods may act in the organization: not when it requires a
     * second factor and the sign-in had none (IDENTITY.md: no OpenID Connect tokens for it).
     */
    async mayActIn(orgId: string, amr: readonly string[]): Promise<boolean> {
      if (hasSecondFactor(amr)) return true;
      return !(await store.repos.organizations.find(orgId))?.requireMfa;
    },

    /**
     * The user and, when `orgId` is given, their membership there, read now. `undefined` when the
     * user is gone or is no longer a member (`orgId: null`: the organization is required but unknown),
     * or when the token's sign-in (`amr`, when known) lacks the second factor the organization requires.
     */
    async identify(userId: string, orgId?: string | null, amr?: readonly string[]): Promise<Identity | undefined> {
      const user = await store.repos.users.findById(userId);
      if (!user) return undefined;
      if (orgId === undefined) return { user };
      if (orgId === null) return undefined;
      const access = await store.repos.memberships.findAccess(orgId, userId);
      const org = access && (await store.repos.organizations.find(orgId));
      if (!access || !org) return undefined;
      if (org.requireMfa && amr !== undefined && !hasSecondFactor(amr)) return undefined;
      // The role's organization-level permissions; device grants never (services ask /authz/*).
      return { user, organization: { id: org.id, name: org.name, role: access.roleName, permissions: [...access.permissions].sort() } };
    },
  };
}

/**
 * `max_age` (seconds, OpenID Connect Core 3.1.2.1) is exceeded by a sign-in at `signedInAt`, as of
 * `now` — the service's clock, the one the sign-in time was taken with.
 */
export function isOlderThanMaxAge(signedInAt: Date, maxAge: unknown, now: Date): boolean {
  const seconds = maxAge === undefined ? NaN : Number(maxAge);
  return Number.isFinite(seconds) && Math.floor(now.getTime() / 1000) - Math.floor(signedInAt.getTime() / 1000) > seconds;
}

/** Every claim Gatehouse can state about an identity; the provider keeps those the scopes grant. */
export function claimsOf(identity: Identity): Record<string, unknown> {
  const { user, organization } = identity;
  return {
    sub: user.id,
    email: user.email,
    email_verified: user.emailVerifiedAt !== null,
    name: `${user.firstName} ${user.lastName}`.trim(),
    given_name: user.firstName,
    family_name: user.lastName,
    ...(organization && {
      org_id: organization.id,
      org_name: organization.name,
      org_role: organization.role,
      permissions: organization.permissions,
    }),
  };
}

export type OidcIdentity = ReturnType<typeof createOidcIdentity>;
