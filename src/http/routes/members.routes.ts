import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { actorOf } from '../auth.js';
import { Cursor, DateTime, Id, Limit, NoContent, OrgParams, PageOf, RoleId, Strict, responses } from '../schemas.js';

const MemberParams = Strict({ orgId: Id('org'), userId: Id('usr') });
const RoleRef = Strict({ id: Type.String(), name: Type.String() });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const memberFields = {
  userId: Type.Union([Type.String(), Type.Null()], { description: '`null` for a pending invitation.' }),
  email: Type.String(),
  firstName: NullableString,
  lastName: NullableString,
  role: RoleRef,
  status: Type.Union([Type.Literal('active'), Type.Literal('invited')]),
  joinedAt: Type.Union([DateTime, Type.Null()]),
  invitedBy: Type.Union([Strict({ userId: Type.String(), firstName: Type.String(), lastName: Type.String() }), Type.Null()], {
    description: "`null` when the member founded the organization or the inviter's account is gone.",
  }),
  invitationId: Type.Optional(Type.String({ description: 'Present on pending invitations (`status: "invited"`).' })),
  invitedAt: Type.Optional(
    Type.Unsafe<Date | string>({
      type: 'string',
      format: 'date-time',
      description: 'Pending invitations: when it was sent first (a resend keeps this date).',
    }),
  ),
  expiresAt: Type.Optional(
    Type.Union([DateTime, Type.Null()], {
      description: 'Pending invitations: when the link stops working (`null`: never, `INVITATION_TTL=0`).',
    }),
  ),
};
const Member = Strict(memberFields);
const DeviceAccess = Strict({
  allDevices: Type.Boolean({ description: 'Admins always have every device.' }),
  deviceIds: Type.Array(Type.String()),
});
const MemberDetail = Strict({ ...memberFields, deviceAccess: DeviceAccess });

const SORTS = ['firstName', 'lastName', 'email', 'role', 'joinedAt'] as const;

export const membersRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Members'];
  const signedIn = { auth: 'user' as const };

  app.get(
    '/orgs/:orgId/members',
    {
      config: { ...signedIn, access: { requirement: 'user-management:access' } },
      schema: {
        tags,
        summary: 'Members of the organization',
        description:
          'Searchable (`q`: part of the first name, last name, full name or e-mail, any case), filterable by role, sorted by any of the columns (ties broken by user id), cursor-paged. Pages stay fast for organizations of 100,000 members, and a page does not shift when members are added or removed meanwhile. Text sorts by the Unicode code points of its lower-case form, the same on every installation. `status=invited|all` adds pending invitations.',
        params: OrgParams,
        querystring: Strict({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          role: Type.Optional(RoleId),
          status: Type.Union([Type.Literal('active'), Type.Literal('invited'), Type.Literal('all')], { default: 'active' }),
          sort: Type.Union(
            SORTS.map((s) => Type.Literal(s)),
            { default: 'lastName' },
          ),
          order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }),
          limit: Limit,
          cursor: Type.Optional(Cursor),
        }),
        response: responses({ 200: PageOf(Member) }, 401, 403, 404),
      },
    },
    async (req) => core.members.list(actorOf(req), req.params.orgId, req.query),
  );

  app.get(
    '/orgs/:orgId/members/:userId',
    {
      config: { ...signedIn, access: { requirement: 'user-management:access', orSelf: true } },
      schema: {
        tags,
        summary: 'One member, with device access (any member may read their own)',
        params: MemberParams,
        response: responses({ 200: MemberDetail }, 401, 403, 404),
      },
    },
    async (req) => core.members.get(actorOf(req), req.params.orgId, req.params.userId),
  );

  app.patch(
    '/orgs/:orgId/members/:userId',
    {
      config: { ...signedIn, idempotent: true, access: { requirement: 'user-management:users.change-role' } },
      schema: {
        tags,
        summary: "Change a member's role",
        description:
          "Only an Admin grants the Admin role or changes an Admin's role; nobody grants a role holding a permission they lack (403 `authz.escalation`). Demoting the last Admin is 409 `member.last_admin`. Takes effect on the member's very next request.",
        params: MemberParams,
        body: Strict({ roleId: RoleId }),
        response: responses({ 200: MemberDetail }, 401, 403, 404, 409),
      },
    },
    async (req) => core.members.changeRole(actorOf(req), req.params.orgId, req.params.userId, req.body),
  );

  app.delete(
    '/orgs/:orgId/members/:userId',
    {
      config: { ...signedIn, idempotent: true, access: { requirement: 'user-management:users.remove' } },
      schema: {
        tags,
        summary: 'Remove a member',
        description:
          'The removed user loses access at once. If it was their last organization, they get a new empty one (with themself as Admin) at once. Removing the last Admin is 409 `member.last_admin`; removing an Admin takes an Admin.',
        params: MemberParams,
        response: responses({ 204: NoContent }, 401, 403, 404, 409),
      },
    },
    async (req, reply) => {
      await core.members.remove(actorOf(req), req.params.orgId, req.params.userId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/orgs/:orgId/leave',
    {
      config: { ...signedIn, idempotent: true, access: { requirement: 'member' } },
      schema: {
        tags,
        summary: 'Leave the organization',
        description:
          'Same rules as removal: the last Admin cannot leave (409 `member.last_admin`; make someone else Admin, or delete the organization), and leaving your last organization gives you a new empty one. Your active organization moves to another one.',
        params: OrgParams,
        response: responses({ 204: NoContent }, 401, 404, 409),
      },
    },
    async (req, reply) => {
      await core.members.leave(actorOf(req), req.params.orgId);
      return reply.code(204).send();
    },
  );
};
