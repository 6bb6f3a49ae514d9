// The core as one library object: HTTP, CLI and tests are all clients of it.
import { createAccountsService, type AccountsDeps } from './accounts/accounts.service.js';
import { createAuditLog, createAuditService } from './audit/audit.js';
import { createMembershipRules } from './organizations/membership-rules.js';
import { createMembersService } from './organizations/members.service.js';
import { createOrganizationsService } from './organizations/organizations.service.js';
import { createRolesService } from './roles/roles.service.js';
import { createDevicesService } from './devices/devices.service.js';
import { createAuthzApi, createServiceClients } from './authz/authz-api.service.js';
import { createResourcesService } from './resources/resources.service.js';
import { createResourceAccessService } from './resources/resource-access.service.js';
import type { AuthzEngine } from './authz/authz-engine.js';
import { createInvitationsService, type InvitationsSettings } from './invitations/invitations.service.js';
import { requireAccess, type Requirement } from './authz/authz.js';
import type { Actor } from './actor.js';

export type CoreDeps = Omit<AccountsDeps, 'rules' | 'audit' | 'afterEmailVerified' | 'onSignupWithInvitation' | 'settings'> & {
  settings: AccountsDeps['settings'] & InvitationsSettings;
  /** The in-memory authorization index; the store's write hooks invalidate it. */
  authzEngine: AuthzEngine;
};

export function createCore(deps: CoreDeps) {
  const { store, clock, random } = deps;
  const audit = createAuditLog({ clock, random });
  const rules = createMembershipRules({ clock, random, audit });
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
    serviceClients: createServiceClients({ store, clock, random }),
    /** The access check of use cases on organization data, for a route to enforce its declaration first (http/route-access.ts). */
    authorize: (actor: Actor, orgId: string, requirement: Requirement) => requireAccess(store.repos, actor, requirement, { orgId }),
  };
}

export type Core = ReturnType<typeof createCore>;
