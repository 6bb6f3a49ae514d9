// The store the core works with: one repository per aggregate (the `*.repo.ts` files), bound to
// the database for statements that commit on their own, or to a transaction (unit-of-work.ts).
import type { Repos, Store } from '../core/store.js';
import type { Db, Queryable } from './db.js';
import { auditRepo } from './audit.repo.js';
import { devicesRepo } from './devices.repo.js';
import { eventsRepo } from './events.repo.js';
import { resourcesRepo } from './resources.repo.js';
import { invitationsRepo } from './invitations.repo.js';
import { membershipsRepo } from './memberships.repo.js';
import { mfaRepo } from './mfa.repo.js';
import { organizationsRepo } from './organizations.repo.js';
import { outboxRepo } from './outbox.repo.js';
import { rolesRepo } from './roles.repo.js';
import { serviceClientsRepo } from './service-clients.repo.js';
import { servicesRepo } from './services.repo.js';
import { sessionsRepo } from './sessions.repo.js';
import { throttleRepo } from './throttle.repo.js';
import { oidcAccountStateRepo } from './oidc.repo.js';
import { tokensRepo } from './tokens.repo.js';
import { inUnitOfWork, type StoreHooks } from './unit-of-work.js';
import { usersRepo } from './users.repo.js';
import { webhooksRepo } from './webhooks.repo.js';

function makeRepos(q: Queryable): Repos {
  return {
    users: usersRepo(q),
    sessions: sessionsRepo(q),
    tokens: tokensRepo(q),
    organizations: organizationsRepo(q),
    memberships: membershipsRepo(q),
    roles: rolesRepo(q),
    invitations: invitationsRepo(q),
    devices: devicesRepo(q),
    resources: resourcesRepo(q),
    serviceClients: serviceClientsRepo(q),
    services: servicesRepo(q),
    audit: auditRepo(q),
    outbox: outboxRepo(q),
    throttle: throttleRepo(q),
    oidc: oidcAccountStateRepo(q),
    events: eventsRepo(q),
    webhooks: webhooksRepo(q),
    mfa: mfaRepo(q),
  };
}

export function createStore(db: Db, hooks: StoreHooks): Store {
  return {
    repos: makeRepos(db),
    transaction: (fn, options) => inUnitOfWork(db, makeRepos, hooks, fn, options),
  };
}
