// Invitations as the store keeps them.

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

export interface InvitationRecord {
  id: string;
  orgId: string;
  orgName: string;
  email: string;
  role: { id: string; name: string };
  allDevices: boolean;
  deviceIds: string[];
  /** Access per resource type (not `device`), applied at acceptance like the device access. */
  resourceAccess: Record<string, { all: boolean; ids: string[] }>;
  message: string | null;
  invitedBy: { userId: string; firstName: string; lastName: string } | null;
  delivery: 'email' | 'link';
  /** As stored: a `pending` invitation past `expiresAt` is expired all the same (see `effectiveStatus` in delivery.ts). */
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

export interface InvitationsRepo {
  /** `false` when the organization already has a pending invitation for the address (unique index). */
  insert(
    inv: Omit<InvitationRecord, 'orgName' | 'role' | 'invitedBy' | 'status'> & { roleId: string; invitedBy: string; tokenHash: string },
  ): Promise<boolean>;
  find(orgId: string, id: string): Promise<InvitationRecord | undefined>;
  findByTokenHash(tokenHash: string): Promise<InvitationRecord | undefined>;
  findById(id: string): Promise<InvitationRecord | undefined>;
  /** Marks the organization's pending invitations past their expiry `expired` (for one address, or all). */
  expireStale(orgId: string, email: string | undefined, now: Date): Promise<void>;
  /** Deletes the organization's finished (not pending) invitations that granted the role. */
  deleteFinishedOfRole(orgId: string, roleId: string): Promise<void>;
  /** Atomic state transition: only a `pending`, unexpired invitation moves; `false` otherwise. */
  transition(id: string, to: Exclude<InvitationStatus, 'pending'>, now: Date, acceptedBy?: string): Promise<boolean>;
  replaceToken(id: string, tokenHash: string, expiresAt: Date | null, delivery: 'email' | 'link'): Promise<void>;
  list(orgId: string, query: InvitationListQuery): Promise<InvitationRecord[]>;
  /** Pending, unexpired invitations of an organization as member-list rows, ordered by e-mail. */
  listPending(orgId: string, query: PendingInvitationQuery): Promise<InvitationRecord[]>;
  listPendingForEmail(email: string, now: Date): Promise<InvitationRecord[]>;
}
