// A route on organization data declares what its caller must be (`config.access`), and this hook
// enforces it before the handler runs: not a member (or no such organization) → 404, a member
// without the permission → 403. The use case checks again as its first step (core/authz/
// in-organization.ts), under the organization's lock: the route's check is the contract a reader
// sees next to the route, and a guard should a use case ever forget; the core's is the one that
// holds for every client of the core (CLI, tests) and against concurrent changes.
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../core/actor.js';
import type { Requirement } from '../core/authz/authz.js';
import { AppError } from '../core/errors.js';

export function registerRouteAccess(
  app: FastifyInstance,
  authorize: (actor: Actor, orgId: string, requirement: Requirement) => Promise<unknown>,
) {
  // A declaration that cannot be enforced is a mistake in the code: the app refuses to start.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) return;
    if (route.config?.auth !== 'user' || !route.url.includes(':orgId') || (access.orSelf && !route.url.includes(':userId'))) {
      throw new Error(`${route.url}: config.access needs auth 'user' and an :orgId (and :userId with orSelf) in the path`);
    }
  });

  // After the Idempotency-Key hook: a replayed answer is the caller's own, served as before.
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const actor = request.actor;
    if (!actor) throw new AppError('auth.unauthenticated');
    const { orgId, userId } = request.params as { orgId: string; userId?: string };
    await authorize(actor, orgId, access.orSelf && userId === actor.userId ? 'member' : access.requirement);
  });
}
