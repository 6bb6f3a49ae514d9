// The core as one library object: HTTP, CLI and tests are all clients of it.
import { createAccountsService, type AccountsDeps } from './accounts/accounts.service.js';
import { createAuditLog, createAuditService } from './audit/audit.js';
import { createMembershipRules } from './organizations/membership-rules.js';
import { createMembersService } from './organizations/members.service.js';
import { createOrganizationsService } from './organizations/organizations.service.js';
import { createRolesService } from './roles/roles.service.js';
import { createInvitationsService, type InvitationsSettings } from './invitations/invitations.service.js';

export type CoreDeps = Omit<AccountsDeps, 'rules' | 'audit' | 'afterEmailVerified' | 'onSignupWithInvitation' | 'settings'> & {
  settings: AccountsDeps['settings'] & InvitationsSettings;
};

export function createCore(deps: CoreDeps) {
  const { store, clock, random } = deps;
  const audit = createAuditLog({ clock, random });
  const rules = createMembershipRules({ clock, random, audit });
  const invitations = createInvitationsService({ store, clock, random, audit, mail: deps.mail, settings: deps.settings });
  return {
    accounts: createAccountsService({
      ...deps, rules, audit,
      onSignupWithInvitation: invitations.rememberForSignup,
      afterEmailVerified: invitations.acceptAfterVerification,
    }),
    invitations,
    organizations: createOrganizationsService({ store, clock, audit, rules }),
    members: createMembersService({ store, clock, audit, rules }),
    roles: createRolesService({ store, clock, random, audit, rules }),
    audit: createAuditService({ store }),
  };
}

export type Core = ReturnType<typeof createCore>;
