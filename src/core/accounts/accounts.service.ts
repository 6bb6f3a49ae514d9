// Sign-up, e-mail verification, login and sessions, password reset and change, e-mail change,
// profile, active organization and account deletion. Every answer that could reveal whether an
// address has an account is identical for both cases, in content and (as far as we can) timing.
import { isIPv6 } from 'node:net';
import { fail } from '../errors.js';
import type { Clock, Random } from '../clock-random.js';
import { hashSecret, newId, newSecret } from '../clock-random.js';
import { normalizeEmail } from '../email.js';
import { checkPassword, type PasswordPolicyMode } from '../passwords/password-policy.js';
import { defaultOrganizationName, type MembershipRules } from '../organizations/membership-rules.js';
import type { AuditLog } from '../audit/audit.js';
import type { MailRenderer, MailTemplate, MembershipSummary, PasswordHasher, Repos, Store, TokenPurpose, UserRecord } from '../ports.js';
import { ADDRESS_REQUEST_FLOOR_MS, withTimingFloor } from './timing-floor.js';
import { endOpenIdConnectState } from '../oidc/credential-events.js';

export interface AccountsSettings {
  publicUrl: string;
  passwordPolicy: PasswordPolicyMode;
  sessionIdleTtlMs: number;
  sessionMaxAgeMs: number;
  verifyEmailTtlMs: number;
  passwordResetTtlMs: number;
  emailChangeTtlMs: number;
  loginMaxAttemptsPerAccount: number;
  loginMaxAttemptsPerIp: number;
  loginThrottleWindowMs: number;
  mailsPerRecipientPerHour: number;
}

export interface AccountsDeps {
  store: Store;
  hasher: PasswordHasher;
  mail: MailRenderer;
  clock: Clock;
  random: Random;
  settings: AccountsSettings;
  rules: MembershipRules;
  audit: AuditLog;
  /** Called with the user id when a signed-up user verified their address (invitations hook in here). */
  afterEmailVerified?: (userId: string) => Promise<void>;
  /** Remembers the invitation a newcomer signed up from, to accept it once the address is verified. */
  onSignupWithInvitation?: (repos: Repos, userId: string, email: string, invitationToken: string, now: Date) => Promise<void>;
}

/** Who is calling: a signed-in user through one session. */
export interface UserActor {
  kind: 'user';
  userId: string;
  sessionId: string;
  /** The request acting, recorded with each audit event it causes. */
  requestId?: string | undefined;
}

export interface RequestContext {
  ip: string;
  userAgent?: string | undefined;
}

export interface PublicUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  emailVerified: boolean;
  createdAt: Date;
}

export interface MeView {
  user: PublicUser;
  activeOrganizationId: string | null;
  organizations: { id: string; name: string; role: { id: string; name: string } }[];
}

export const toPublicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  emailVerified: u.emailVerifiedAt !== null,
  createdAt: u.createdAt,
});

/**
 * Session refreshes are written at most this often, so a busy client does not write on every
 * request; never more than a tenth of the idle limit, or activity could not keep a session with a
 * short limit alive (with SESSION_IDLE_TTL=30s no request would ever refresh it).
 */
const TOUCH_INTERVAL_MS = 60_000;
const CONTROL_CHARACTER = /\p{Cc}/u;
const HOUR_MS = 3_600_000;

/**
 * The client a per-address limit counts. An IPv6 client is its /64: whoever has one address of a
 * network has all 2^64 of them, so counting each apart would make the limit meaningless. An
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is the IPv4 client it maps.
 */
