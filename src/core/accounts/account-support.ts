// Steps several account use cases take: mailing a link with a fresh single-use token, capping the
// mail anonymous requests cause, and counting password attempts before any hash is verified.
import { isIPv6 } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fail } from '../errors.js';
import { hashSecret, newSecret } from '../clock-random.js';
import type { MailTemplate } from '../mail/ports.js';
import { queueMail } from '../mail/outbox.js';
import type { Repos, Tx } from '../store.js';
import type { AccountsDeps, RequestContext } from './accounts.js';
import type { TokenPurpose, UserRecord } from './ports.js';
import { newId } from '../clock-random.js';
import { toPublicUser } from './accounts.js';

const HOUR_MS = 3_600_000;

/** How long every attempt on an account waits once the account as a whole saw too many failures. */
const ACCOUNT_SLOW_DOWN_MS = 1_000;

/** From all client addresses together, one recipient gets this many times the per-address mail cap. */
const MAIL_CAP_ALL_ADDRESSES_FACTOR = 4;

/**
 * The client a per-address limit counts. An IPv6 client is its /64: whoever has one address of a
 * network has all 2^64 of them, so counting each apart would make the limit meaningless. An
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is the IPv4 client it maps.
 */
function throttledClient(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return ip;
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => {
    if (part === '') return [];
    const out = part.split(':');
    // An embedded IPv4 tail (`::1.2.3.4`) is two groups.
    if (out.at(-1)!.includes('.')) out.splice(-1, 1, '0', '0');
    return out;
  };
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** The user's active organization, or (if none, or no longer theirs) their first one. */
async function ensureActiveOrganization(repos: Repos, user: UserRecord, now: Date): Promise<string | null> {
  const memberships = await repos.memberships.listOfUser(user.id);
  if (user.activeOrgId && memberships.some((m) => m.orgId === user.activeOrgId)) return user.activeOrgId;
  const fallback = memberships[0]?.orgId ?? null;
  await repos.users.update(user.id, { activeOrgId: fallback }, now);
  return fallback;
}

export function createAccountSupport(deps: Pick<AccountsDeps, 'store' | 'hasher' | 'mail' | 'random' | 'settings' | 'clock'>) {
  const { store, hasher, mail, random, settings, clock } = deps;

  const retryAfter = (resetAt: Date, now: Date) => Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));

  /**
   * Reserves one password attempt before any hash is verified, in one atomic statement, so that
   * parallel guesses are counted exactly like sequential ones.
   *
   * A login is refused (429) by the failures of *this* client address on *this* account
   * (`LOGIN_MAX_ATTEMPTS`) or by all attempts of this address (`LOGIN_IP_MAX_ATTEMPTS`), never by
   * what others did: an attacker cannot lock out an owner who signs in from their own network.
   * The account as a whole (all addresses, `LOGIN_ACCOUNT_SLOW_AFTER`) only slows down: past it,
   * every attempt waits ACCOUNT_SLOW_DOWN_MS first. Without a client (a signed-in user confirming with
   * their password) the budget is the account's own and no anonymous caller can spend it.
   */
  async function reserveAttempt(email: string, ctx: RequestContext | undefined, now: Date) {
    const windowMs = settings.loginThrottleWindowMs;
    if (!ctx) {
      const own = await store.repos.throttle.hit(`reauth:${email}`, now, windowMs);
      if (own.count > settings.loginMaxAttemptsPerAccount) fail('auth.throttled', { retryAfterSeconds: retryAfter(own.resetAt, now) });
      return {
        async succeeded() {
          await store.repos.throttle.reset(`reauth:${email}`);
        },
      };
    }
    const client = throttledClient(ctx.ip);
    const ipKey = `login:ip:${client}`;
    const pairKey = `login:account:${email}|${client}`;
    const pair = await store.repos.throttle.hit(pairKey, now, windowMs);
    const ip = await store.repos.throttle.hit(ipKey, now, windowMs);
    const blocked = [
      pair.count > settings.loginMaxAttemptsPerAccount ? pair.resetAt : undefined,
      ip.count > settings.loginMaxAttemptsPerIp ? ip.resetAt : undefined,
    ].filter((d): d is Date => d !== undefined);
    if (blocked.length > 0)
      fail('auth.throttled', { retryAfterSeconds: retryAfter(new Date(Math.max(...blocked.map((d) => d.getTime()))), now) });
    // Counted only for attempts that get this far: refused ones test no password.
    const account = await store.repos.throttle.hit(`login:account:${email}`, now, windowMs);
    if (account.count > settings.loginAccountSlowAfter) await sleep(ACCOUNT_SLOW_DOWN_MS);
    return {
      async succeeded() {
        await store.repos.throttle.reset(pairKey);
        await store.repos.throttle.reset(`login:account:${email}`);
        await store.repos.throttle.refund(ipKey);
      },
    };
  }

  /** Per-client-address limits on anonymous requests that cost us work (IPv6 by /64). */
  async function limitClient(kind: 'signup' | 'reset' | 'reset-confirm', ctx: RequestContext | undefined, limit: number, now: Date) {
    if (!ctx) return;
    const { count, resetAt } = await store.repos.throttle.hit(`${kind}:ip:${throttledClient(ctx.ip)}`, now, HOUR_MS);
    if (count > limit) fail('request.throttled', { detail: kind, retryAfterSeconds: retryAfter(resetAt, now) });
  }

  /**
   * A new session for a user who proved who they are (`amr`: how): what every way of signing in
   * (password, password and second factor, passkey) ends with.
   */
  async function openSession(user: UserRecord, amr: readonly string[], ctx: RequestContext, now: Date) {
    const token = newSecret(random);
    const session = {
      id: newId('ses', clock, random),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + settings.sessionMaxAgeMs),
      amr,
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
  }

  return {
    openSession,

    /** A page of the web UI that takes a mailed token. */
    link: (page: string, token: string) => `${settings.publicUrl}/${page}?token=${encodeURIComponent(token)}`,

    async issueToken(tx: Repos, purpose: TokenPurpose, userId: string, email: string, ttlMs: number, now: Date) {
      const token = newSecret(random);
      await tx.tokens.insert({
        tokenHash: hashSecret(token),
        purpose,
        userId,
        email,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      });
      return token;
    },

    send: (tx: Tx, template: MailTemplate, now: Date) => queueMail(tx, mail.render(template), now),

    /**
     * Mails triggered by anonymous requests are capped per recipient, so nobody can mail-bomb an
     * address through us: `MAILS_PER_RECIPIENT_PER_HOUR` per recipient and client address, and
     * MAIL_CAP_ALL_ADDRESSES_FACTOR times that from all addresses together (counted only for mails
     * the per-address cap let through, so one network cannot use up the total). These budgets are
     * not the invitations' (`mail:<address>`): an anonymous caller cannot block an Admin's invitation.
     */
    async mayMail(address: string, now: Date, ctx?: RequestContext): Promise<boolean> {
      const client = ctx ? throttledClient(ctx.ip) : 'signed-in';
      const perClient = await store.repos.throttle.hit(`mail:anon:${address}|${client}`, now, HOUR_MS);
      if (perClient.count > settings.mailsPerRecipientPerHour) return false;
      const total = await store.repos.throttle.hit(`mail:anon:${address}`, now, HOUR_MS);
      return total.count <= settings.mailsPerRecipientPerHour * MAIL_CAP_ALL_ADDRESSES_FACTOR;
    },

    limitClient,

    /** Lifts every login lock on the account (its owner just proved control of the mailbox). */
    async liftLoginLocks(email: string) {
      await store.repos.throttle.reset(`login:account:${email}`);
      await store.repos.throttle.resetPrefix(`login:account:${email}|`);
    },

    reserveAttempt,

    /** A signed-in user confirms a sensitive change with their password (counted like a login). */
    async verifyOwnPassword(user: UserRecord, password: string, now: Date) {
      const attempt = await reserveAttempt(user.email, undefined, now);
      if (!(await hasher.verify(user.passwordHash, password))) fail('auth.wrong_password');
      await attempt.succeeded();
    },

    /** The signed-in user's account; gone meanwhile (deleted) is the same as signed out. */
    async getUser(userId: string): Promise<UserRecord> {
      return (await store.repos.users.findById(userId)) ?? fail('auth.unauthenticated', { detail: `user ${userId} gone` });
    },
  };
}

export type AccountSupport = ReturnType<typeof createAccountSupport>;
