// What the accounts use cases need from the store: users, their sessions and mailed single-use
// tokens, and the password hasher.
import type { Locale } from '../locale.js';

export interface UserRecord {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  activeOrgId: string | null;
  /** The language the user reads Gatehouse in: every mail to them is written in it. */
  locale: Locale;
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** How the session was signed in (`pwd`, `otp`, `hwk`, `swk`: core/mfa/amr.ts). */
  amr: readonly string[];
}

export type TokenPurpose = 'verify_email' | 'password_reset' | 'email_change';

export interface TokenRecord {
  purpose: TokenPurpose;
  userId: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface UsersRepo {
  /** Inserts the user; `false` when the e-mail address is already taken (unique constraint). */
  insert(user: Omit<UserRecord, 'activeOrgId'> & { activeOrgId: string | null }): Promise<boolean>;
  findById(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  /** Row lock on the user: serialises every change that must see the user's memberships unchanged. */
  lock(id: string): Promise<UserRecord | undefined>;
  /** Row locks on several users, taken in id order (after any organization locks). */
  lockMany(ids: readonly string[]): Promise<string[]>;
  update(
    id: string,
    patch: Partial<Pick<UserRecord, 'firstName' | 'lastName' | 'passwordHash' | 'emailVerifiedAt' | 'activeOrgId' | 'locale'>>,
    now: Date,
  ): Promise<void>;
  /** Changes the address and marks it verified; fails with `account.email_taken` when another account holds it. */
  changeEmail(id: string, email: string, now: Date): Promise<void>;
  /** Deletes the user's row; sessions, tokens and memberships go with it (foreign keys). */
  delete(id: string): Promise<void>;
  /**
   * Accounts never verified, created before `createdBefore`, with no live verification link left:
   * what the maintenance job purges (at most `limit` ids).
   */
  listUnverifiedWithoutLink(createdBefore: Date, now: Date, limit: number): Promise<string[]>;
  /** The invitation a newcomer signed up from, to accept once the address is verified. */
  rememberSignupInvitation(userId: string, invitationId: string): Promise<void>;
  /** The invitation a user signed up from, forgotten as it is read. */
  takeSignupInvitation(userId: string): Promise<string | undefined>;
}

export interface SessionsRepo {
  insert(session: SessionRecord & { tokenHash: string; ip: string | null; userAgent: string | null }): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  touch(id: string, now: Date): Promise<void>;
  /** Records that the session proved another method (a second factor enrolled through it). */
  addMethod(id: string, method: string): Promise<void>;
  delete(id: string): Promise<void>;
  deleteAllOfUser(userId: string, exceptSessionId?: string): Promise<number>;
  deleteExpired(now: Date, idleTtlMs: number): Promise<number>;
}

export interface TokensRepo {
  insert(token: TokenRecord & { tokenHash: string }): Promise<void>;
  /**
   * Marks the token used and returns it, in one statement, only if it exists, has this purpose, is
   * unused and unexpired: of any number of concurrent attempts exactly one gets the record.
   */
  consume(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<TokenRecord | undefined>;
  /** The token if it exists, has this purpose, is unused and unexpired; nothing is changed. */
  findLive(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<TokenRecord | undefined>;
  /** Kills the user's outstanding tokens of a purpose (a newer link supersedes older ones). */
  invalidate(userId: string, purpose: TokenPurpose, now: Date): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * A hash an anonymous request asks for (sign-up, reset confirmation): it may hold only a small
   * share of the hashing capacity, so an anonymous storm cannot starve logins (`service.busy` past it).
   */
  hashAnonymous(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of a verification without an account, so unknown e-mails cost the same. */
  verifyDummy(password: string): Promise<void>;
  /** True when a verification asked for now would be refused (`service.busy`): every slot and queue place taken. */
  saturated(): boolean;
}
