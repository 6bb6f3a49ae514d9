// What the core needs from the outside world, as interfaces the core owns. `store/` implements the
// repositories over SQL, `mail/` renders messages; the core never sees SQL, HTTP or the environment.
import type { Permission } from './authz/permissions.js';
import type { OidcAccountStateRepo } from './oidc/ports.js';

export interface UserRecord {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  activeOrgId: string | null;
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export type TokenPurpose = 'verify_email' | 'password_reset' | 'email_change';

export interface TokenRecord {
  purpose: TokenPurpose;
  userId: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface MembershipSummary {
  orgId: string;
  orgName: string;
  roleId: string;
  roleName: string;
  joinedAt: Date;
}

/** The facts authorization decides on: one member's role and what it holds in one organization. */
export interface MemberAccess {
  orgId: string;
  userId: string;
  roleId: string;
  roleName: string;
  isAdmin: boolean;
  allDevices: boolean;
  permissions: ReadonlySet<Permission>;
}

export interface OrganizationView {
  id: string;
  name: string;
  createdAt: Date;
  memberCount: number;
}

export interface RoleRecord {
  id: string;
  /** `null` for the built-in roles. */
  orgId: string | null;
  name: string;
  description: string;
  permissions: Permission[];
  createdAt: Date;
  updatedAt: Date;
}

export type MemberSort = 'firstName' | 'lastName' | 'email' | 'role' | 'joinedAt';

export interface MemberRecord {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: { id: string; name: string };
  joinedAt: Date;
  allDevices: boolean;
  invitedBy: { userId: string; firstName: string; lastName: string } | null;
}

export interface MemberListQuery {
  q?: string | undefined;
  roleId?: string | undefined;
  sort: MemberSort;
  order: 'asc' | 'desc';
  /** Keyset position: the sort key and user id of the last row of the previous page. */
  after?: { key: string; userId: string } | undefined;
  limit: number;
}

export interface Billing {
  companyName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string | null;
  billingEmail: string;
}

export interface AuditEvent {
  id: string;
  orgId: string;
  action: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  requestId: string | null;
  createdAt: Date;
}

export interface AuditQuery {
  action?: string | undefined;
  actorId?: string | undefined;
  targetId?: string | undefined;
  /** Newest first: events older than this id. */
  before?: string | undefined;
  limit: number;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

export interface InvitationRecord {
  id: string;
  orgId: string;
  orgName: string;
  email: string;
  role: { id: string; name: string };
  allDevices: boolean;
  deviceIds: string[];
  message: string | null;
  invitedBy: { userId: string; firstName: string; lastName: string } | null;
  delivery: 'email' | 'link';
  /** As stored: a `pending` invitation past `expiresAt` is expired all the same (see invitation-state.ts). */
  status: InvitationStatus;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface InvitationListQuery {
  status?: InvitationStatus | undefined;
  now: Date;
  /** Newest first: invitations older than this id. */
  before?: string | undefined;
  limit: number;
}

export interface PendingInvitationQuery {
  q?: string | undefined;
  roleId?: string | undefined;
  now: Date;
  order: 'asc' | 'desc';
  after?: { key: string; id: string } | undefined;
  limit: number;
}

export interface DeviceRecord {
  id: string;
  orgId: string;
  /** The hardware UUID printed on the housing, lower-case. */
  uuid: string;
  name: string;
  location: string | null;
  tags: string[];
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeviceListQuery {
  q?: string | undefined;
  tag?: string | undefined;
  /** Only the devices in this user's explicit set (a member without all devices). */
  onlyFor?: string | undefined;
  after?: { key: string; id: string } | undefined;
  limit: number;
}

export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Links in the message; written to the log when no SMTP server is configured. */
  links: string[];
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
  update(id: string, patch: Partial<Pick<UserRecord, 'firstName' | 'lastName' | 'passwordHash' | 'emailVerifiedAt' | 'activeOrgId'>>, now: Date): Promise<void>;
  /** Changes the address and marks it verified; fails with `account.email_taken` when another account holds it. */
  changeEmail(id: string, email: string, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface SessionsRepo {
  insert(session: SessionRecord & { tokenHash: string; ip: string | null; userAgent: string | null }): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  touch(id: string, now: Date): Promise<void>;
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
  /** Kills the user's outstanding tokens of a purpose (a newer link supersedes older ones). */
  invalidate(userId: string, purpose: TokenPurpose, now: Date): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export interface OrganizationsRepo {
  insert(org: OrganizationRecord & { createdBy: string | null }): Promise<void>;
  delete(id: string): Promise<void>;
  find(id: string): Promise<OrganizationView | undefined>;
  /**
   * Row locks on organizations, taken in id order. Every change to an organization's memberships or
   * roles holds its organization's lock first (then the users' locks, in id order): that order is
   * what makes the invariants exact and keeps concurrent changes from deadlocking.
   */
  lock(ids: readonly string[]): Promise<OrganizationRecord[]>;
  rename(id: string, name: string): Promise<void>;
  getBilling(orgId: string): Promise<(Billing & { updatedAt: Date }) | undefined>;
  putBilling(orgId: string, billing: Billing, by: string, now: Date): Promise<void>;
}

export interface RolesRepo {
  /** The built-in roles and the organization's own, with their permissions. */
  list(orgId: string): Promise<RoleRecord[]>;
  /** A built-in role, or a custom role of this organization (never another organization's). */
  find(orgId: string, roleId: string): Promise<RoleRecord | undefined>;
  findByName(orgId: string, name: string): Promise<RoleRecord | undefined>;
  insert(role: RoleRecord & { orgId: string }): Promise<void>;
  update(orgId: string, roleId: string, patch: { name?: string | undefined; description?: string | undefined; permissions?: Permission[] | undefined }, now: Date): Promise<void>;
  delete(orgId: string, roleId: string): Promise<void>;
  /** How many members hold the role (pending invitations count too once they exist). */
  holders(orgId: string, roleId: string): Promise<number>;
}

export interface InvitationsRepo {
  /** `false` when the organization already has a pending invitation for the address (unique index). */
  insert(inv: Omit<InvitationRecord, 'orgName' | 'role' | 'invitedBy' | 'status'> & { roleId: string; invitedBy: string; tokenHash: string }): Promise<boolean>;
  find(orgId: string, id: string): Promise<InvitationRecord | undefined>;
  findByTokenHash(tokenHash: string): Promise<InvitationRecord | undefined>;
  findById(id: string): Promise<InvitationRecord | undefined>;
  /** Marks the organization's pending invitations past their expiry `expired` (for one address, or all). */
  expireStale(orgId: string, email: string | undefined, now: Date): Promise<void>;
  /** Atomic state transition: only a `pending`, unexpired invitation moves; `false` otherwise. */
  transition(id: string, to: Exclude<InvitationStatus, 'pending'>, now: Date, acceptedBy?: string): Promise<boolean>;
  replaceToken(id: string, tokenHash: string, expiresAt: Date | null, delivery: 'email' | 'link'): Promise<void>;
  list(orgId: string, query: InvitationListQuery): Promise<InvitationRecord[]>;
  /** Pending, unexpired invitations of an organization as member-list rows, ordered by e-mail. */
  listPending(orgId: string, query: PendingInvitationQuery): Promise<InvitationRecord[]>;
  listPendingForEmail(email: string, now: Date): Promise<InvitationRecord[]>;
  rememberForSignup(userId: string, invitationId: string): Promise<void>;
  /** The invitation a user signed up from, forgotten as it is read. */
  takeSignupInvitation(userId: string): Promise<string | undefined>;
}

export interface DevicesRepo {
  /** `false` when a device with this UUID is registered already (in any organization). */
  insert(d: DeviceRecord & { tokenHash: string; createdBy: string }): Promise<boolean>;
  find(orgId: string, id: string): Promise<DeviceRecord | undefined>;
  list(orgId: string, query: DeviceListQuery): Promise<(DeviceRecord & { sortKey: string })[]>;
  update(d: DeviceRecord): Promise<void>;
  delete(orgId: string, id: string): Promise<void>;
  setToken(orgId: string, id: string, tokenHash: string, now: Date): Promise<void>;
  hasAccess(orgId: string, userId: string, deviceId: string): Promise<boolean>;
  accessOf(orgId: string, userId: string): Promise<string[]>;
  /** Which of these ids are devices of the organization. */
  existing(orgId: string, ids: readonly string[]): Promise<string[]>;
  grant(orgId: string, userId: string, deviceIds: readonly string[]): Promise<void>;
  replaceAccess(orgId: string, userId: string, allDevices: boolean, deviceIds: readonly string[]): Promise<void>;
  /** One page of device ids (in id order) a member reaches: every device, or their explicit set. */
  accessiblePage(orgId: string, userId: string, all: boolean, after: string | undefined, limit: number): Promise<string[]>;
}

export interface ServiceClientsRepo {
  insert(c: { id: string; name: string; keyHash: string; createdAt: Date }): Promise<void>;
  findByKeyHash(keyHash: string): Promise<{ id: string; name: string } | undefined>;
  list(): Promise<{ id: string; name: string; createdAt: Date; revokedAt: Date | null }[]>;
  revoke(id: string, now: Date): Promise<boolean>;
}

export interface AuditRepo {
  record(event: AuditEvent): Promise<void>;
  list(orgId: string, query: AuditQuery): Promise<AuditEvent[]>;
}

export interface MembershipsRepo {
  insert(m: { orgId: string; userId: string; roleId: string; joinedAt: Date; invitedBy: string | null; allDevices?: boolean }): Promise<void>;
  listOfUser(userId: string): Promise<MembershipSummary[]>;
  findOne(orgId: string, userId: string): Promise<MembershipSummary | undefined>;
  findAccess(orgId: string, userId: string): Promise<MemberAccess | undefined>;
  get(orgId: string, userId: string): Promise<MemberRecord | undefined>;
  /** One page in the query's order; each row carries its sort key, for the next page's cursor. */
  list(orgId: string, query: MemberListQuery): Promise<(MemberRecord & { cursorKey: string })[]>;
  setRole(orgId: string, userId: string, roleId: string): Promise<void>;
  delete(orgId: string, userId: string): Promise<void>;
  countAdmins(orgId: string): Promise<number>;
  orgIdsOfUser(userId: string): Promise<string[]>;
  userIdsOfOrg(orgId: string): Promise<string[]>;
}

export interface OutboxRepo {
  enqueue(mail: OutgoingMail, now: Date): Promise<string>;
}

export interface ThrottleRepo {
  /**
   * Counts one more event under `key` in a fixed window (atomic increment) and returns the count
   * in the current window and when that window ends.
   */
  hit(key: string, now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }>;
  /** Takes back one event (a successful login does not count against the IP). */
  refund(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  deleteStale(now: Date, maxWindowMs: number): Promise<number>;
}

export interface Repos {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  organizations: OrganizationsRepo;
  memberships: MembershipsRepo;
  roles: RolesRepo;
  invitations: InvitationsRepo;
  devices: DevicesRepo;
  serviceClients: ServiceClientsRepo;
  audit: AuditRepo;
  outbox: OutboxRepo;
  throttle: ThrottleRepo;
  /** The user's OpenID Connect state, ended by credential events in their own transaction (core/oidc/credential-events.ts). */
  oidc: OidcAccountStateRepo;
}

export interface Store {
  /** Repositories outside any transaction (each statement commits on its own). */
  readonly repos: Repos;
  /** One transaction; `afterCommit` callbacks run only once it committed. */
  transaction<T>(fn: (repos: Repos, afterCommit: (cb: () => void) => void) => Promise<T>): Promise<T>;
}

export type MailTemplate =
  | { kind: 'verify_email'; to: string; firstName: string; link: string }
  | { kind: 'signup_existing_account'; to: string; firstName: string; loginLink: string; resetLink: string }
  | { kind: 'password_reset'; to: string; firstName: string; link: string }
  | { kind: 'password_changed'; to: string; firstName: string }
  | { kind: 'email_change_confirm'; to: string; firstName: string; link: string }
  | { kind: 'email_change_taken'; to: string }
  | { kind: 'email_changed_notice'; to: string; firstName: string; newEmail: string }
  | { kind: 'invitation'; to: string; organizationName: string; inviterName: string; roleName: string; message: string | null; link: string; expiresAt: Date | null };

export interface MailRenderer {
  render(template: MailTemplate): OutgoingMail;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of a verification without an account, so unknown e-mails cost the same. */
  verifyDummy(password: string): Promise<void>;
  /** True when a verification asked for now would be refused (`service.busy`): every slot and queue place taken. */
  saturated(): boolean;
}
