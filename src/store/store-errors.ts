// What a failed statement means, decided here where SQLSTATE codes are known, so the layers above
// see the error catalogue (core/errors.ts) and never a PostgreSQL code.
import { AppError } from '../core/errors.js';

/** PostgreSQL error code and constraint of a failed statement, whichever engine raised it. */
function pgErrorOf(e: unknown): { code?: string; constraint?: string } {
  if (typeof e === 'object' && e !== null) {
    const o = e as { code?: unknown; constraint?: unknown };
    return {
      code: typeof o.code === 'string' ? o.code : undefined,
      constraint: typeof o.constraint === 'string' ? o.constraint : undefined,
    };
  }
  return {};
}

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const { code, constraint: c } = pgErrorOf(e);
  return code === '23505' && (constraint === undefined || c === constraint);
}

/** Serialization failures and deadlocks: the whole transaction may succeed when run again. */
export const isRetryable = (e: unknown) => ['40001', '40P01'].includes(pgErrorOf(e).code ?? '');

/** PostgreSQL shutting down or not accepting connections (class 57P, 08), or the socket gone. */
function isDatabaseUnavailable(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (/^(57P0[1-3]|08\d\d\d|53300)$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))
  )
    return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
      message,
    )
  );
}

/**
 * The catalogue's error for a failure that is not a bug; anything else is returned as it is (and
 * becomes a 500 `internal`).
 * - PostgreSQL text cannot hold U+0000 (22021) nor characters it cannot encode (22P05): a value
 *   that passed the schema but carries one is the request's fault (found by the proof's fuzzer).
 * - The database down, restarting or unreachable is a dependency failure (503), not a bug.
 */
export function classifyDatabaseError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const { code } = pgErrorOf(err);
  const message = (err as { message?: string })?.message;
  if (code === '22021' || code === '22P05') {
    return new AppError('request.invalid', {
      detail: message,
      errors: [{ field: '/', rule: 'text', message: 'Text must not contain the NUL character (U+0000).' }],
    });
  }
  if (isDatabaseUnavailable(err)) return new AppError('service.unavailable', { detail: message, retryAfterSeconds: 1 });
  return err;
}
