// Steps several account use cases take: mailing a link with a fresh single-use token, capping the
// mail anonymous requests cause, and counting password attempts before any hash is verified.
import { isIPv6 } from 'node:net';
import { fail } from '../errors.js';
import { hashSecret, newSecret } from '../clock-random.js';
import type { MailTemplate } from '../mail/ports.js';
import { queueMail } from '../mail/outbox.js';
import type { Repos, Tx } from '../store.js';
import type { AccountsDeps, RequestContext } from './accounts.js';
import type { TokenPurpose, UserRecord } from './ports.js';

const HOUR_MS = 3_600_000;

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
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export function createAccountSupport(deps: Pick<AccountsDeps, 'store' | 'hasher' | 'mail' | 'random' | 'settings'>) {
  const { store, hasher, mail, random, settings } = deps;

  /**
   * Reserves one password attempt before any hash is verified, in one atomic statement, so that
   * parallel guesses are counted exactly like sequential ones.
   */
  async function reserveAttempt(email: string, ctx: RequestContext | undefined, now: Date) {
    const windowMs = settings.loginThrottleWindowMs;
    const ipKey = ctx ? `login:ip:${throttledClient(ctx.ip)}` : undefined;
    const account = await store.repos.throttle.hit(`login:account:${email}`, now, windowMs);
    const ip = ipKey ? await store.repos.throttle.hit(ipKey, now, windowMs) : undefined;
    const blocked = [
      account.count > settings.loginMaxAttemptsPerAccount ? account.resetAt : undefined,
      ip && ip.count > settings.loginMaxAttemptsPerIp ? ip.resetAt : undefined,
    ].filter((d): d is Date => d !== undefined);
    if (blocked.length > 0) {
      const until = Math.max(...blocked.map((d) => d.getTime()));
      fail('auth.throttled', { retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) });
    }
    return {
      async succeeded() {
        await store.repos.throttle.reset(`login:account:${email}`);
        if (ipKey) await store.repos.throttle.refund(ipKey);
      },
    };
  }

  return {
    /** A page of the web UI that takes a mailed token. */
    link: (page: string, token: string) => `${settings.publicUrl}/${page}?token=${encodeURIComponent(token)}`,

    async issueToken(tx: Repos, purpose: TokenPurpose, userId: string, email: string, ttlMs: number, now: Date) {
      const token = newSecret(random);
      await tx.tokens.insert({ tokenHash: hashSecret(token), purpose, userId, email, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
      return token;
    },

    send: (tx: Tx, template: MailTemplate, now: Date) => queueMail(tx, mail.render(template), now),

    /** Mails triggered by anonymous requests are capped per recipient, so nobody can mail-bomb an address through us. */
    async mayMail(address: string, now: Date): Promise<boolean> {
      const { count } = await store.repos.throttle.hit(`mail:${address}`, now, HOUR_MS);
      return count <= settings.mailsPerRecipientPerHour;
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
