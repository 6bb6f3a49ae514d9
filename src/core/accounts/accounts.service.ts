// The account use cases, as one service of the core: sign-up and verification (registration),
// signing in and out (sessions), password reset and change (passwords), and the user's own
// account (profile). Each group is its own file; what they share is in accounts.ts and
// account-support.ts, and every credential event goes through credential-events.ts.
import { createAccountSupport } from './account-support.js';
import type { AccountsDeps } from './accounts.js';
import { createPasswordsService } from './passwords.service.js';
import { createProfileService } from './profile.service.js';
import { createRegistrationService } from './registration.service.js';
import { createSessionsService } from './sessions.service.js';
import { createSecondFactors } from './second-factors.js';
import { createMfaService } from './mfa.service.js';
import { createPasskeysService } from './passkeys.service.js';

export type { AccountsDeps } from './accounts.js';
export type { UserActor } from '../actor.js';

export function createAccountsService(deps: AccountsDeps) {
  const support = createAccountSupport(deps);
  const factors = createSecondFactors(deps, support);
  return {
    ...createRegistrationService(deps, support),
    ...createSessionsService(deps, support, factors),
    ...createMfaService(deps, support, factors),
    ...createPasskeysService(deps, support, factors),
    ...createPasswordsService(deps, support),
    ...createProfileService(deps, support, factors),
  };
}
