// The core's view of the store: every repository, and one transaction.
import type { SessionsRepo, TokensRepo, UsersRepo } from './accounts/ports.js';
import type { AuditRepo } from './audit/ports.js';
import type { ServiceClientsRepo } from './authz/ports.js';
import type { DevicesRepo } from './devices/ports.js';
import type { InvitationsRepo } from './invitations/ports.js';
import type { OutboxRepo } from './mail/ports.js';
import type { MembershipsRepo, OrganizationsRepo } from './organizations/ports.js';
import type { RolesRepo } from './roles/ports.js';
import type { ThrottleRepo } from './throttle/ports.js';

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
}

export interface Store {
  /** Repositories outside any transaction (each statement commits on its own). */
  readonly repos: Repos;
  /** One transaction; `afterCommit` callbacks run only once it committed. */
  transaction<T>(fn: (repos: Repos, afterCommit: (cb: () => void) => void) => Promise<T>): Promise<T>;
}
