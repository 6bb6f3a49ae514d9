// Organizations (with their billing information) and memberships, as records the store returns.
import type { Permission } from '../authz/permissions.js';

export interface OrganizationRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface OrganizationView {
  id: string;
  name: string;
  createdAt: Date;
  memberCount: number;
  /** Members must sign in with a second factor (IDENTITY.md "Organization policy"). */
  requireMfa: boolean;
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
  /** The organization requires a second factor of its members' sessions. */
  orgRequiresMfa?: boolean;
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
  setRequireMfa(id: string, on: boolean): Promise<void>;
  getBilling(orgId: string): Promise<(Billing & { updatedAt: Date }) | undefined>;
  putBilling(orgId: string, billing: Billing, by: string, now: Date): Promise<void>;
}

export interface MembershipsRepo {
  insert(m: {
    orgId: string;
    userId: string;
    roleId: string;
    joinedAt: Date;
    invitedBy: string | null;
    allDevices?: boolean;
  }): Promise<void>;
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

  // A member's device access: the membership's `allDevices` flag and its explicit device set.
  hasDevice(orgId: string, userId: string, deviceId: string): Promise<boolean>;
  deviceIdsOf(orgId: string, userId: string): Promise<string[]>;
  /** Adds devices to the member's explicit set. */
  grantDevices(orgId: string, userId: string, deviceIds: readonly string[]): Promise<void>;
  /** Replaces the member's `allDevices` flag and explicit set. */
  setDeviceAccess(orgId: string, userId: string, allDevices: boolean, deviceIds: readonly string[]): Promise<void>;
  /** One page of the member's explicit device ids, in id order, after `after`. */
  devicePage(orgId: string, userId: string, after: string | undefined, limit: number): Promise<string[]>;
}
