import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { actorOf } from '../auth.js';
import { Cursor, DateTime, Email, Id, Limit, NoContent, OrgParams, PageOf, RoleId, Strict, Token, responses } from '../schemas.js';

const RoleRef = Strict({ id: Type.String(), name: Type.String() });
const Person = Strict({ userId: Type.String(), firstName: Type.String(), lastName: Type.String() });
const STATUSES = ['pending', 'accepted', 'declined', 'revoked', 'expired'] as const;
const invitationFields = {
  id: Type.String(),
  email: Type.String(),
  role: RoleRef,
  invitedBy: Type.Union([Person, Type.Null()]),
  createdAt: DateTime,
  expiresAt: Type.Union([DateTime, Type.Null()], { description: '`null`: never expires (`INVITATION_TTL=0`).' }),
  status: Type.Union(STATUSES.map((s) => Type.Literal(s))),
  delivery: Type.Union([Type.Literal('email'), Type.Literal('link')]),
  deviceAccess: Strict({ allDevices: Type.Boolean(), deviceIds: Type.Array(Type.String()) }),
  access: Type.Record(Type.String(), Strict({ all: Type.Boolean(), ids: Type.Array(Type.String()) }), {
    description: 'Access per resource type, applied at acceptance.',
  }),
  message: Type.Union([Type.String(), Type.Null()]),
};
const Invitation = Strict(invitationFields);
const Created = Strict({
  invitation: Invitation,
  delivery: Type.Union([Type.Literal('email'), Type.Literal('link')]),
  link: Type.Optional(
    Type.String({
      description: 'Only for `delivery: "link"` (another domain than yours): pass it on yourself. A mailed link is never shown.',
    }),
  ),
});
const InvitationParams = Strict({ orgId: Id('org'), invitationId: Id('inv') });
const Message = Type.String({
  maxLength: 1000,
  pattern: '^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f]*$',
  description: 'Shown in the invitation mail; line breaks allowed.',
});
/** Access per resource type (`<service>:<type>`; devices are `deviceAccess`). */
const ResourceAccess = Type.Record(
  Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}:[a-z][a-z0-9-]{0,39}$' }),
  Strict({ all: Type.Boolean(), ids: Type.Array(Type.String({ maxLength: 64, pattern: '^res_[0-9a-z]+$' }), { maxItems: 1000 }) }),
  {
    description:
      'Access per resource type, `{"tsd:dashboard-group": {all, ids}}`, applied at acceptance like `deviceAccess` and under the same rules (403 `authz.access_escalation`).',
  },
);
const DeviceAccess = Strict({ allDevices: Type.Boolean(), deviceIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 }) });
const Accepted = Strict({ organizationId: Type.String(), role: RoleRef });
const linkOnce =
  'With an `Idempotency-Key`, a retry of an answer that carried a `link` does not get the link again (it is never stored): it answers 409 `idempotency.secret_not_replayed`, the request applied once, with `location` where to read the invitations; resend the invitation for a new link.';
const deliveryRule =
  "If the invitee's e-mail domain equals yours (exactly, after lower-casing and IDNA normalisation: `sub.acme.com` is not `acme.com`), the invitation is mailed and no link is returned; otherwise nothing is mailed and the response carries the link for you to pass on (data protection, as in Proficloud). The decision and its reason are in the audit log.";

