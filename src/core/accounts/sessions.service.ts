// Signing in and out: login (throttled, every failure alike), resolving a session token on each
// request, logout.
import { fail } from '../errors.js';
import { hashSecret, newId, newSecret } from '../clock-random.js';
import type { UserActor } from '../actor.js';
import type { Repos } from '../store.js';
import { requireEmail, toPublicUser, type AccountsDeps, type RequestContext } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import { credentialsChanged } from './credential-events.js';
import type { UserRecord } from './ports.js';

/**
 * Session refreshes are written at most this often, so a busy client does not write on every
 * request; never more than a tenth of the idle limit, or activity could not keep a session with a
 * short limit alive (with SESSION_IDLE_TTL=30s no request would ever refresh it).
 */
const TOUCH_INTERVAL_MS = 60_000;

/** The user's active organization, or (if none, or no longer theirs) their first one. */
async function ensureActiveOrganization(repos: Repos, user: UserRecord, now: Date): Promise<string | null> {
  const memberships = await repos.memberships.listOfUser(user.id);
  if (user.activeOrgId && memberships.some((m) => m.orgId === user.activeOrgId)) return user.activeOrgId;
  const fallback = memberships[0]?.orgId ?? null;
  await repos.users.update(user.id, { activeOrgId: fallback }, now);
  return fallback;
}

export function createSessionsService(
  deps: Pick<AccountsDeps, 'store' | 'hasher' | 'clock' | 'random' | 'settings'>,
  support: AccountSupport,
) {
  const { store, hasher, clock, random, settings } = deps;
  return {
    async login(input: { email: string; password: string }, ctx: RequestContext) {
      const email = requireEmail(input.email);
      // A login storm is shed before it costs anything: no attempt reserved (a refused request
      // tests no password, so it need not count), no database round trip, an answer in microseconds.
      if (hasher.saturated()) fail('service.busy', { detail: 'password hashing saturated', retryAfterSeconds: 1 });
      const now = clock.now();
      const attempt = await support.reserveAttempt(email, ctx, now);
      const user = await store.repos.users.findByEmail(email);
      if (!user) {
        await hasher.verifyDummy(input.password);
        fail('auth.invalid_credentials');
      }
      if (!(await hasher.verify(user.passwordHash, input.password))) fail('auth.invalid_credentials');
      // Only someone holding the right password learns that the address is not verified yet.
      if (user.emailVerifiedAt === null) fail('auth.email_not_verified');
      await attempt.succeeded();
      const token = newSecret(random);
      const session = {
        id: newId('ses', clock, random),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + settings.sessionMaxAgeMs),
      };
      const activeOrganizationId = await store.transaction(async (tx) => {
        await tx.sessions.insert({ ...session, tokenHash: hashSecret(token), ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) ?? null });
        return ensureActiveOrganization(tx, user, now);
      });
      return {
        token,
        expiresAt: new Date(Math.min(session.expiresAt.getTime(), now.getTime() + settings.sessionIdleTtlMs)),
        user: toPublicUser(user),
        activeOrganizationId,
      };
    },

    /** Resolves a session token; `undefined` when unknown, idle too long or past its absolute age. */
    async authenticate(token: string): Promise<UserActor | undefined> {
      const session = await store.repos.sessions.findByTokenHash(hashSecret(token));
      if (!session) return undefined;
      const now = clock.now();
      if (session.expiresAt <= now || session.lastSeenAt.getTime() + settings.sessionIdleTtlMs <= now.getTime()) {
        await store.repos.sessions.delete(session.id);
        return undefined;
      }
      const touchEveryMs = Math.min(TOUCH_INTERVAL_MS, settings.sessionIdleTtlMs / 10);
      if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) await store.repos.sessions.touch(session.id, now);
      return { kind: 'user', userId: session.userId, sessionId: session.id };
    },

    async logout(actor: UserActor): Promise<void> {
      const now = clock.now();
      await store.transaction((tx) => credentialsChanged(tx, { kind: 'logout', userId: actor.userId, sessionId: actor.sessionId }, now));
    },
  };
}
