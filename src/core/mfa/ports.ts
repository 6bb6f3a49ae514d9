// What the second-factor use cases need from the store: a user's TOTP authenticator, recovery codes
// and passkeys, and the short-lived single-use state of sign-ins and WebAuthn ceremonies.

export interface TotpRecord {
  userId: string;
  secretSealed: string;
  createdAt: Date;
  /** `null`: enrolment started, not confirmed by a first code yet. */
  enabledAt: Date | null;
  /** The newest 30-second step a code was accepted for (codes of it or older are refused). */
  lastStep: number | null;
}

export interface PasskeyRecord {
  id: string;
  userId: string;
  /** base64url, as WebAuthn names it. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** `singleDevice` (bound to its authenticator) or `multiDevice` (synced). */
  deviceType: string;
  backedUp: boolean;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type ChallengePurpose = 'mfa_login' | 'passkey_register' | 'passkey_login';

export interface ChallengeRecord {
  purpose: ChallengePurpose;
  userId: string | null;
  challenge: string | null;
  attempts: number;
  expiresAt: Date;
}

/** Which factors a user has: what `GET /me` shows and what sign-in asks for. */
export interface FactorSummary {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export interface MfaRepo {
  summary(userId: string): Promise<FactorSummary>;

  findTotp(userId: string): Promise<TotpRecord | undefined>;
  /** Starts (or restarts) an enrolment: the row, not enabled. Refused by the caller when enabled. */
  putPendingTotp(userId: string, secretSealed: string, now: Date): Promise<void>;
  enableTotp(userId: string, step: number, now: Date): Promise<void>;
  /**
   * Records that a code of `step` was accepted, only if no code of this step or a later one was:
   * of two requests with the same code exactly one gets `true` (no replay within the window).
   */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
  deleteTotp(userId: string): Promise<boolean>;

  /** Replaces every recovery code of the user by these (hashes). */
  replaceRecoveryCodes(userId: string, codeHashes: readonly string[], now: Date): Promise<void>;
  /** Marks the code used, in one statement: `true` for exactly one of any concurrent uses. */
  spendRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean>;
  deleteRecoveryCodes(userId: string): Promise<void>;

  insertPasskey(p: PasskeyRecord): Promise<boolean>;
  listPasskeys(userId: string): Promise<PasskeyRecord[]>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | undefined>;
  /** Scoped to the user: another person's passkey id is not found. */
  renamePasskey(userId: string, id: string, name: string): Promise<PasskeyRecord | undefined>;
  deletePasskey(userId: string, id: string): Promise<PasskeyRecord | undefined>;
  /** Records a use; the counter only ever grows (a clone's older counter is refused by the caller). */
  recordPasskeyUse(id: string, counter: number, now: Date): Promise<void>;
  deleteAllPasskeys(userId: string): Promise<number>;

  insertChallenge(handleHash: string, c: ChallengeRecord, now: Date): Promise<void>;
  /** The live challenge (unused, unexpired), unchanged. */
  findChallenge(handleHash: string, purpose: ChallengePurpose, now: Date): Promise<ChallengeRecord | undefined>;
  /**
   * Counts one attempt on a live challenge of this purpose (unused, unexpired, below `maxAttempts`)
   * and returns it; `undefined` when there is none. One statement: parallel attempts are counted exactly.
   */
  attemptChallenge(handleHash: string, purpose: ChallengePurpose, now: Date, maxAttempts: number): Promise<ChallengeRecord | undefined>;
  /** Uses the challenge up: `undefined` unless it was live (exactly one of concurrent uses gets it). */
  consumeChallenge(handleHash: string, purpose: ChallengePurpose, now: Date): Promise<ChallengeRecord | undefined>;
  deleteExpiredChallenges(now: Date): Promise<number>;

  /** Members of the organization without any second factor. */
  countMembersWithoutFactor(orgId: string): Promise<number>;
}
