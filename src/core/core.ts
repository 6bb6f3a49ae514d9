// The core as one library object: HTTP, CLI and tests are all clients of it.
import { createAccountsService, type AccountsDeps } from './accounts/accounts.service.js';
import { createAuditLog, createAuditService } from './audit/audit.js';
import { createMembershipRules } from './organizations/membership-rules.js';
import { createMembersService } from './organizations/members.service.js';
import { createOrganizationsService } from './organizations/organizations.service.js';
import { createRolesService } from './roles/roles.service.js';
import { createDevicesService } from './devices/devices.service.js';
import { createAuthzApi, createServiceClients } from './authz/authz-api.service.js';
import { createServicesService } from './services/services.service.js';
import { createResourcesService } from './resources/resources.service.js';
import { createResourceAccessService } from './resources/resource-access.service.js';
import type { AuthzEngine } from './authz/authz-engine.js';
import { createInvitationsService, type InvitationsSettings } from './invitations/invitations.service.js';
import { requireAccess, type Requirement } from './authz/authz.js';
import type { Actor } from './actor.js';
import { createEventsService, type AddressCheck } from './events/events.service.js';
import { createSecretSeal, type SecretSeal } from './events/secret-seal.js';

export type CoreDeps = Omit<AccountsDeps, 'rules' | 'audit' | 'afterEmailVerified' | 'onSignupWithInvitation' | 'settings'> & {
  settings: AccountsDeps['settings'] & InvitationsSettings;
  /** The in-memory authorization index; the store's write hooks invalidate it. */
  authzEngine: AuthzEngine;
  /** Webhooks: how signing secrets are sealed, and the address rules a new webhook's URL must pass. */
  webhooks?: { seal: SecretSeal; checkAddress: AddressCheck };
};

export function createCore(deps: CoreDeps) {
  const { store, clock, random } = deps;
  const audit = createAuditLog({ clock, random });
  const rules = createMembershipRules({ clock, random, audit });
  const serviceClients = createServiceClients({ store, clock, random });
  const devices = createDevicesService({ store, clock, random, audit });
  const invitations = createInvitationsService({ store, clock, random, audit, mail: deps.mail, settings: deps.settings });
  return {
    accounts: createAccountsService({
      ...deps,
      rules,
      audit,
      onSignupWithInvitation: invitations.rememberForSignup,
      afterEmailVerified: invitations.acceptAfterVerification,
    }),
    invitations,
    organizations: createOrganizationsService({ store, clock, audit, rules }),
    members: createMembersService({ store, clock, audit, rules }),
    roles: createRolesService({ store, clock, random, audit }),
    audit: createAuditService({ store }),
    devices,
    resources: createResourcesService({ store, clock, random }),
    access: createResourceAccessService({ store, clock, audit, devices }),
    authz: createAuthzApi({ store, engine: deps.authzEngine }),
    authzEngine: deps.authzEngine,
    serviceClients,
    services: createServicesService({ store, clock, random, audit, serviceClients }),
    events: createEventsService({
      store,
      clock,
      random,
      // (A core without the server's address rules, a bench's, refuses every webhook address.)
      ...(deps.webhooks ?? { seal: createSecretSeal(undefined), checkAddress: async () => 'webhooks are not configured here' }),
    }),
    /** The access check of use cases on organization data, for a route to enforce its declaration first (http/route-access.ts). */
    authorize: (actor: Actor, orgId: string, requirement: Requirement) => requireAccess(store.repos, actor, requirement, { orgId }),
  };
}

export type Core = ReturnType<typeof createCore>;
