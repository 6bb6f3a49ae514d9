// The core as one library object: HTTP, CLI and tests are all clients of it.
import { createAccountsService, type AccountsDeps } from './accounts/accounts.service.js';
import { createAuditLog, createAuditService } from './audit/audit.js';
import { createMembershipRules } from './organizations/membership-rules.js';
import { createMembersService } from './organizations/members.service.js';
import { createOrganizationsService } from './organizations/organizations.service.js';
import { createRolesService } from './roles/roles.service.js';

export type CoreDeps = Omit<AccountsDeps, 'rules' | 'audit'>;

export function createCore(deps: CoreDeps) {
  const { store, clock, random } = deps;
  const audit = createAuditLog({ clock, random });
  const rules = createMembershipRules({ clock, random, audit });
  return {
    accounts: createAccountsService({ ...deps, rules, audit }),
    organizations: createOrganizationsService({ store, clock, audit, rules }),
    members: createMembersService({ store, clock, audit, rules }),
    roles: createRolesService({ store, clock, random, audit, rules }),
    audit: createAuditService({ store }),
  };
}

export type Core = ReturnType<typeof createCore>;
