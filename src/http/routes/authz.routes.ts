import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { MAX_BATCH } from '../../core/authz/authz-api.service.js';
import { callerOf } from '../auth.js';
import { Id, Strict, responses } from '../schemas.js';

const REASONS = [
  'granted',
  'not_member',
  'permission_denied',
  'device_denied',
  'unknown_permission',
  'unknown_device',
  'mfa_required',
] as const;
const Check = Strict({
  userId: Id('usr'),
  organizationId: Id('org'),
  permission: Type.String({ minLength: 1, maxLength: 100 }),
  deviceId: Type.Optional(Id('dev')),
});
const Result = Strict({ allowed: Type.Boolean(), reason: Type.Union(REASONS.map((r) => Type.Literal(r))) });

export const authzRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Authorization API'];
  const config = { auth: 'service-or-user' as const };
  // The hot path of the platform: no per-request log lines (errors are still logged; /metrics counts requests).
  const logLevel = 'warn';
  const who =
    'Authenticate with a service key (`Authorization: Bearer gks_…`, created with `npx gatehouse service-client create`), or as a signed-in user asking about yourself. A change (a role, a removal, device access) applies to the next check. When the service cannot answer reliably it answers 503 `service.unavailable`, never `allowed: true`.';

  app.post(
    '/authz/check',
    {
      config,
      logLevel,
      schema: {
        tags,
        summary: 'May this user, in this organization, do this (on this device)?',
        description: `allowed = the member's role holds the permission AND, for a device-scoped permission naming a device, the member is Admin, has all devices, or has that device. A device of another organization is \`unknown_device\`. In an organization that requires a second factor, a member without any factor enrolled is \`mfa_required\` (the check knows the member, not their session: whether a given session was signed in with one, the service's own sign-in tells). ${who}`,
        body: Check,
        response: responses({ 200: Result }, 401, 403),
      },
    },
    (req, reply) => {
      const answer = core.authz.check(callerOf(req), req.body);
      // The common case answers synchronously from memory.
      if (answer instanceof Promise) return answer;
      return reply.send(answer);
    },
  );

  app.post(
    '/authz/check-batch',
    {
      config,
      logLevel,
      // 1,000 checks of up to ~250 bytes each: more than BODY_LIMIT_BYTES allows elsewhere.
      bodyLimit: Math.max(MAX_BATCH * 256, 64 * 1024),
      schema: {
        tags,
        summary: `Up to ${MAX_BATCH} checks at once, answered in order`,
        description: who,
        body: Strict({ checks: Type.Array(Check, { minItems: 1, maxItems: MAX_BATCH }) }),
        response: responses({ 200: Strict({ results: Type.Array(Result) }) }, 401, 403),
      },
    },
    async (req) => ({ results: await core.authz.checkBatch(callerOf(req), req.body.checks) }),
  );

  app.post(
    '/authz/accessible-devices',
    {
      config,
      logLevel,
      schema: {
        tags,
        summary: 'The devices a member reaches, paged',
        description: `\`allDevices: true\` for Admins and members with every device (the items then list every device of the organization, page by page). With \`permission\`, nothing unless the role holds it. ${who}`,
        body: Strict({
          userId: Id('usr'),
          organizationId: Id('org'),
          permission: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: responses(
          {
            200: Strict({
              allDevices: Type.Boolean(),
              items: Type.Array(Type.String()),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
          401,
          403,
        ),
      },
    },
    async (req) => core.authz.accessibleDevices(callerOf(req), { ...req.body, limit: req.body.limit ?? 100 }),
  );
};
