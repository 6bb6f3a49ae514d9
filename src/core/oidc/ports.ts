// What the OpenID Connect part of the core needs from the store, used only by the provider and its
// CLI commands (each domain of the core keeps its ports beside it, as here).

export type OidcClientKind = 'confidential' | 'public' | 'service';

export interface OidcClientRecord {
  id: string;
  name: string;
  kind: OidcClientKind;
  /** SHA-256 (hex) of the client secret; `null` for public clients. */
  secretHash: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export interface OidcClientsRepo {
  insert(c: Omit<OidcClientRecord, 'revokedAt'>): Promise<void>;
  /** An active (not revoked) client. */
  findActive(id: string): Promise<OidcClientRecord | undefined>;
  list(): Promise<OidcClientRecord[]>;
  /** Marks the client revoked and deletes every grant, session entry and token issued to it. */
  revoke(id: string, now: Date): Promise<boolean>;
}

/** One stored object of the provider (session, grant, code, token, interaction…). */
export interface OidcStateRow {
  payload: Record<string, unknown>;
  consumedAt: Date | null;
}

export interface OidcStateRepo {
  upsert(kind: string, id: string, payload: Record<string, unknown>, expiresAt: Date | null): Promise<void>;
  /** `undefined` when unknown or expired. */
  find(kind: string, id: string, now: Date): Promise<OidcStateRow | undefined>;
  findByUid(kind: string, uid: string, now: Date): Promise<OidcStateRow | undefined>;
  findByUserCode(kind: string, userCode: string, now: Date): Promise<OidcStateRow | undefined>;
  /** Marks the object consumed, once: of concurrent calls, one changes the row. */
  consume(kind: string, id: string, now: Date): Promise<void>;
  destroy(kind: string, id: string): Promise<void>;
  revokeByGrantId(kind: string, grantId: string): Promise<void>;
  /** Records the organization a grant acts in (the grant's row must exist). */
  setGrantOrganization(grantId: string, orgId: string): Promise<void>;
  grantOrganization(grantId: string): Promise<string | undefined>;
  /**
   * Ends (as a credential event does) a grant with every code and token under it, and a provider
   * session: what an authorization issued when its Gatehouse session turned out to be gone.
   */
  endAuthorization(grantId: string | undefined, sessionUid: string): Promise<void>;
  /** Deletes expired provider objects and expired session links. */
  deleteExpired(now: Date): Promise<number>;
}

export type OidcKeyUse = 'sig' | 'cookie';

export interface StoredOidcKey {
  kid: string;
  use: OidcKeyUse;
  alg: string | null;
  /** The private key (or cookie secret), sealed: never plaintext. */
  sealed: string;
  /** Published from here… */
  createdAt: Date;
  /** …and used (to sign) from here. */
  activeFrom: Date;
}

export interface OidcKeysRepo {
  list(): Promise<StoredOidcKey[]>;
  insert(key: StoredOidcKey): Promise<void>;
  delete(kids: readonly string[]): Promise<void>;
  /** Runs `fn` in one transaction under a lock that serialises key creation across instances. */
  exclusive<T>(fn: (repo: OidcKeysRepo) => Promise<T>): Promise<T>;
}

/**
 * A user's OpenID Connect state as a whole, for the credential events of the accounts core: each
 * call runs inside the event's own transaction (`Repos.oidc`), so the state ends when, and only
 * if, the event commits.
 */
export interface OidcAccountStateRepo {
  /**
   * Ends every object the provider keeps for the user — provider sessions, grants, codes,
   * access and refresh tokens (offline ones included), interactions — and deletes the user's
   * session links. An ended object is never found again, nor written back by a provider write
   * racing the event. Returns the number of provider objects ended.
   */
  endAllOfUser(userId: string): Promise<number>;
  /**
   * Ends what was signed in through one Gatehouse session: the provider sessions linked to it,
   * and their grants with every code and token issued under them, except grants that persist a
   * logout (offline access, as the provider's own RP-initiated logout keeps them). Returns the
   * number of provider objects ended.
   */
  endSignedInThrough(gatehouseSessionId: string): Promise<number>;
}

export interface SessionLink {
  /** The provider session's `uid` (stable while its id rotates). */
  sessionUid: string;
  gatehouseSessionId: string;
  userId: string;
  expiresAt: Date;
}

export interface OidcSessionLinksRepo {
  /**
   * Records that the provider session is signed in through the Gatehouse session — if that
   * session still exists and is the user's, which the transaction holds (FOR KEY SHARE) while it
   * links: a credential event deleting the session either commits first (`false` here) or waits
   * for this link and then finds it. `false`: the Gatehouse session is gone.
   */
  linkToLiveSession(link: SessionLink): Promise<boolean>;
}

export interface OidcStore {
  clients: OidcClientsRepo;
  state: OidcStateRepo;
  keys: OidcKeysRepo;
  links: OidcSessionLinksRepo;
}