export const invitationsRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Invitations'];
  const signedIn = { auth: 'user' as const };
  const invite = { ...signedIn, access: { requirement: 'user-management:users.invite' as const } };
  const linkShownOnce = {
    fields: ['link'],
    readAt: (req: { params: unknown }) => `/orgs/${(req.params as { orgId: string }).orgId}/invitations?status=pending`,
  };

  app.post(
    '/orgs/:orgId/invitations',
    {
      config: { ...invite, idempotent: true, shownOnce: linkShownOnce },
      schema: {
        tags,
        summary: 'Invite someone with a role and device access',
        description: `${deliveryRule} ${linkOnce} One pending invitation per address and organization. Nobody invites with a role holding a permission they lack; setting device access needs \`users.device-access\` (403 \`authz.escalation\`). At most INVITATIONS_PER_ORG_PER_HOUR per organization (429).`,
        params: OrgParams,
        body: Strict({
          email: Email,
          roleId: RoleId,
          message: Type.Optional(Message),
          deviceAccess: Type.Optional(DeviceAccess),
          access: Type.Optional(ResourceAccess),
        }),
        response: responses({ 201: Created }, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.code(201).send(await core.invitations.create(actorOf(req), req.params.orgId, req.body)),
  );

  app.get(
    '/orgs/:orgId/invitations',
    {
      config: { ...signedIn, access: { requirement: 'user-management:access' } },
      schema: {
        tags,
        summary: "The organization's invitations, newest first",
        params: OrgParams,
        querystring: Strict({
          status: Type.Union(
            [...STATUSES, 'all' as const].map((s) => Type.Literal(s)),
            { default: 'pending' },
          ),
          limit: Limit,
          cursor: Type.Optional(Cursor),
        }),
        response: responses({ 200: PageOf(Invitation) }, 401, 403, 404),
      },
    },
    async (req) => core.invitations.list(actorOf(req), req.params.orgId, req.query),
  );

  app.post(
    '/orgs/:orgId/invitations/:invitationId/resend',
    {
      config: { ...invite, idempotent: true, shownOnce: linkShownOnce },
      schema: {
        tags,
        summary: 'Send a pending invitation again: a new link, the old one dead',
        description: `${deliveryRule} ${linkOnce}`,
        params: InvitationParams,
        response: responses({ 200: Created }, 401, 403, 404, 409),
      },
    },
    async (req) => core.invitations.resend(actorOf(req), req.params.orgId, req.params.invitationId),
  );

  app.delete(
    '/orgs/:orgId/invitations/:invitationId',
    {
      config: { ...invite, idempotent: true },
      schema: {
        tags,
        summary: 'Revoke a pending invitation',
        params: InvitationParams,
        response: responses({ 204: NoContent }, 401, 403, 404, 409),
      },
    },
    async (req, reply) => {
      await core.invitations.revoke(actorOf(req), req.params.orgId, req.params.invitationId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/invitations/preview',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'What an invitation link is about (for the invitation page)',
        querystring: Strict({ token: Token }),
        response: responses({
          200: Strict({
            organization: Strict({ name: Type.String() }),
            invitedBy: Type.Union([Strict({ firstName: Type.String(), lastName: Type.String() }), Type.Null()]),
            role: Strict({ name: Type.String() }),
            email: Type.String(),
            status: Type.String(),
            message: Type.Union([Type.String(), Type.Null()], { description: "The inviter's message, as written." }),
            expiresAt: invitationFields.expiresAt,
          }),
        }),
      },
    },
    async (req) => core.invitations.preview(req.query.token),
  );

  app.post(
    '/invitations/accept',
    {
      config: { ...signedIn, idempotent: true },
      schema: {
        tags,
        summary: "Accept an invitation with its link's token",
        description:
          'Needs a signed-in user whose verified e-mail is the invited one (403 `invitation.email_mismatch` otherwise): the link alone never creates a membership. Exactly one membership results however often and concurrently this is called; later calls are 409 `invitation.not_pending`.',
        body: Strict({ token: Token }),
        response: responses({ 200: Accepted }, 401, 403, 409),
      },
    },
    async (req) => core.invitations.acceptByToken(actorOf(req), req.body.token),
  );

  app.post(
    '/invitations/decline',
    {
      config: { ...signedIn, idempotent: true },
      schema: {
        tags,
        summary: "Decline an invitation with its link's token",
        body: Strict({ token: Token }),
        response: responses({ 204: NoContent }, 401, 403, 409),
      },
    },
    async (req, reply) => {
      await core.invitations.declineByToken(actorOf(req), req.body.token);
      return reply.code(204).send();
    },
  );

  const Mine = Strict({ ...invitationFields, organization: Strict({ id: Type.String(), name: Type.String() }) });
  app.get(
    '/me/invitations',
    {
      config: signedIn,
      schema: { tags, summary: 'Pending invitations addressed to your verified e-mail', response: responses({ 200: PageOf(Mine) }, 401) },
    },
    async (req) => core.invitations.listMine(actorOf(req)),
  );

  const MineParams = Strict({ invitationId: Id('inv') });
  app.post(
    '/me/invitations/:invitationId/accept',
    {
      config: { ...signedIn, idempotent: true },
      schema: {
        tags,
        summary: 'Accept one of your invitations',
        params: MineParams,
        response: responses({ 200: Accepted }, 401, 404, 409),
      },
    },
    async (req) => core.invitations.acceptMine(actorOf(req), req.params.invitationId),
  );

  app.post(
    '/me/invitations/:invitationId/decline',
    {
      config: { ...signedIn, idempotent: true },
      schema: {
        tags,
        summary: 'Decline one of your invitations',
        params: MineParams,
        response: responses({ 204: NoContent }, 401, 404, 409),
      },
    },
    async (req, reply) => {
      await core.invitations.declineMine(actorOf(req), req.params.invitationId);
      return reply.code(204).send();
    },
  );
};
