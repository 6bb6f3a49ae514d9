// The Idempotency-Key header on the writes of signed-in users whose route declares itself
// idempotent (`config: { idempotent: true }`; reads and the authorization API never do):
//   - first request with a key: runs; the use case's write transaction records the key with the
//     write (core/idempotency.ts), and its answer (whatever the status) is stored after the COMMIT;
//   - same key, same request (method, URL, body): the stored answer, replayed (`Idempotent-Replayed: true`);
//   - same key, another request: 422 `idempotency.key_reused`;
//   - same key while the first is still running: 409 `idempotency.in_progress` (Retry-After: 1);
//   - same key, the write committed but the answer was never stored (the process died in between):
//     409 `idempotency.response_lost` — applied once, never again; read the resource for its state.
//   - an answer that carried a secret shown only once (a device token, an invitation link: the route
//     declares it with `config.shownOnce`) is never stored (nor is any of it): the row keeps, instead, the problem
//     409 `idempotency.secret_not_replayed` with `location`, where to read the result (without the
//     secret), and `secretFields`, what was left out. A replay gets that problem; a new secret is
//     one reset (device token) or resend (invitation) away.
// A request that failed before any transaction committed (validation, authorization, a rolled-back
// rule) leaves no key: a retry runs again. Keys are per user and expire after 24 hours. Other
// routes (anonymous ones, reads, `/authz/*`) ignore the header.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errors } from '../core/errors.js';
import { problemType } from './problem.js';
import type { IdempotencyClaim, IdempotencyStore } from '../core/idempotency.js';
import type { Clock } from '../core/clock-random.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route honours Idempotency-Key: its use case hands `actor.idempotency` to the transaction
     * that writes. Only for writes (POST, PUT, PATCH, DELETE) of signed-in users.
     */
    idempotent?: boolean;
    /**
     * The route's answer may carry secrets shown only once (these top-level fields): with an
     * Idempotency-Key, such an answer is never stored; a replay gets 409
     * `idempotency.secret_not_replayed` pointing at `readAt(request, answer)` (a path below the API prefix).
     */
    shownOnce?: { fields: readonly string[]; readAt: (request: FastifyRequest, answer: Record<string, unknown>) => string };
  }
  interface FastifyRequest {
    idempotency: IdempotencyClaim | undefined;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long an unanswered key counts as in flight, before it is taken for an answer lost in a crash. */
const IN_FLIGHT_MS = 30_000;

/**
 * What is stored for a 2xx answer that holds a secret shown once: a problem saying the request was
 * applied and where to read its result. `undefined`: the answer holds no secret, store it as it is.
 */
function withoutSecrets(
  request: FastifyRequest,
  status: number,
  body: string,
  apiPrefix = '',
): { status: number; contentType: string; body: string } | undefined {
  const shownOnce = request.routeOptions.config.shownOnce;
  if (!shownOnce || status < 200 || status > 299) return undefined;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const secretFields = shownOnce.fields.filter((f) => answer[f] !== undefined && answer[f] !== null);
  if (secretFields.length === 0) return undefined;
  const code = 'idempotency.secret_not_replayed';
  return {
    status: errors[code].status,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: problemType(code),
      title: errors[code].title,
      status: errors[code].status,
      code,
      detail: `The request was applied once (answered ${status}). Its answer held ${secretFields.join(', ')}, shown only once and never kept for a replay: read the result at \`location\`.`,
      requestId: request.id,
      location: `${apiPrefix}${shownOnce.readAt(request, answer)}`,
      secretFields,
    }),
  };
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore, clock: Clock, apiPrefix = '') {
  app.decorateRequest('idempotency', undefined);

  // A declaration that cannot hold is a mistake in the code: the app refuses to start.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.every((m) => WRITES.has(m)) || route.config.auth !== 'user') {
      throw new Error(`${methods.join(',')} ${route.url}: only writes of signed-in users can be idempotent`);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !request.routeOptions.config.idempotent || !request.actor) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY.test(key)) {
      throw new AppError('request.invalid', {
        errors: [
          { field: '/headers/idempotency-key', rule: 'format', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters.' },
        ],
      });
    }
    const now = clock.now();
    const hash = requestHash(request);
    const stored = await store.find(request.actor.userId, key, now);
    if (stored) {
      if (stored.requestHash !== hash) throw new AppError('idempotency.key_reused');
      if (stored.status === null) {
        if (now.getTime() - stored.createdAt.getTime() < IN_FLIGHT_MS)
          throw new AppError('idempotency.in_progress', { retryAfterSeconds: 1 });
        throw new AppError('idempotency.response_lost');
      }
      reply.code(stored.status).header('idempotent-replayed', 'true');
      if (stored.contentType) reply.header('content-type', stored.contentType);
      return reply.send(stored.body ?? '');
    }
    const claim: IdempotencyClaim = { userId: request.actor.userId, key, requestHash: hash, now, claimed: false };
    request.idempotency = claim;
    // The use case receives the claim with the actor and hands it to its write transaction.
    request.actor = { ...request.actor, idempotency: claim };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (claim?.claimed && reply.getHeader('idempotent-replayed') === undefined) {
      claim.claimed = false; // recorded once
      const contentType = reply.getHeader('content-type');
      const body = typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : String(payload);
      try {
        await store.record(
          claim.userId,
          claim.key,
          withoutSecrets(request, reply.statusCode, body, apiPrefix) ?? {
            status: reply.statusCode,
            contentType: typeof contentType === 'string' ? contentType : null,
            body,
          },
        );
      } catch (e) {
        // The write committed; only the replayable copy of its answer is missing (a retry gets
        // `idempotency.response_lost`). The client still gets this answer.
        request.log.warn({ error: (e as Error).message }, 'could not record the answer of an idempotent request');
      }
    }
    return payload;
  });
}
