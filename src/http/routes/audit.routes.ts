import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { AUDIT_ACTIONS } from '../../core/audit/audit.js';
import { actorOf } from '../auth.js';
import { Cursor, DateTime, Id, Limit, OrgParams, PageOf, Strict, responses } from '../schemas.js';

const AuditEvent = Strict({
  id: Type.String(),
  action: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()], { description: '`null` for changes the service made itself (a new empty organization).' }),
  target: Type.Union([Strict({ type: Type.String(), id: Type.String() }), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  details: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/orgs/:orgId/audit-events', {
    config: { auth: 'user', access: { requirement: 'user-management:access' } },
    schema: {
      tags: ['Audit log'], summary: 'The organization\'s audit log, newest first',
      description: `Append-only: every change is recorded together with the change itself (no change without its event, no event without its change). Actions: ${AUDIT_ACTIONS.map((a) => `\`${a}\``).join(', ')}.`,
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
  }, async (req) => core.audit.list(actorOf(req), req.params.orgId, req.query));
};