export function throttledClient(ip: string): string {
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

export function createAccountsService(deps: AccountsDeps) {
  const { store, hasher, mail, clock, random, settings } = deps;
  const link = (page: string, token: string) => `${settings.publicUrl}/${page}?token=${encodeURIComponent(token)}`;

  function requireEmail(address: string, field = '/email'): string {
    // Control characters are no part of an address (RFC 5321), and PostgreSQL refuses a NUL in
    // text: without this check such an address would reach the database and end as a 500.
    const email = CONTROL_CHARACTER.test(address) ? undefined : normalizeEmail(address);
    return email ?? fail('request.invalid', { errors: [{ field, rule: 'format', message: 'Enter a valid e-mail address.' }] });
  }

  /** Names are shown in mails and lists: line breaks, NUL (a 500 from PostgreSQL) and other control characters are refused. */
  function requirePlainNames(names: { firstName?: string | undefined; lastName?: string | undefined }) {
    const errors = (['firstName', 'lastName'] as const)
      .filter((key) => names[key] !== undefined && CONTROL_CHARACTER.test(names[key]))
      .map((key) => ({ field: `/${key}`, rule: 'pattern', message: 'Must not contain line breaks or other control characters.' }));
    if (errors.length > 0) fail('request.invalid', { errors });
  }

  function requireStrongPassword(password: string, field: string, email?: string) {
    const problems = checkPassword(password, settings.passwordPolicy, { field, email });
    if (problems.length > 0) fail('password.too_weak', { errors: problems });
  }

  async function issueToken(repos: Repos, purpose: TokenPurpose, userId: string, email: string, ttlMs: number, now: Date) {
    const token = newSecret(random);
    await repos.tokens.insert({ tokenHash: hashSecret(token), purpose, userId, email, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
    return token;
  }

  async function send(repos: Repos, template: MailTemplate, now: Date) {
    await repos.outbox.enqueue(mail.render(template), now);
  }

  /** Mails triggered by anonymous requests are capped per recipient, so nobody can mail-bomb an address through us. */
  async function mayMail(address: string, now: Date): Promise<boolean> {
    const { count } = await store.repos.throttle.hit(`mail:${address}`, now, HOUR_MS);
    return count <= settings.mailsPerRecipientPerHour;
  }

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

  async function verifyOwnPassword(user: UserRecord, password: string, now: Date) {
    const attempt = await reserveAttempt(user.email, undefined, now);
    if (!(await hasher.verify(user.passwordHash, password))) fail('auth.wrong_password');
    await attempt.succeeded();
  }

  async function getUser(userId: string): Promise<UserRecord> {
    return (await store.repos.users.findById(userId)) ?? fail('auth.unauthenticated', { detail: `user ${userId} gone` });
  }

  return {

    async signup(input: { email: string; password: string; firstName: string; lastName: string; invitationToken?: string | undefined }): Promise<void> {
      const email = requireEmail(input.email);
      requirePlainNames(input);
      requireStrongPassword(input.password, '/password', email);
      const now = clock.now();
      // Hash before looking the address up: a taken address must cost the same time as a free one.
      const passwordHash = await hasher.hash(input.password);
      // After the hash, only a new account costs database work (user, organization, token): the
      // same floor as reset and resend keeps that from telling a taken address from a free one.
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const existing = await store.repos.users.findByEmail(email);
        if (existing) {
          if (await mayMail(email, now)) {
            await store.transaction((repos) =>
              send(repos, { kind: 'signup_existing_account', to: email, firstName: existing.firstName, loginLink: `${settings.publicUrl}/login`, resetLink: `${settings.publicUrl}/forgot-password` }, now),
            );
          }
          return;
        }
        await store.transaction(async (repos) => {
          const userId = newId('usr', clock, random);
          const inserted = await repos.users.insert({
            id: userId, email, firstName: input.firstName, lastName: input.lastName, passwordHash,
            emailVerifiedAt: null, activeOrgId: null, createdAt: now,
          });
          // Lost a race with a concurrent sign-up of the same address: that one owns it; answer alike.
          if (!inserted) return;
          const orgId = await deps.rules.createOrganization(repos, { id: userId }, defaultOrganizationName(input.firstName), now, { userId });
          await repos.users.update(userId, { activeOrgId: orgId }, now);
          if (input.invitationToken) await deps.onSignupWithInvitation?.(repos, userId, email, input.invitationToken, now);
          const token = await issueToken(repos, 'verify_email', userId, email, settings.verifyEmailTtlMs, now);
          await send(repos, { kind: 'verify_email', to: email, firstName: input.firstName, link: link('verify-email', token) }, now);
        });
      });
    },

    async verifyEmail(input: { token: string }): Promise<PublicUser> {
      const now = clock.now();
      const user = await store.transaction(async (repos) => {
        const token = (await repos.tokens.consume(hashSecret(input.token), 'verify_email', now)) ?? fail('token.invalid');
        const user = await repos.users.lock(token.userId);
        // The address changed since the link was sent: the link proves nothing about the new one.
        if (!user || user.email !== token.email) fail('token.invalid', { detail: 'address changed since the link was sent' });
        if (user.emailVerifiedAt === null) {
          user.emailVerifiedAt = now;
          await repos.users.update(user.id, { emailVerifiedAt: now }, now);
        }
        return user;
      });
      // A transaction of its own: accepting an invitation locks the organization before the user,
      // the lock order of every membership change.
      await deps.afterEmailVerified?.(user.id);
      return toPublicUser(user);
    },

    async resendVerification(input: { email: string }): Promise<void> {
      const email = requireEmail(input.email);
      const now = clock.now();
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const user = await store.repos.users.findByEmail(email);
        if (!user || user.emailVerifiedAt !== null || !(await mayMail(email, now))) return;
        await store.transaction(async (repos) => {
          await repos.tokens.invalidate(user.id, 'verify_email', now);
          const token = await issueToken(repos, 'verify_email', user.id, email, settings.verifyEmailTtlMs, now);
          await send(repos, { kind: 'verify_email', to: email, firstName: user.firstName, link: link('verify-email', token) }, now);
        });
      });
    },

    async login(input: { email: string; password: string }, ctx: RequestContext) {
      const email = requireEmail(input.email);
      // A login storm is shed before it costs anything: no attempt reserved (a refused request
      // tests no password, so it need not count), no database round trip, an answer in microseconds.
      if (hasher.saturated()) fail('service.busy', { detail: 'password hashing saturated', retryAfterSeconds: 1 });
      const now = clock.now();
      const attempt = await reserveAttempt(email, ctx, now);
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
        id: newId('ses', clock, random), userId: user.id, createdAt: now, lastSeenAt: now,
        expiresAt: new Date(now.getTime() + settings.sessionMaxAgeMs),
      };
      const activeOrganizationId = await store.transaction(async (repos) => {
        await repos.sessions.insert({ ...session, tokenHash: hashSecret(token), ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) ?? null });
        return ensureActiveOrganization(repos, user, now);
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
      await store.transaction(async (repos) => {
        await repos.sessions.delete(actor.sessionId);
        // Credential event (oidc-sec): ends the SSO signed in through this session, in this transaction.
        await endOpenIdConnectState(repos, { kind: 'signed_out', userId: actor.userId, sessionId: actor.sessionId });
      });
    },

    async requestPasswordReset(input: { email: string }): Promise<void> {
      const email = requireEmail(input.email);
      const now = clock.now();
      await withTimingFloor(ADDRESS_REQUEST_FLOOR_MS, async () => {
        const user = await store.repos.users.findByEmail(email);
        if (!user || !(await mayMail(email, now))) return;
        await store.transaction(async (repos) => {
          await repos.tokens.invalidate(user.id, 'password_reset', now);
          const token = await issueToken(repos, 'password_reset', user.id, email, settings.passwordResetTtlMs, now);
          await send(repos, { kind: 'password_reset', to: email, firstName: user.firstName, link: link('reset-password', token) }, now);
        });
      });
    },

    async confirmPasswordReset(input: { token: string; password: string }): Promise<void> {
      const now = clock.now();
      // One policy for sign-up, change and reset, the e-mail rule included. That rule needs the
      // account, which only the link names, so the whole policy is checked inside the transaction,
      // after the link: a refusal rolls the consumption back and a weak choice does not burn it (a
      // dead link is reported as such, whatever the password). Hashing happens before, outside
      // the transaction, and only for a password that can pass.
      const passesWithoutEmail = checkPassword(input.password, settings.passwordPolicy, { field: '/password' }).length === 0;
      const passwordHash = passesWithoutEmail ? await hasher.hash(input.password) : undefined;
      const email = await store.transaction(async (repos) => {
        const token = (await repos.tokens.consume(hashSecret(input.token), 'password_reset', now)) ?? fail('token.invalid');
        const user = await repos.users.lock(token.userId);
        if (!user || user.email !== token.email) fail('token.invalid', { detail: 'address changed since the link was sent' });
        requireStrongPassword(input.password, '/password', user.email);
        if (passwordHash === undefined) throw new Error('unreachable: the policy with the e-mail is stricter than without');
        // Following the mailed link proves control of the address, so it counts as verified.
        await repos.users.update(user.id, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now }, now);
        await repos.sessions.deleteAllOfUser(user.id);
        // Credential event (oidc-sec): ends the user's SSO sessions and tokens, in this transaction.
        await endOpenIdConnectState(repos, { kind: 'password_reset', userId: user.id });
        await repos.tokens.invalidate(user.id, 'password_reset', now);
        await send(repos, { kind: 'password_changed', to: user.email, firstName: user.firstName }, now);
        return user.email;
      });
      // The owner just proved control of the mailbox: lift a lockout an attacker may have caused.
      await store.repos.throttle.reset(`login:account:${email}`);
    },

    async getMe(actor: UserActor): Promise<MeView> {
      const user = await getUser(actor.userId);
      const memberships = await store.repos.memberships.listOfUser(user.id);
      return meView(user, memberships);
    },

    async updateMe(actor: UserActor, input: { firstName?: string | undefined; lastName?: string | undefined }): Promise<PublicUser> {
      requirePlainNames(input);
      const now = clock.now();
      return store.transaction(async (repos) => {
        const user = (await repos.users.lock(actor.userId)) ?? fail('auth.unauthenticated');
        await repos.users.update(user.id, { firstName: input.firstName, lastName: input.lastName }, now);
        return toPublicUser({ ...user, firstName: input.firstName ?? user.firstName, lastName: input.lastName ?? user.lastName });
      });
    },

    async changePassword(actor: UserActor, input: { currentPassword: string; newPassword: string }): Promise<void> {
      const now = clock.now();
      const user = await getUser(actor.userId);
      await verifyOwnPassword(user, input.currentPassword, now);
      requireStrongPassword(input.newPassword, '/newPassword', user.email);
      const passwordHash = await hasher.hash(input.newPassword);
      await store.transaction(async (repos) => {
        await repos.users.update(user.id, { passwordHash }, now);
        await repos.sessions.deleteAllOfUser(user.id, actor.sessionId);
        // Credential event (oidc-sec): ends the user's SSO sessions and tokens, in this transaction.
        await endOpenIdConnectState(repos, { kind: 'password_changed', userId: user.id });
        await repos.tokens.invalidate(user.id, 'password_reset', now);
        await send(repos, { kind: 'password_changed', to: user.email, firstName: user.firstName }, now);
      });
    },

    async requestEmailChange(actor: UserActor, input: { newEmail: string; password: string }): Promise<void> {
      const now = clock.now();
      const user = await getUser(actor.userId);
      const newEmail = requireEmail(input.newEmail, '/newEmail');
      await verifyOwnPassword(user, input.password, now);
      if (newEmail === user.email) fail('account.same_email');
      const taken = await store.repos.users.findByEmail(newEmail);
      const tellOwner = taken !== undefined && (await mayMail(newEmail, now));
      await store.transaction(async (repos) => {
        if (taken) {
          // Do not tell the requester that the address has an account; tell its owner instead.
          if (tellOwner) await send(repos, { kind: 'email_change_taken', to: newEmail }, now);
        } else {
          await repos.tokens.invalidate(user.id, 'email_change', now);
          const token = await issueToken(repos, 'email_change', user.id, newEmail, settings.emailChangeTtlMs, now);
          await send(repos, { kind: 'email_change_confirm', to: newEmail, firstName: user.firstName, link: link('confirm-email-change', token) }, now);
        }
        // As in Proficloud: requesting the change signs the user out everywhere.
        await repos.sessions.deleteAllOfUser(user.id);
        // Credential event (oidc-sec): ends the user's SSO sessions and tokens, in this transaction.
        await endOpenIdConnectState(repos, { kind: 'email_change_requested', userId: user.id });
      });
    },

    async confirmEmailChange(input: { token: string }): Promise<PublicUser> {
      const now = clock.now();
      return store.transaction(async (repos) => {
        const token = (await repos.tokens.consume(hashSecret(input.token), 'email_change', now)) ?? fail('token.invalid');
        const user = (await repos.users.lock(token.userId)) ?? fail('token.invalid');
        const oldEmail = user.email;
        await repos.users.changeEmail(user.id, token.email, now);
        await repos.sessions.deleteAllOfUser(user.id);
        // Credential event (oidc-sec): ends the user's SSO sessions and tokens, in this transaction.
        await endOpenIdConnectState(repos, { kind: 'email_changed', userId: user.id });
        // Links sent to the old address must not work for the new one.
        for (const purpose of ['verify_email', 'password_reset', 'email_change'] as const) await repos.tokens.invalidate(user.id, purpose, now);
        await send(repos, { kind: 'email_changed_notice', to: oldEmail, firstName: user.firstName, newEmail: token.email }, now);
        return toPublicUser({ ...user, email: token.email, emailVerifiedAt: now });
      });
    },

    async setActiveOrganization(actor: UserActor, input: { organizationId: string }): Promise<MeView> {
      const now = clock.now();
      await store.transaction(async (repos) => {
        const member = await repos.memberships.findOne(input.organizationId, actor.userId);
        if (!member) fail('organization.not_found');
        await repos.users.update(actor.userId, { activeOrgId: input.organizationId }, now);
      });
      const user = await getUser(actor.userId);
      return meView(user, await store.repos.memberships.listOfUser(user.id));
    },

    /**
     * Deletes the account. Refused while the user is the only Admin of an organization that has
     * other members; organizations where the user is the only member go with the account.
     */
    async deleteAccount(actor: UserActor, input: { password: string }): Promise<void> {
      const now = clock.now();
      const user = await getUser(actor.userId);
      await verifyOwnPassword(user, input.password, now);
      await store.transaction(async (repos) => {
        // Lock order (membership-rules.ts): the user's organizations, then the user. The set is read
        // before the locks; should it change meanwhile (an invitation accepted), start over.
        let orgIds = await repos.memberships.orgIdsOfUser(user.id);
        for (;;) {
          await repos.organizations.lock(orgIds);
          if (!(await repos.users.lock(user.id))) return;
          const current = await repos.memberships.orgIdsOfUser(user.id);
          if (current.join() === orgIds.join()) break;
          orgIds = current;
        }
        const orphaned: string[] = [];
        for (const orgId of orgIds) {
          const org = (await repos.organizations.find(orgId))!;
          const access = await repos.memberships.findAccess(orgId, user.id);
          if (org.memberCount === 1) continue;
          if (access?.isAdmin && (await repos.memberships.countAdmins(orgId)) === 1) orphaned.push(orgId);
        }
        if (orphaned.length > 0) {
          fail('member.last_admin', {
            detail: `orgs=${orphaned.join(',')}`,
            publicDetail: 'You are the only Admin of an organization that has other members. Make another member Admin first, or remove the members.',
          });
        }
        for (const orgId of orgIds) {
          const org = (await repos.organizations.find(orgId))!;
          if (org.memberCount === 1) {
            await deps.audit.record(repos, actor, { orgId, action: 'organization.deleted', target: { type: 'organization', id: orgId }, before: { name: org.name, memberCount: 1 }, details: { reason: 'account_deleted' } }, now);
            await repos.organizations.delete(orgId);
          } else {
            await deps.audit.record(repos, actor, { orgId, action: 'member.left', target: { type: 'member', id: user.id }, details: { reason: 'account_deleted' } }, now);
          }
        }
        await repos.users.delete(user.id);
        // Credential event (oidc-sec): ends the user's SSO sessions and tokens, in this transaction.
        await endOpenIdConnectState(repos, { kind: 'account_deleted', userId: user.id });
      });
    },
  };

  async function ensureActiveOrganization(repos: Repos, user: UserRecord, now: Date): Promise<string | null> {
    const memberships = await repos.memberships.listOfUser(user.id);
    if (user.activeOrgId && memberships.some((m) => m.orgId === user.activeOrgId)) return user.activeOrgId;
    const fallback = memberships[0]?.orgId ?? null;
    await repos.users.update(user.id, { activeOrgId: fallback }, now);
    return fallback;
  }

  function meView(user: UserRecord, memberships: MembershipSummary[]): MeView {
    const active = memberships.some((m) => m.orgId === user.activeOrgId) ? user.activeOrgId : (memberships[0]?.orgId ?? null);
    return {
      user: toPublicUser(user),
      activeOrganizationId: active,
      organizations: memberships.map((m) => ({ id: m.orgId, name: m.orgName, role: { id: m.roleId, name: m.roleName } })),
    };
  }
}

export type AccountsService = ReturnType<typeof createAccountsService>;
