import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { AUDIT_ACTIONS } from '../../core/audit/audit.js';
import { actorOf } from '../auth.js';
import { Cursor, DateTime, Id, Limit, OrgParams, PageOf, Strict, responses } from '../schemas.js';

const Redacted = Strict({ redacted: Type.Literal(true) }, { description: 'A value the reader may not see (shown as "hidden").' });
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
const AuditEvent = Strict({
  id: Type.String(),
  action: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()], {
    description: '`null` for changes the service made itself (a new empty organization).',
  }),
  actor: Type.Union([Strict({ id: Type.String(), name: Nullable(Type.String()), email: Nullable(Type.String()) }), Type.Null()], {
    description: 'Who made the change, named as they were at the event (`name`/`email` are `null` for events recorded before names were).',
  }),
  target: Type.Union([
    Strict({
      type: Type.String(),
      id: Type.String(),
      name: Type.Union([Type.String(), Redacted, Type.Null()], { description: 'As it was at the event.' }),
      email: Nullable(Type.String()),
    }),
    Type.Null(),
  ]),
  before: Type.Unknown({ description: 'Values the reader may not see are `{ "redacted": true }`.' }),
  after: Type.Unknown({ description: 'As `before`.' }),
  details: Type.Unknown(),
  deviceNames: Type.Record(Type.String(), Type.Union([Type.String(), Redacted]), {
    description: 'The devices the event lists, named as they were; `{ "redacted": true }` for one the reader may not open.',
  }),
  redacted: Type.Boolean({ description: 'Something in this event is hidden from the reader.' }),
  requestId: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get(
    '/orgs/:orgId/audit-events',
    {
      config: { auth: 'user', access: { requirement: 'user-management:access' } },
      schema: {
        tags: ['Audit log'],
        summary: "The organization's audit log, newest first",
        description: `Append-only: every change is recorded together with the change itself (no change without its event, no event without its change). Names (of the actor, the target, the devices listed) are those at the time of the event. What the reader may not see is replaced by \`{ "redacted": true }\` and the event says \`redacted: true\`: billing data unless the reader holds \`organization:billing.edit\`; a device's details (name, UUID, location …) unless the reader may open that device (\`device-management:devices.view\` and access to it). Actions: ${AUDIT_ACTIONS.map((a) => `\`${a}\``).join(', ')}.`,
        params: OrgParams,
        querystring: Strict({
          action: Type.Optional(Type.String({ maxLength: 60, pattern: '^[a-z_.]+$' })),
          actorId: Type.Optional(Id('usr')),
          targetId: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z0-9_]+$' })),
          limit: Limit,
          cursor: Type.Optional(Cursor),
        }),
        response: responses({ 200: PageOf(AuditEvent) }, 401, 403, 404),
      },
    },
    async (req) => core.audit.list(actorOf(req), req.params.orgId, req.query),
  );
};
