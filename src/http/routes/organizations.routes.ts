import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { actorOf } from '../auth.js';
import { Cursor, DateTime, Email, Limit, NoContent, OrgParams, PageOf, PlainText, Strict, responses } from '../schemas.js';

const Organization = Strict({ id: Type.String(), name: Type.String(), createdAt: DateTime });
const OrganizationDetail = Strict({
  id: Type.String(),
  name: Type.String(),
  createdAt: DateTime,
  memberCount: Type.Integer(),
  requireMfa: Type.Boolean({
    description: 'Members must sign in with a second factor: a session without one gets 403 `auth.mfa_required` on this organization.',
  }),
  membersWithoutMfa: Type.Optional(
    Type.Integer({ minimum: 0, description: 'For Admins only: how many members have no second factor yet.' }),
  ),
});
const RoleRef = Strict({ id: Type.String(), name: Type.String() });
const OrganizationListItem = Strict({
  id: Type.String(),
  name: Type.String(),
  role: RoleRef,
  active: Type.Boolean({ description: "The caller's active organization." }),
});
const OrgName = PlainText(100, { description: 'Shown to every member; leading and trailing spaces are dropped.' });

const BillingInput = Strict({
  companyName: PlainText(200),
  street: PlainText(200),
  postalCode: PlainText(20),
  city: PlainText(100),
  country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code (`DE`, `AT`…); stored upper-case.' }),
  vatId: Type.Optional(Type.Union([Type.String({ maxLength: 20, pattern: '^[A-Za-z0-9 .-]*$' }), Type.Null()])),
  billingEmail: Email,
});
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const BillingView = Strict({
  companyName: Nullable(Type.String()),
  street: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  city: Nullable(Type.String()),
  country: Nullable(Type.String()),
  vatId: Nullable(Type.String()),
  billingEmail: Nullable(Type.String()),
  updatedAt: Type.Union([DateTime, Type.Null()]),
});
const EMPTY_BILLING = {
  companyName: null,
  street: null,
  postalCode: null,
  city: null,
  country: null,
  vatId: null,
  billingEmail: null,
  updatedAt: null,
};

const MyMembership = Strict({
  role: RoleRef,
  permissions: Type.Array(Type.String()),
  deviceAccess: Strict({ allDevices: Type.Boolean(), deviceIds: Type.Array(Type.String()) }),
});

export const organizationsRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Organizations'];
  const signedIn = { auth: 'user' as const };

  app.post(
    '/orgs',
    {
      config: { ...signedIn, idempotent: true },
      schema: {
        tags,
        summary: 'Create an organization; you are its Admin',
        description: 'Your active organization does not change; switch with `PUT /me/active-organization`.',
        body: Strict({ name: OrgName }),
        response: responses({ 201: Organization }, 401),
      },
    },
    async (req, reply) => reply.code(201).send(await core.organizations.create(actorOf(req), req.body)),
  );

  app.get(
    '/orgs',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Your organizations, by name',
        querystring: Strict({
          q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name, any case.' })),
          limit: Limit,
          cursor: Type.Optional(Cursor),
        }),
        response: responses({ 200: PageOf(OrganizationListItem) }, 401),
      },
    },
    async (req) => core.organizations.list(actorOf(req), req.query),
  );

  app.get(
    '/orgs/:orgId',
    {
      config: { ...signedIn, access: { requirement: 'member' } },
      schema: {
        tags,
        summary: 'One organization you are a member of',
        params: OrgParams,
        response: responses({ 200: OrganizationDetail }, 401, 404),
      },
    },
    async (req) => core.organizations.get(actorOf(req), req.params.orgId),
  );

  app.patch(
    '/orgs/:orgId',
    {
      config: { ...signedIn, idempotent: true, access: { requirement: 'organization:rename' } },
      schema: {
        tags,
        summary: 'Rename the organization, or require a second factor of its members',
        description:
          "`requireMfa` is for Admins only (403 `authz.forbidden` otherwise), and an Admin who turns it on must have a second factor themself (409 `organization.mfa_admin_without_factor`). From then on, a member whose session was signed in without a second factor gets 403 `auth.mfa_required` on this organization's routes, `/authz/check` answers `mfa_required` for members without any factor, and OpenID Connect sign-ins for it need a session with one.",
        params: OrgParams,
        body: Type.Object(
          { name: Type.Optional(OrgName), requireMfa: Type.Optional(Type.Boolean()) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: responses({ 200: OrganizationDetail }, 401, 403, 404, 409),
      },
    },
    async (req) => core.organizations.update(actorOf(req), req.params.orgId, req.body),
  );

  app.get(
    '/orgs/:orgId/billing',
    {
      config: { ...signedIn, access: { requirement: 'organization:billing.edit' } },
      schema: {
        tags,
        summary: 'Billing information',
        description: 'Every field is `null` until the billing information was first set.',
        params: OrgParams,
        response: responses({ 200: BillingView }, 401, 403, 404),
      },
    },
    async (req) => (await core.organizations.getBilling(actorOf(req), req.params.orgId)) ?? EMPTY_BILLING,
  );

  app.put(
    '/orgs/:orgId/billing',
    {
      config: { ...signedIn, idempotent: true, access: { requirement: 'organization:billing.edit' } },
      schema: {
        tags,
        summary: 'Set the billing information (replaces all of it)',
        description:
          'Billing belongs to the organization, not to a person (as in Proficloud). `country` must be an assigned ISO 3166-1 alpha-2 code; `vatId` is stored without spaces, upper-case.',
        params: OrgParams,
        body: BillingInput,
        response: responses({ 200: BillingView }, 401, 403, 404),
      },
    },
    async (req) => core.organizations.putBilling(actorOf(req), req.params.orgId, { ...req.body, vatId: req.body.vatId ?? null }),
  );

  app.delete(
    '/orgs/:orgId',
    {
      config: { ...signedIn, idempotent: true, access: { requirement: 'admin' } },
      schema: {
        tags,
        summary: 'Delete the organization (Admins)',
        description:
          'Deletes its roles, billing information, memberships, devices and pending invitations. Members for whom it was the last organization each get a new empty organization at once, so nobody is left without one.',
        params: OrgParams,
        response: responses({ 204: NoContent }, 401, 403, 404),
      },
    },
    async (req, reply) => {
      await core.organizations.delete(actorOf(req), req.params.orgId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/orgs/:orgId/me',
    {
      config: { ...signedIn, access: { requirement: 'member' } },
      schema: {
        tags,
        summary: 'Your membership: role, its permissions, device access',
        params: OrgParams,
        response: responses({ 200: MyMembership }, 401, 404),
      },
    },
    async (req) => core.organizations.myMembership(actorOf(req), req.params.orgId),
  );
};
