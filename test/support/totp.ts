// An authenticator app for the tests: the codes of a TOTP secret at the service's clock, and that
// clock moved to the start of a 30-second step, so a test's codes do not straddle a step boundary.
import { totpCodeAt } from '../../src/core/mfa/totp.js';
import type { TestService } from './service.js';

export const STEP_MS = 30_000;

/** Moves the service's clock to 100 ms into the next TOTP step. */
export function alignToStep(svc: TestService) {
  const now = svc.clock.now().getTime();
  svc.clock.advance(STEP_MS - (now % STEP_MS) + 100);
}

/** The code the app shows now (`offsetSteps` steps later or earlier). */
export const codeNow = (svc: TestService, secret: string, offsetSteps = 0) =>
  totpCodeAt(secret, new Date(svc.clock.now().getTime() + offsetSteps * STEP_MS));
