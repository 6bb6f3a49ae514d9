// The core as one library object: HTTP, CLI and tests are all clients of it.
import { createAccountsService, type AccountsDeps } from './accounts/accounts.service.js';

export function createCore(deps: AccountsDeps) {
  return {
    accounts: createAccountsService(deps),
  };
}

export type Core = ReturnType<typeof createCore>;
