import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { actorOf } from '../auth.js';
import { Id, NoContent, OrgParams, PlainText, RoleId, Strict, responses } from '../schemas.js';

const Role = Strict({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  builtIn: Type.Boolean(),
  permissions: Type.Array(Type.String(), { description: 'Permission keys, in catalog order.' }),
});
const ListedRole = Strict({
  ...Role.properties,
  memberCount: Type.Integer({
    minimum: 0,
    description: 'How many members of the organization hold the role (pending invitations not counted).',
  }),
});
const RoleParams = Strict({ orgId: Id('org'), roleId: RoleId });
const Permissions = Type.Array(Type.String({ maxLength: 200 }), {
  maxItems: 25_000, // the catalog's limit: 50 services of 500 permissions
  description: 'Keys of `GET /permissions`; duplicates are ignored.',
});
const RoleName = PlainText(60, { description: 'Unique in the organization, any case; `Admin`, `Editor` and `Viewer` are reserved.' });
const RoleDescription = PlainText(500, { minLength: 0 });

export const rolesRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Roles and permissions'];
  const signedIn = { auth: 'user' as const };
  const manage = { ...signedIn, access: { requirement: 'user-management:roles.manage' as const } };
  const escalation = 'Nobody creates, edits or deletes a role holding a permission they do not hold themselves (403 `authz.escalation`).';

  app.get(
    '/orgs/:orgId/roles',
    {
      config: { ...signedIn, access: { requirement: 'member' } },
      schema: {
        tags,
        summary: 'Built-in and custom roles with their permissions',
        params: OrgParams,
        response: responses({ 200: Type.Array(ListedRole) }, 401, 404),
      },
    },
    async (req) => core.roles.list(actorOf(req), req.params.orgId),
  );

  app.post(
    '/orgs/:orgId/roles',
    {
      config: { ...manage, idempotent: true },
      schema: {
        tags,
        summary: 'Create a custom role',
        description: `Any subset of the catalog. ${escalation}`,
        params: OrgParams,
        body: Strict({ name: RoleName, description: Type.Optional(RoleDescription), permissions: Permissions }),
        response: responses({ 201: Role }, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.code(201).send(await core.roles.create(actorOf(req), req.params.orgId, req.body)),
  );

  app.patch(
    '/orgs/:orgId/roles/:roleId',
    {
      config: { ...manage, idempotent: true },
      schema: {
        tags,
        summary: 'Edit a custom role',
        description: `Built-in roles are 409 \`role.built_in\`. \`permissions\` replaces the whole set. Holders have the new permissions from their next request on. ${escalation}`,
        params: RoleParams,
        body: Strict(
          { name: Type.Optional(RoleName), description: Type.Optional(RoleDescription), permissions: Type.Optional(Permissions) },
          { description: 'At least one field.' },
        ),
        response: responses({ 200: Role }, 401, 403, 404, 409),
      },
    },
    async (req) => core.roles.update(actorOf(req), req.params.orgId, req.params.roleId, req.body),
  );

  app.delete(
    '/orgs/:orgId/roles/:roleId',
    {
      config: { ...manage, idempotent: true },
      schema: {
        tags,
        summary: 'Delete a custom role',
        description: '409 `role.in_use` while a member or a pending invitation holds it; 409 `role.built_in` for the built-in roles.',
        params: RoleParams,
        response: responses({ 204: NoContent }, 401, 403, 404, 409),
      },
    },
    async (req, reply) => {
      await core.roles.delete(actorOf(req), req.params.orgId, req.params.roleId);
      return reply.code(204).send();
    },
  );
};
