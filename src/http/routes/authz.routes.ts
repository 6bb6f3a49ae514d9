import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { MAX_BATCH } from '../../core/authz/authz-api.service.js';
import { callerOf } from '../auth.js';
import { AppError } from '../../core/errors.js';
import { Id, Strict, responses } from '../schemas.js';

const REASONS = [
  'granted',
  'not_member',
  'permission_denied',
  'device_denied',
  'unknown_permission',
  'unknown_device',
  'mfa_required',
  'resource_denied',
  'unknown_resource',
  'resource_type_mismatch',
] as const;
const AtLeastRevision = Type.Optional(
  Type.Integer({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description:
      "Answer from the organization's state at this revision or newer (a write's `Gatehouse-Revision`): never an older answer, on any instance; 503 `authz.revision_unavailable` if it is not reached within 2 s.",
  }),
);
const ResourceRef = Type.Union(
  [
    Strict({ type: Type.String({ minLength: 1, maxLength: 81 }), id: Type.String({ minLength: 1, maxLength: 64 }) }),
    Strict({ type: Type.String({ minLength: 1, maxLength: 81 }), externalId: Type.String({ minLength: 1, maxLength: 200 }) }),
  ],
  { description: "A resource by Gatehouse's id (`res_…`, or `dev_…` with type `device`) or by the service's own id, with its type." },
);
const Check = Strict({
  userId: Id('usr'),
  organizationId: Id('org'),
  permission: Type.String({ minLength: 1, maxLength: 100 }),
  deviceId: Type.Optional(Id('dev')),
  resource: Type.Optional(ResourceRef),
  atLeastRevision: AtLeastRevision,
});
const Revision = Type.Integer({ description: "The organization's revision the answer was decided at." });
// A string `enum`, not a union of literals as elsewhere: fast-json-stringify serialises a union by
// trying each member in turn (ten here), an enum as the string it is — twice as fast, on the
// answer of every check (1,000 in a batch). The document says the same: one of these strings.
const Reason = Type.Unsafe<(typeof REASONS)[number]>({ type: 'string', enum: [...REASONS] });
const Result = Strict({ allowed: Type.Boolean(), reason: Reason, revision: Revision });

/** A check names a device one way: `deviceId`, or `resource` of type `device`. */
function bothNamed(): never {
  throw new AppError('request.invalid', {
    errors: [{ field: '/resource', rule: 'oneOf', message: 'Name a device by deviceId or a resource, not both.' }],
  });
}

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
        description: `allowed = the member's role holds the permission AND (no device or resource named, or the permission has no resource type, or the member is Admin, or has all of the resource's type or of an ancestor's type, or has the resource or one of its ancestors). A device or resource of another organization is \`unknown_device\` / \`unknown_resource\`; a resource of another type than the permission's, \`resource_type_mismatch\`. In an organization that requires a second factor, a member without any factor enrolled is \`mfa_required\` (the check knows the member, not their session: whether a given session was signed in with one, the service's own sign-in tells). Name a device by \`deviceId\` or \`resource: {type: "device", id}\`, not both. ${who}`,
        body: Check,
        response: responses({ 200: Result }, 401, 403),
      },
    },
    (req, reply) => {
      if (req.body.deviceId !== undefined && req.body.resource !== undefined) bothNamed();
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
    async (req) => {
      if (req.body.checks.some((c) => c.deviceId !== undefined && c.resource !== undefined)) bothNamed();
      return { results: await core.authz.checkBatch(callerOf(req), req.body.checks) };
    },
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
          atLeastRevision: AtLeastRevision,
        }),
        response: responses(
          {
            200: Strict({
              allDevices: Type.Boolean(),
              items: Type.Array(Type.String()),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
              revision: Revision,
            }),
          },
          401,
          403,
        ),
      },
    },
    async (req) => core.authz.accessibleDevices(callerOf(req), { ...req.body, limit: req.body.limit ?? 100 }),
  );

  app.post(
    '/authz/accessible-resources',
    {
      config,
      logLevel,
      schema: {
        tags,
        summary: 'The resources of one type a member reaches, paged',
        description: `\`all: true\` for Admins and members with all of the type (or of an ancestor's type): the items then list every resource of the type, page by page; else those given to the member, directly or through an ancestor. With \`permission\`, nothing unless the role holds it. ${who}`,
        body: Strict({
          userId: Id('usr'),
          organizationId: Id('org'),
          type: Type.String({ minLength: 1, maxLength: 81 }),
          permission: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          atLeastRevision: AtLeastRevision,
        }),
        response: responses(
          {
            200: Strict({
              all: Type.Boolean(),
              items: Type.Array(Strict({ id: Type.String(), externalId: Type.String() })),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
              revision: Revision,
            }),
          },
          401,
          403,
        ),
      },
    },
    async (req) => core.authz.accessibleResources(callerOf(req), { ...req.body, limit: req.body.limit ?? 100 }),
  );
};
