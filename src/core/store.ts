// The core's view of the store: every repository, and the unit of work a use case writes through.
// Repositories only read and write rows; what a change means beyond its rows (the organization's
// authorization answers changed, a mail waits to be sent) the use case says on the transaction
// (`tx.changed`), and the store publishes it in one place (store/unit-of-work.ts).
import type { AuthzDelta } from './authz/decision-index.js';
import type { IdempotencyClaim } from './idempotency.js';
import type { SessionsRepo, TokensRepo, UsersRepo } from './accounts/ports.js';
import type { AuditRepo } from './audit/ports.js';
import type { ServiceClientsRepo } from './authz/ports.js';
import type { ServicesRepo } from './services/ports.js';
import type { DevicesRepo } from './devices/ports.js';
import type { ResourcesRepo } from './resources/ports.js';
import type { InvitationsRepo } from './invitations/ports.js';
import type { OutboxRepo } from './mail/ports.js';
import type { MembershipsRepo, OrganizationsRepo } from './organizations/ports.js';
import type { RolesRepo } from './roles/ports.js';
import type { ThrottleRepo } from './throttle/ports.js';
import type { OidcAccountStateRepo } from './oidc/ports.js';
import type { EventData, EventsRepo, EventType, WebhooksRepo } from './events/ports.js';
import type { MfaRepo } from './mfa/ports.js';

export interface Repos {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  organizations: OrganizationsRepo;
  memberships: MembershipsRepo;
  roles: RolesRepo;
  invitations: InvitationsRepo;
  devices: DevicesRepo;
  /** A Smart Service's resources and each member's access to them per type. */
  resources: ResourcesRepo;
  serviceClients: ServiceClientsRepo;
  /** The registered services and the catalog their manifests became. */
  services: ServicesRepo;
  audit: AuditRepo;
  outbox: OutboxRepo;
  throttle: ThrottleRepo;
  /** The user's OpenID Connect state, ended by credential events (accounts/credential-events.ts). */
  oidc: OidcAccountStateRepo;
  events: EventsRepo;
  webhooks: WebhooksRepo;
  /** Second factors (TOTP, recovery codes, passkeys) and sign-in challenges. */
  mfa: MfaRepo;
}

/** What a transaction changed beyond its rows: collected while it runs, published by the store. */
export interface Changes {
  /**
   * The write changes what `/authz/*` answers in this organization (members, roles, devices,
   * device access). With a delta, this instance updates its index in place after COMMIT; without
   * one, the index reloads.
   */
  authz(orgId: string, delta?: AuthzDelta): void;
  /** A mail entered the outbox: the mail worker is woken once the transaction committed. */
  mail(): void;
  /** A service client's key was revoked: every instance forgets the keys it cached. */
  serviceClientRevoked(clientId: string): void;
  /**
   * An event for the Smart Services (core/events/ports.ts), one line at the write it describes:
   * `tx.changed.event(orgId, 'member.removed', { userId })`. It is written in this transaction, at
   * its end, with the organization's revision after the transaction, in commit order, and queued
   * for every webhook that takes its type. `data` names ids, never secrets. `orgId` null: the
   * platform's own event (`service.manifest_changed`), without a revision.
   */
  event(orgId: string | null, type: EventType, data: EventData): void;
  /** A manifest changed the catalog: every instance reloads it (and drops what it computed from the old one). */
  catalog(): void;
}

/** A transaction: the repositories bound to it, and what it changed. */
export interface Tx extends Repos {
  readonly changed: Changes;
}

export interface TransactionOptions {
  /**
   * The request's Idempotency-Key (`actor.idempotency`): recorded as the transaction's first
   * statement, so it commits exactly when the write does. Only for the transaction of a write
   * whose route declares itself idempotent; a claim an earlier transaction of the same request
   * recorded already is not recorded again.
   */
  idempotency?: IdempotencyClaim | undefined;
  /**
   * Told, after COMMIT, each organization's revision (`authz_version`) the transaction raised: the
   * request's `Gatehouse-Revision` (`actor.revisions`). Explicit, like the Idempotency-Key.
   */
  revisions?: Revisions | undefined;
}

/** Where a request collects the revisions its writes reached, for its `Gatehouse-Revision` header. */
export interface Revisions {
  reached(orgId: string, revision: number): void;
}

export interface Store {
  /** Repositories outside any transaction (each statement commits on its own): reads, counters. */
  readonly repos: Repos;
  /** Runs `fn` in one transaction and publishes `tx.changed` (store/unit-of-work.ts). */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
}
