// A Smart Service's resources (upserted and deleted by its own key) and each member's access per
// resource type (shared/spec/PLATFORM.md, "Resources" and "Access to resources").
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/core.js';
import type { ServiceCaller } from '../../core/resources/resources.service.js';
import { actorOf, serviceOf } from '../auth.js';
import { Cursor, DateTime, Id, Limit, NoContent, OrgParams, PageOf, PlainText, Strict, responses } from '../schemas.js';

/** `<slug>:<type>` (a service's own type); `device` only where the route says so. */
const ResourceType = Type.String({
  maxLength: 81,
  pattern: '^[a-z][a-z0-9-]{1,39}:[a-z][a-z0-9-]{0,39}$',
  description: 'A resource type, `<service>:<type>` (e.g. `tsd:dashboard`).',
});
const AnyType = Type.String({
  maxLength: 81,
  pattern: '^(device|[a-z][a-z0-9-]{1,39}:[a-z][a-z0-9-]{0,39})$',
  description: '`device`, or a resource type `<service>:<type>`.',
});
const ExternalId = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^\\P{Cc}+$',
  description: "The service's own id of the resource: 1–200 printable characters, unique per organization and type.",
});
const Parent = Strict({ type: ResourceType, externalId: ExternalId });
const Resource = Strict({
  id: Type.String({ description: "Gatehouse's id, `res_…`: what access lists and `resource.id` in checks use." }),
  type: Type.String(),
  externalId: Type.String(),
  name: Type.String(),
  parent: Type.Union([Parent, Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const ResourceParams = Strict({ orgId: Id('org'), type: ResourceType, externalId: ExternalId });
const MemberParams = Strict({ orgId: Id('org'), userId: Id('usr') });
const Access = Strict({
  all: Type.Boolean({ description: 'Every resource of the type, present and future.' }),
  ids: Type.Array(Type.String({ maxLength: 64, pattern: '^(res|dev)_[0-9a-z]+$' }), {
    maxItems: 10_000,
    description: 'Otherwise exactly these: `res_…` ids, or `dev_…` for `device`. Access to a resource covers its descendants.',
  }),
});

/** The service key's caller (auth.ts `serviceOf`), collecting the revision its write reaches. */
function resourceCaller(req: FastifyRequest): ServiceCaller {
  return { kind: 'service', ...serviceOf(req), revisions: req.revisions };
}

export const resourcesRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Resources and access'];
  const serviceOnly =
    "The owning service's key only (`Authorization: Bearer gks_…` of the service that registered the type): a key of another service is 403.";

  app.put(
    '/orgs/:orgId/resources/:type/:externalId',
    {
      config: { auth: 'service' },
      schema: {
        tags,
        summary: 'Create or update a resource of your service (idempotent)',
        description: `${serviceOnly} 201 when created, 200 when it existed (its name and parent are replaced). \`parent\` is a resource of the type's parent type in the same organization (a hierarchy is at most 4 deep). With \`createdBy\` (a member who is not an Admin), that member gets access to it, as with devices they add. The answer carries \`Gatehouse-Revision\`.`,
        params: ResourceParams,
        body: Strict({
          name: PlainText(200),
          parent: Type.Optional(Parent),
          createdBy: Type.Optional(Id('usr')),
        }),
        response: responses({ 200: Resource, 201: Resource }, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const { orgId, type, externalId } = req.params;
      const { resource, created } = await core.resources.upsert(resourceCaller(req), orgId, type, externalId, req.body);
      return reply.code(created ? 201 : 200).send(resource);
    },
  );

  app.delete(
    '/orgs/:orgId/resources/:type/:externalId',
    {
      config: { auth: 'service' },
      schema: {
        tags,
        summary: 'Delete a resource of your service, with its descendants',
        description: `${serviceOnly} Its descendants go too, and every member's access to them. The answer carries \`Gatehouse-Revision\`.`,
        params: ResourceParams,
        response: responses({ 204: NoContent }, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const { orgId, type, externalId } = req.params;
      await core.resources.delete(resourceCaller(req), orgId, type, externalId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/orgs/:orgId/resources',
    {
      config: { auth: 'user', access: { requirement: 'member' } },
      schema: {
        tags,
        summary: 'The resources you may access, by name',
        description:
          "Admins see every resource; anyone else those of a type they have `all` of (or of an ancestor's type), and those they were given or whose ancestor they were given. `type`, `parent` (a `res_…` id) and `q` (part of the name or external id) filter. Paged by name, with a cursor.",
        params: OrgParams,
        querystring: Strict({
          type: Type.Optional(ResourceType),
          parent: Type.Optional(Id('res')),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Limit),
          cursor: Type.Optional(Cursor),
        }),
        response: responses({ 200: PageOf(Resource) }, 401, 404),
      },
    },
    async (req) => core.resources.list(actorOf(req), req.params.orgId, { ...req.query, limit: req.query.limit ?? 50 }),
  );

  app.get(
    '/orgs/:orgId/resources/:type/:externalId',
    {
      config: { auth: 'service-or-user' },
      schema: {
        tags,
        summary: 'One resource',
        description: "For a member who may access it (else 404, as for one that does not exist), or for the owning service's key.",
        params: ResourceParams,
        response: responses({ 200: Resource }, 401, 403, 404),
      },
    },
    async (req) => {
      const { orgId, type, externalId } = req.params;
      return core.resources.get(req.serviceClient ? resourceCaller(req) : actorOf(req), orgId, type, externalId);
    },
  );

  app.get(
    '/orgs/:orgId/members/:userId/access',
    {
      config: { auth: 'user', access: { requirement: 'user-management:access', orSelf: true } },
      schema: {
        tags,
        summary: "A member's access per resource type (any member may read their own)",
        description: '`device` first, then every registered resource type. Admins have `all` of every type.',
        params: MemberParams,
        response: responses({ 200: Type.Record(Type.String(), Access) }, 401, 403, 404),
      },
    },
    async (req) => core.access.get(actorOf(req), req.params.orgId, req.params.userId),
  );

  app.put(
    '/orgs/:orgId/members/:userId/access/:type',
    {
      config: { auth: 'user', idempotent: true, access: { requirement: 'user-management:users.device-access' } },
      schema: {
        tags,
        summary: "Replace a member's access to one resource type",
        description:
          '`all: true` gives every resource of the type, present and future; otherwise exactly `ids`. `device` is the device access of `…/device-access`. Nobody grants access they do not have (403 `authz.access_escalation`, `authz.device_escalation` for devices), nor changes their own unless Admin; Admins always have everything (409). The answer carries `Gatehouse-Revision`.',
        params: Strict({ orgId: Id('org'), userId: Id('usr'), type: AnyType }),
        body: Access,
        response: responses({ 200: Access }, 401, 403, 404, 409),
      },
    },
    async (req) => core.access.set(actorOf(req), req.params.orgId, req.params.userId, req.params.type, req.body),
  );
};
