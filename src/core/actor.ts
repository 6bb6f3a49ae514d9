// Who acts in a use case: a user, with what the request that carries the act brings along.
import type { IdempotencyClaim } from './idempotency.js';
import type { Revisions } from './store.js';

export interface Actor {
  userId: string;
  /** The request acting, recorded with each audit event it causes. */
  requestId?: string | undefined;
  /**
   * The request's Idempotency-Key, present only on routes that declare themselves idempotent
   * (`config.idempotent`). The use case hands it to the transaction that writes
   * (`store.transaction(fn, { idempotency })`), which records the key with the write.
   */
  idempotency?: IdempotencyClaim | undefined;
  /** Collects the revisions the request's writes reached (its `Gatehouse-Revision`); handed to the transaction like `idempotency`. */
  revisions?: Revisions | undefined;
}

/** A signed-in user through one session. */
export interface UserActor extends Actor {
  kind: 'user';
  sessionId: string;
  /**
   * How the session was signed in (OpenID Connect `amr`: core/mfa/amr.ts). An organization that
   * requires a second factor refuses a session without one (`auth.mfa_required`). Absent: an actor
   * made without a session (the core's own tests): no session policy applies to it.
   */
  amr?: readonly string[] | undefined;
}
