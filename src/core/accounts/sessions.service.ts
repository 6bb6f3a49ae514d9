// Signing in and out: login (throttled, every failure alike), resolving a session token on each
// request, logout.
import { fail } from '../errors.js';
import { hashSecret, newSecret } from '../clock-random.js';
import type { UserActor } from '../actor.js';
import { requireEmail, type AccountsDeps, type RequestContext } from './accounts.js';
import type { AccountSupport } from './account-support.js';
import { credentialsChanged } from './credential-events.js';
import { proofCount, type FactorProof, type SecondFactors } from './second-factors.js';
import type { FactorSummary } from '../mfa/ports.js';

/**
 * Session refreshes are written at most this often, so a busy client does not write on every
 * request; never more than a tenth of the idle limit, or activity could not keep a session with a
 * short limit alive (with SESSION_IDLE_TTL=30s no request would ever refresh it).
 */
const TOUCH_INTERVAL_MS = 60_000;

/** How long a sign-in waits for its second factor (IDENTITY.md: 5 minutes, 5 tries). */
const MFA_TOKEN_TTL_MS = 5 * 60_000;
const MFA_TOKEN_MAX_ATTEMPTS = 5;

export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';

/** The ways the user can give their second factor, in the order the sign-in page offers them. */
function methodsOf(f: FactorSummary): SecondFactorMethod[] {
  const methods: SecondFactorMethod[] = [];
  if (f.totp) methods.push('totp');
  if (f.passkeys > 0) methods.push('passkey');
  if (f.recoveryCodesLeft > 0) methods.push('recovery_code');
  return methods;
}

export function createSessionsService(
  deps: Pick<AccountsDeps, 'store' | 'hasher' | 'clock' | 'random' | 'settings'>,
  support: AccountSupport,
  factors: SecondFactors,
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
      // Only someone holding the right password learns whether the account has a second factor.
      const factors = await store.repos.mfa.summary(user.id);
      if (factors.totp || factors.passkeys > 0) {
        // The attempt stays counted until the second factor is right too: otherwise whoever knows
        // the password could clear the throttle before each round of guessed codes.
        const mfaToken = newSecret(random);
        await store.repos.mfa.insertChallenge(
          hashSecret(mfaToken),
          { purpose: 'mfa_login', userId: user.id, challenge: null, attempts: 0, expiresAt: new Date(now.getTime() + MFA_TOKEN_TTL_MS) },
          now,
        );
        return { mfaRequired: true as const, mfaToken, methods: methodsOf(factors) };
      }
      await attempt.succeeded();
      return support.openSession(user, ['pwd'], ctx, now);
    },

    /**
     * The second step of a sign-in with a second factor: the `mfaToken` of a right password (5
     * minutes, 5 tries) and one proof. Every try is counted against the login throttle before it
     * is checked, like a password (parallel guesses are counted exactly like sequential ones).
     */
    async loginWithSecondFactor(input: { mfaToken: string } & FactorProof, ctx: RequestContext) {
      if (proofCount(input) !== 1)
        fail('request.invalid', {
          errors: [{ field: '/', rule: 'oneOf', message: 'Give exactly one of code, recoveryCode or passkeyResponse.' }],
        });
      const now = clock.now();
      const handle = hashSecret(input.mfaToken);
      const pending = await store.repos.mfa.attemptChallenge(handle, 'mfa_login', now, MFA_TOKEN_MAX_ATTEMPTS);
      const user = pending?.userId ? await store.repos.users.findById(pending.userId) : undefined;
      if (!user) fail('auth.mfa_token_invalid');
      const attempt = await support.reserveAttempt(user.email, ctx, now);
      const method = (await factors.verifyFactor(user.id, input, now)) ?? fail('auth.invalid_second_factor');
      // Single use: of two right answers at once, one signs in.
      if (!(await store.repos.mfa.consumeChallenge(handle, 'mfa_login', now))) fail('auth.mfa_token_invalid');
      await attempt.succeeded();
      return support.openSession(user, ['pwd', method], ctx, now);
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
      return { kind: 'user', userId: session.userId, sessionId: session.id, amr: session.amr };
    },

    async logout(actor: UserActor): Promise<void> {
      const now = clock.now();
      await store.transaction((tx) => credentialsChanged(tx, { kind: 'logout', userId: actor.userId, sessionId: actor.sessionId }, now));
    },
  };
}
