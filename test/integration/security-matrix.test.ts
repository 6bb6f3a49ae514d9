// The security matrix: every route of the API, generated from the routes the app registered (its
// `routeTable`), so a new route without an entry here fails, and so does an entry for a route that
// is gone. For each route:
//   - public routes answer without a session;
//   - anonymous (no session, an unknown token, a malformed Authorization header) → 401;
//   - a signed-in user of another organization using this organization's ids → 404, the very same
//     answer as for an organization id that does not exist (no existence oracle); the same for
//     someone else's invitation;
//   - an Admin of organization B naming, under B, a member, role or invitation of organization A →
//     404, the same as an unknown id, and A untouched;
//   - each built-in role → allowed, or 403 `authz.forbidden`, exactly as API.md and the A/E/V columns
//     of PERMISSIONS.md say (and "or self" routes allow a member acting on themself);
//   - the HEAD twin of every GET route follows the same policy;
//   - a member who may not reach a device (not Admin, no `allDevices`, not in their set) gets 404
//     for it, the same answer as for a device that does not exist; a device of organization A named
//     under organization B → 404 (in the path) or 400 (in a body), and nothing changed;
//   - the authorization API (`/authz/*`) answers a service key about anyone and a signed-in user about
//     themself only (403 otherwise); a service key opens nothing else (401), and an answer never
//     mixes organizations (a device of another organization is `unknown_device`);
//   - the events and a service's webhooks answer service keys only (401 for a signed-in user), and a
//     service's webhooks its own key only (403 `service.forbidden` for another service's key or a
//     key of no service);
//   - a Smart Service's resource routes answer its own key only: another service's key or a key of
//     no service → 403 `service.forbidden`, a signed-in user → 401 (the writes), another organization's resource → 404;
//   - every JSON body with a smuggled field (`role`, `orgId`, `emailVerified`, `id`, `__proto__`…) →
//     400 `request.invalid` naming it, and nothing changed anywhere in the database.
// "Nothing changed" is a fingerprint of every table of the database (columns that the service updates
// in the background, such as a session's last use or a mail's delivery state, left out).
import { specPath } from '../support/spec.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Requirement } from '../../src/core/authz/authz.js';
import type { BuiltInRoleId } from '../../src/core/authz/permissions.js';
import { builtInRolePermissions } from '../support/shipped-catalog.js';
import { hashSecret } from '../../src/core/clock-random.js';
import { tokenFrom } from '../support/smtp.js';
import { serviceWithKey } from '../support/services.js';
import { softwareAuthenticator } from '../support/software-authenticator.js';
import { totpCodeAt } from '../../src/core/mfa/totp.js';
import { registerSmartService, TSD } from '../support/smart-services.js';
import { withoutRevisions } from '../support/revisions.js';
import { fingerprint as fingerprintOf, fingerprintSql, tableNames, type Query } from '../support/db-checks.js';
import {
  addMember,
  signUpAndLogin,
  signUpMany,
  startTestService,
  uniqueEmail,
  PUBLIC_URL,
  STRONG_PASSWORD,
  type RequestOptions,
  type Response,
  type SignedUpUser,
  type TestService,
} from '../support/service.js';

const API = '/api/v1';
const ROLES: readonly BuiltInRoleId[] = ['admin', 'editor', 'viewer'];
/** Routes of the API prefix that are not part of the matrix: the OpenAPI document itself. */
const NOT_IN_MATRIX = new Set([`GET ${API}/openapi.json`]);
const PROBLEM_JSON = 'application/problem+json';

// ---------------------------------------------------------------------------------------------
// Fixtures

interface Pool {
  owner: SignedUpUser;
  members: Record<BuiltInRoleId, SignedUpUser>;
  target: SignedUpUser;
  /** Admin of organization B (their own organization), member of no matrix organization. */
  outsider: SignedUpUser;
  /** A Viewer of organization B. */
  bMember: SignedUpUser;
  /** For the signed-in routes that change nothing irreversible. */
  me: SignedUpUser;
  /** An Admin of another e-mail domain: their invitations come back as links, with the token. */
  linkAdmin: SignedUpUser;
}

/**
 * An organization founded by `owner` (Admin) with one member of each built-in role, a Viewer to act
 * on (`target`), a custom role that nobody holds and a pending invitation (of another address).
 * Two devices: the Editor and the Viewer have exactly `deviceId` in their device set, so
 * `hiddenDeviceId` is out of their reach; `target` has every device (`allDevices`).
 */
interface Fixture {
  orgId: string;
  owner: SignedUpUser;
  members: Record<BuiltInRoleId, SignedUpUser>;
  target: SignedUpUser;
  customRoleId: string;
  invitationId: string;
  invitationToken: string;
  /** "Matrix device": reached by every member. */
  deviceId: string;
  /** The device token `deviceId` was registered with. */
  deviceToken: string;
  /** "Hidden device": reached only by the Admins and `target`. */
  hiddenDeviceId: string;
  /** The Time Series Data Service's dashboard group `grp` holding dashboard `dash` (reached by the Admins only). */
  groupId: string;
  dashboardId: string;
}

/** A request: the path without the `/api/v1` prefix, and the JSON body if the route takes one. */
interface Call {
  path: string;
  body?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// The matrix: one entry per route, keyed as the route table names it.

interface PublicCase {
  kind: 'public';
  /** A valid request; may prepare what it needs (a mailed token). */
  build: () => Promise<Call>;
  /** What the route answers without any session. */
  status: number;
}

interface SignedInCase {
  kind: 'signed-in';
  /** `fresh`: the request changes its user for good (logout, password…): each use gets a new user. */
  user: 'shared' | 'fresh';
  build: (u: SignedUpUser) => Call | Promise<Call>;
  status: number;
}

interface OrgCase {
  kind: 'org';
  /** What API.md says the route requires. */
  requirement: Requirement;
  /** The route also allows a member acting on themself (`{userId}` = the caller). */
  orSelf?: boolean;
  /** Changes state when allowed: each caller gets a new fixture. */
  writes: boolean;
  /**
   * The ids of another organization it can be handed: `{userId}`, `{roleId}`, `{invitationId}`,
   * `{deviceId}` in the path, `roleId` or `deviceIds` in the body.
   */
  foreignIds?: ('member' | 'role' | 'invitation' | 'device' | 'bodyRole' | 'bodyDevice')[];
  build: (f: Fixture, caller: SignedUpUser) => Call;
  status: number;
  /** Checks the answer and the effect of an allowed call. */
  check: (f: Fixture, caller: SignedUpUser, res: Response) => Promise<void> | void;
}

/** The authorization API: for a service key (about anyone) or a signed-in user (about themself). */
interface AuthzCase {
  kind: 'authz';
  /** A question about `subject`, in the shared organization. */
  build: (subject: SignedUpUser) => Call;
  /** The answer, by the subject's role in the shared organization (`undefined`: not a member). */
  answer: (role: BuiltInRoleId | undefined) => unknown;
}

/**
 * A service key's route (`auth: 'service'`, or `'service-or-user'` for a resource read);
 * `ownService`: the key of the service the path names only (403 `service.forbidden` for another
 * service's key or a key of no service). `resource`: a route on a Smart Service's resources, built on
 * a fixture's resources (the group `grp`, the dashboard `dash`) and sent with the key of `tsd`.
 */
interface ServiceCase {
  kind: 'service';
  ownService: boolean;
  auth?: 'service-or-user';
  resource?: { writes: boolean; check: (f: Fixture, res: Response) => Promise<void> | void };
  build: (f: Fixture) => Call | Promise<Call>;
  status: number;
}

type Case = PublicCase | SignedInCase | OrgCase | AuthzCase | ServiceCase;

let svc: TestService;
let pool: Pool;
let shared: Fixture;
/** Organization B: `outsider` is its Admin, `bMember` a Viewer. */
let orgB: string;
let spares: SignedUpUser[] = [];
/** A device of organization B (registered by its Admin, `outsider`). */
let bDeviceId: string;
/** A service client's key (`gks_…`), and the key of a revoked one. */
let serviceKey: string;
let revokedServiceKey: string;
/** The key of the service `matrix-svc`, and of another service. */
let ownServiceKey: string;
let otherServiceKey: string;
/** A webhook of `matrix-svc` (on a closed port of loopback; it subscribes to a type the matrix never emits). */
let webhookId: string;
let deliveryId: string;
/** A registered service (`matrix-svc`): its key may PUT its manifest and manage its webhooks. */
const MATRIX_SERVICE = {
  service: 'matrix-svc',
  name: { en: 'Matrix service', de: 'Matrix-Service' },
  resourceTypes: [{ type: 'thing', name: { en: 'Thing' } }],
  permissions: [{ action: 'access', label: { en: 'Access' }, description: { en: 'Open the matrix service' }, roles: ['admin', 'editor'] }],
};
/** The key of the service owning `tsd:*` resources. */
let tsdKey: string;
let requests = 0;
const startedAt = Date.now();

const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => svc.gatehouse.db.query<T>(text, params);
const roleOf = async (orgId: string, userId: string) =>
  (await sql<{ role_id: string }>('SELECT role_id FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, userId]))[0]?.role_id;

async function spare(): Promise<SignedUpUser> {
  return spares.pop() ?? signUpAndLogin(svc);
}

/** A pending invitation of `email` into a new organization (delivered as a link). */
async function invitationFor(email: string): Promise<{ id: string; token: string }> {
  const org = await svc.request('POST', '/orgs', { name: 'Inviting organization' }, { token: pool.linkAdmin.token });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  const inv = await svc.request('POST', `/orgs/${org.body.id}/invitations`, { email, roleId: 'viewer' }, { token: pool.linkAdmin.token });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  assert.equal(inv.body.delivery, 'link');
  return { id: inv.body.invitation.id, token: tokenOfLink(inv.body.link) };
}

const tokenOfLink = (link: string) => {
  const token = new URL(link).searchParams.get('token');
  assert.ok(token, link);
  return token;
};

async function mailedToken(email: string, page: string): Promise<string> {
  const mail = await svc.smtp.waitFor(email, (m) => m.text.includes(`/${page}?token=`));
  return tokenFrom(mail, page);
}

// Second factors: a user with an authenticator app enabled (its recovery codes), or a passkey.
const authenticators = new Map<string, ReturnType<typeof softwareAuthenticator>>();
async function withTotp(u: SignedUpUser): Promise<string[]> {
  const start = await svc.request('POST', '/me/mfa/totp', undefined, { token: u.token });
  assert.equal(start.status, 200, JSON.stringify(start.body));
  const done = await svc.request(
    'POST',
    '/me/mfa/totp/confirm',
    { code: totpCodeAt(start.body.secret, svc.clock.now()) },
    { token: u.token },
  );
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return done.body.recoveryCodes;
}
async function withPasskey(u: SignedUpUser): Promise<{ id: string; recoveryCodes: string[] }> {
  const authenticator = softwareAuthenticator({ origin: new URL(PUBLIC_URL).origin });
  authenticators.set(u.userId, authenticator);
  const options = await svc.request('POST', '/me/passkeys/options', undefined, { token: u.token });
  const res = await svc.request(
    'POST',
    '/me/passkeys',
    { response: authenticator.create(options.body), name: 'Matrix key' },
    { token: u.token },
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.passkey.id, recoveryCodes: res.body.recoveryCodes };
}
/**
 * The shared user (`pool.me`) builds requests that are only looked at or refused (anonymous, a
 * service key, the body's shape): it gets no factor, so the other routes it serves stay as they are.
 */
const MATRIX_RECOVERY_CODE = 'aaaa-bbbb-cccc-dddd';
const isShared = (u: SignedUpUser) => u === pool.me;

const BILLING = {
  companyName: 'Acme GmbH',
  street: 'Flachsmarktstr. 8',
  postalCode: '32825',
  city: 'Blomberg',
  country: 'DE',
  vatId: 'DE123456789',
  billingEmail: 'billing@acme.example',
};

const CASES: Record<string, Case> = {
  // Accounts and sessions, public.
  [`POST ${API}/auth/signup`]: {
    kind: 'public',
    status: 202,
    build: async () => ({
      path: '/auth/signup',
      body: { email: uniqueEmail('matrix'), password: STRONG_PASSWORD, firstName: 'Matrix', lastName: 'Signup' },
    }),
  },
  [`POST ${API}/auth/verify-email`]: {
    kind: 'public',
    status: 200,
    build: async () => {
      const email = uniqueEmail('verify');
      const signup = await svc.request('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName: 'Verify', lastName: 'Me' });
      assert.equal(signup.status, 202);
      return { path: '/auth/verify-email', body: { token: await mailedToken(email, 'verify-email'), password: STRONG_PASSWORD } };
    },
  },
  [`POST ${API}/auth/resend-verification`]: {
    kind: 'public',
    status: 202,
    build: async () => ({ path: '/auth/resend-verification', body: { email: uniqueEmail('resend') } }),
  },
  [`POST ${API}/auth/login`]: {
    kind: 'public',
    status: 200,
    build: async () => ({ path: '/auth/login', body: { email: pool.me.email, password: pool.me.password } }),
  },
  [`POST ${API}/auth/password-reset`]: {
    kind: 'public',
    status: 202,
    build: async () => ({ path: '/auth/password-reset', body: { email: pool.me.email } }),
  },
  [`POST ${API}/auth/password-reset/confirm`]: {
    kind: 'public',
    status: 204,
    build: async () => {
      const u = await spare();
      assert.equal((await svc.request('POST', '/auth/password-reset', { email: u.email })).status, 202);
      return {
        path: '/auth/password-reset/confirm',
        body: { token: await mailedToken(u.email, 'reset-password'), password: 'Another-Battery-77-Staple' },
      };
    },
  },
  [`POST ${API}/auth/confirm-email-change`]: {
    kind: 'public',
    status: 200,
    build: async () => {
      const u = await spare();
      const newEmail = uniqueEmail('changed');
      assert.equal((await svc.request('POST', '/me/email-change', { newEmail, password: u.password }, { token: u.token })).status, 202);
      return { path: '/auth/confirm-email-change', body: { token: await mailedToken(newEmail, 'confirm-email-change') } };
    },
  },

  [`POST ${API}/auth/login/mfa`]: {
    kind: 'public',
    status: 200,
    build: async () => {
      const u = await spare();
      const [recoveryCode] = await withTotp(u);
      const login = await svc.request('POST', '/auth/login', { email: u.email, password: u.password });
      assert.equal(login.body.mfaRequired, true, JSON.stringify(login.body));
      return { path: '/auth/login/mfa', body: { mfaToken: login.body.mfaToken, recoveryCode } };
    },
  },
  [`POST ${API}/auth/passkey/options`]: { kind: 'public', status: 200, build: async () => ({ path: '/auth/passkey/options', body: {} }) },
  [`POST ${API}/auth/passkey`]: {
    kind: 'public',
    status: 200,
    build: async () => {
      const u = await spare();
      await withPasskey(u);
      const options = await svc.request('POST', '/auth/passkey/options', {});
      return { path: '/auth/passkey', body: { response: authenticators.get(u.userId)!.get(options.body) } };
    },
  },
  [`GET ${API}/auth/password-policy`]: { kind: 'public', status: 200, build: async () => ({ path: '/auth/password-policy' }) },

  [`GET ${API}/invitations/preview`]: {
    kind: 'public',
    status: 200,
    build: async () => ({ path: `/invitations/preview?token=${(await invitationFor(uniqueEmail('preview'))).token}` }),
  },

  // Accounts and sessions, signed in.
  [`POST ${API}/auth/logout`]: { kind: 'signed-in', user: 'fresh', status: 204, build: () => ({ path: '/auth/logout' }) },
  [`GET ${API}/me`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/me' }) },
  [`PATCH ${API}/me`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/me', body: { firstName: 'Renamed' } }) },
  [`PUT ${API}/me/password`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 204,
    build: (u) => ({ path: '/me/password', body: { currentPassword: u.password, newPassword: 'Another-Battery-77-Staple' } }),
  },
  [`POST ${API}/me/email-change`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 202,
    build: (u) => ({ path: '/me/email-change', body: { newEmail: uniqueEmail('new'), password: u.password } }),
  },
  [`PUT ${API}/me/active-organization`]: {
    kind: 'signed-in',
    user: 'shared',
    status: 200,
    build: (u) => ({ path: '/me/active-organization', body: { organizationId: u.activeOrganizationId } }),
  },
  [`DELETE ${API}/me`]: { kind: 'signed-in', user: 'fresh', status: 204, build: (u) => ({ path: '/me', body: { password: u.password } }) },
  [`GET ${API}/permissions`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/permissions' }) },
  [`GET ${API}/services`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/services' }) },
  // The example manifest registered at the start brings an icon.
  [`GET ${API}/services/:slug/icon`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/services/tsd/icon' }) },
  [`PUT ${API}/services/:slug/manifest`]: {
    kind: 'service',
    ownService: true,
    status: 200,
    build: () => ({ path: `/services/${MATRIX_SERVICE.service}/manifest`, body: MATRIX_SERVICE }),
  },
  [`POST ${API}/orgs`]: {
    kind: 'signed-in',
    user: 'shared',
    status: 201,
    build: () => ({ path: '/orgs', body: { name: 'Made by the matrix' } }),
  },
  [`GET ${API}/orgs`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/orgs' }) },
  // Invitations, as the invitee.
  [`POST ${API}/invitations/accept`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 200,
    build: async (u) => ({ path: '/invitations/accept', body: { token: (await invitationFor(u.email)).token } }),
  },
  [`POST ${API}/invitations/decline`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 204,
    build: async (u) => ({ path: '/invitations/decline', body: { token: (await invitationFor(u.email)).token } }),
  },
  [`GET ${API}/me/invitations`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/me/invitations' }) },

  // Second factors and passkeys.
  [`POST ${API}/me/mfa/totp`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/me/mfa/totp' }) },
  [`POST ${API}/me/mfa/totp/confirm`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 200,
    build: async (u) => {
      const start = await svc.request('POST', '/me/mfa/totp', undefined, { token: u.token });
      return { path: '/me/mfa/totp/confirm', body: { code: totpCodeAt(start.body.secret, svc.clock.now()) } };
    },
  },
  [`DELETE ${API}/me/mfa/totp`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 204,
    build: async (u) => ({
      path: '/me/mfa/totp',
      body: { password: u.password, recoveryCode: isShared(u) ? MATRIX_RECOVERY_CODE : (await withTotp(u))[0] },
    }),
  },
  [`POST ${API}/me/mfa/recovery-codes`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 200,
    build: async (u) => ({
      path: '/me/mfa/recovery-codes',
      body: { password: u.password, recoveryCode: isShared(u) ? MATRIX_RECOVERY_CODE : (await withTotp(u))[0] },
    }),
  },
  [`POST ${API}/me/passkeys/options`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/me/passkeys/options' }) },
  [`POST ${API}/me/passkeys`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 201,
    build: async (u) => {
      const options = await svc.request('POST', '/me/passkeys/options', undefined, { token: u.token });
      const authenticator = softwareAuthenticator({ origin: new URL(PUBLIC_URL).origin });
      return { path: '/me/passkeys', body: { response: authenticator.create(options.body), name: 'Matrix key' } };
    },
  },
  [`GET ${API}/me/passkeys`]: { kind: 'signed-in', user: 'shared', status: 200, build: () => ({ path: '/me/passkeys' }) },
  [`PATCH ${API}/me/passkeys/:id(^(?!options$).+$)`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 200,
    build: async (u) => ({ path: `/me/passkeys/${isShared(u) ? 'pky_0000' : (await withPasskey(u)).id}`, body: { name: 'Renamed key' } }),
  },
  [`DELETE ${API}/me/passkeys/:id(^(?!options$).+$)`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 204,
    build: async (u) => {
      if (isShared(u)) return { path: '/me/passkeys/pky_0000', body: { password: u.password, recoveryCode: MATRIX_RECOVERY_CODE } };
      const { id, recoveryCodes } = await withPasskey(u);
      return { path: `/me/passkeys/${id}`, body: { password: u.password, recoveryCode: recoveryCodes[0] } };
    },
  },
  [`POST ${API}/me/invitations/:invitationId/accept`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 200,
    build: async (u) => ({ path: `/me/invitations/${(await invitationFor(u.email)).id}/accept` }),
  },
  [`POST ${API}/me/invitations/:invitationId/decline`]: {
    kind: 'signed-in',
    user: 'fresh',
    status: 204,
    build: async (u) => ({ path: `/me/invitations/${(await invitationFor(u.email)).id}/decline` }),
  },

  // Organizations.
  [`GET ${API}/orgs/:orgId`]: {
    kind: 'org',
    requirement: 'member',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}` }),
    check: (f, _c, res) => {
      assert.equal(res.body.id, f.orgId);
      assert.equal(res.body.memberCount, 5);
    },
  },
  [`PATCH ${API}/orgs/:orgId`]: {
    kind: 'org',
    requirement: 'organization:rename',
    writes: true,
    status: 200,
    build: (f, caller) => ({ path: `/orgs/${f.orgId}`, body: { name: `Renamed by ${caller.firstName}` } }),
    check: async (f, caller, res) => {
      assert.equal(res.body.name, `Renamed by ${caller.firstName}`);
      assert.deepEqual(await sql('SELECT name FROM organizations WHERE id = $1', [f.orgId]), [{ name: `Renamed by ${caller.firstName}` }]);
    },
  },
  [`GET ${API}/orgs/:orgId/billing`]: {
    kind: 'org',
    requirement: 'organization:billing.edit',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/billing` }),
    check: (_f, _c, res) => assert.equal(res.body.companyName, null),
  },
  [`PUT ${API}/orgs/:orgId/billing`]: {
    kind: 'org',
    requirement: 'organization:billing.edit',
    writes: true,
    status: 200,
    build: (f, caller) => ({ path: `/orgs/${f.orgId}/billing`, body: { ...BILLING, companyName: `Billed by ${caller.firstName}` } }),
    check: async (f, caller) => {
      assert.deepEqual(await sql('SELECT company_name FROM organization_billing WHERE org_id = $1', [f.orgId]), [
        { company_name: `Billed by ${caller.firstName}` },
      ]);
    },
  },
  [`DELETE ${API}/orgs/:orgId`]: {
    kind: 'org',
    requirement: 'admin',
    writes: true,
    status: 204,
    build: (f) => ({ path: `/orgs/${f.orgId}` }),
    check: async (f) => assert.deepEqual(await sql('SELECT id FROM organizations WHERE id = $1', [f.orgId]), []),
  },
  [`GET ${API}/orgs/:orgId/me`]: {
    kind: 'org',
    requirement: 'member',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/me` }),
    check: async (f, caller, res) => assert.equal(res.body.role.id, await roleOf(f.orgId, caller.userId)),
  },

  // Members.
  [`GET ${API}/orgs/:orgId/members`]: {
    kind: 'org',
    requirement: 'user-management:access',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/members` }),
    check: (f, _c, res) => {
      const ids = res.body.items.map((m: { userId: string }) => m.userId).sort();
      assert.deepEqual(ids, [f.owner, ...ROLES.map((r) => f.members[r]), f.target].map((u) => u.userId).sort());
    },
  },
  [`GET ${API}/orgs/:orgId/members/:userId`]: {
    kind: 'org',
    requirement: 'user-management:access',
    orSelf: true,
    writes: false,
    status: 200,
    foreignIds: ['member'],
    build: (f) => ({ path: `/orgs/${f.orgId}/members/${f.target.userId}` }),
    check: (f, _c, res) => {
      assert.equal(res.body.userId, f.target.userId);
      assert.equal(res.body.email, f.target.email);
    },
  },
  [`PATCH ${API}/orgs/:orgId/members/:userId`]: {
    kind: 'org',
    requirement: 'user-management:users.change-role',
    writes: true,
    status: 200,
    foreignIds: ['member', 'bodyRole'],
    // A Viewer made Editor: a change no escalation rule stops for an Admin.
    build: (f) => ({ path: `/orgs/${f.orgId}/members/${f.target.userId}`, body: { roleId: 'editor' } }),
    check: async (f, _c, res) => {
      assert.deepEqual(res.body.role, { id: 'editor', name: 'Editor' });
      assert.equal(await roleOf(f.orgId, f.target.userId), 'editor');
    },
  },
  [`DELETE ${API}/orgs/:orgId/members/:userId`]: {
    kind: 'org',
    requirement: 'user-management:users.remove',
    writes: true,
    status: 204,
    foreignIds: ['member'],
    build: (f) => ({ path: `/orgs/${f.orgId}/members/${f.target.userId}` }),
    check: async (f) => assert.equal(await roleOf(f.orgId, f.target.userId), undefined),
  },
  [`POST ${API}/orgs/:orgId/leave`]: {
    kind: 'org',
    requirement: 'member',
    writes: true,
    status: 204,
    build: (f) => ({ path: `/orgs/${f.orgId}/leave` }),
    check: async (f, caller) => assert.equal(await roleOf(f.orgId, caller.userId), undefined),
  },

  // Roles.
  [`GET ${API}/orgs/:orgId/roles`]: {
    kind: 'org',
    requirement: 'member',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/roles` }),
    check: (f, _c, res) =>
      assert.deepEqual(
        res.body.map((r: { id: string }) => r.id),
        ['admin', 'editor', 'viewer', f.customRoleId],
      ),
  },
  [`POST ${API}/orgs/:orgId/roles`]: {
    kind: 'org',
    requirement: 'user-management:roles.manage',
    writes: true,
    status: 201,
    build: (f, caller) => ({
      path: `/orgs/${f.orgId}/roles`,
      body: { name: `Made by ${caller.firstName}`, permissions: ['device-management:access'] },
    }),
    check: async (f, caller, res) => {
      assert.match(res.body.id, /^rol_[0-9a-z]+$/);
      assert.deepEqual(await sql('SELECT id FROM roles WHERE org_id = $1 AND name = $2', [f.orgId, `Made by ${caller.firstName}`]), [
        { id: res.body.id },
      ]);
    },
  },
  [`PATCH ${API}/orgs/:orgId/roles/:roleId`]: {
    kind: 'org',
    requirement: 'user-management:roles.manage',
    writes: true,
    status: 200,
    foreignIds: ['role'],
    build: (f, caller) => ({
      path: `/orgs/${f.orgId}/roles/${f.customRoleId}`,
      body: { description: `Edited by ${caller.firstName}`, permissions: ['device-management:access', 'device-management:devices.view'] },
    }),
    check: async (f, caller) => {
      assert.deepEqual(await sql('SELECT description FROM roles WHERE id = $1', [f.customRoleId]), [
        { description: `Edited by ${caller.firstName}` },
      ]);
    },
  },
  [`DELETE ${API}/orgs/:orgId/roles/:roleId`]: {
    kind: 'org',
    requirement: 'user-management:roles.manage',
    writes: true,
    status: 204,
    foreignIds: ['role'],
    build: (f) => ({ path: `/orgs/${f.orgId}/roles/${f.customRoleId}` }),
    check: async (f) => assert.deepEqual(await sql('SELECT id FROM roles WHERE id = $1', [f.customRoleId]), []),
  },

  // Invitations, as the organization.
  [`POST ${API}/orgs/:orgId/invitations`]: {
    kind: 'org',
    requirement: 'user-management:users.invite',
    writes: true,
    status: 201,
    foreignIds: ['bodyRole'],
    build: (f, caller) => ({
      path: `/orgs/${f.orgId}/invitations`,
      body: { email: `invited-by-${caller.userId}@invitee.example`, roleId: 'viewer' },
    }),
    check: async (f, caller, res) => {
      assert.equal(res.body.invitation.status, 'pending');
      assert.deepEqual(
        await sql('SELECT id, status FROM invitations WHERE org_id = $1 AND email = $2', [
          f.orgId,
          `invited-by-${caller.userId}@invitee.example`,
        ]),
        [{ id: res.body.invitation.id, status: 'pending' }],
      );
    },
  },
  [`GET ${API}/orgs/:orgId/invitations`]: {
    kind: 'org',
    requirement: 'user-management:access',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/invitations` }),
    check: (f, _c, res) =>
      assert.deepEqual(
        res.body.items.map((i: { id: string }) => i.id),
        [f.invitationId],
      ),
  },
  [`POST ${API}/orgs/:orgId/invitations/:invitationId/resend`]: {
    kind: 'org',
    requirement: 'user-management:users.invite',
    writes: true,
    status: 200,
    foreignIds: ['invitation'],
    build: (f) => ({ path: `/orgs/${f.orgId}/invitations/${f.invitationId}/resend` }),
    check: async (f, _c, res) => {
      assert.equal(res.body.invitation.id, f.invitationId);
      // A new link: the old one is dead.
      assert.notEqual(tokenOfLink(res.body.link), f.invitationToken);
      assertProblem(
        await svc.request('GET', `/invitations/preview?token=${f.invitationToken}`),
        400,
        'token.invalid',
        'the link before the resend',
      );
    },
  },
  [`DELETE ${API}/orgs/:orgId/invitations/:invitationId`]: {
    kind: 'org',
    requirement: 'user-management:users.invite',
    writes: true,
    status: 204,
    foreignIds: ['invitation'],
    build: (f) => ({ path: `/orgs/${f.orgId}/invitations/${f.invitationId}` }),
    check: async (f) =>
      assert.deepEqual(await sql('SELECT status FROM invitations WHERE id = $1', [f.invitationId]), [{ status: 'revoked' }]),
  },

  // Audit log.
  [`GET ${API}/orgs/:orgId/audit-events`]: {
    kind: 'org',
    requirement: 'user-management:access',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/audit-events` }),
    // (Events of one millisecond have no fixed order among themselves.)
    check: (_f, _c, res) =>
      assert.deepEqual(res.body.items.map((e: { action: string }) => e.action).sort(), [
        'device.added',
        'device.added',
        'invitation.created',
        'member.device_access_changed',
        'member.device_access_changed',
        'member.device_access_changed',
        'organization.created',
        'role.created',
      ]),
  },

  // Devices.
  [`POST ${API}/orgs/:orgId/devices`]: {
    kind: 'org',
    requirement: 'device-management:devices.add',
    writes: true,
    status: 201,
    build: (f, caller) => ({
      path: `/orgs/${f.orgId}/devices`,
      body: { uuid: randomUUID(), name: `Added by ${caller.firstName}`, location: 'Hall 2', tags: ['matrix'] },
    }),
    check: async (f, caller, res) => {
      const id: string = res.body.device.id;
      assert.match(id, /^dev_[0-9a-z]+$/);
      assert.equal(res.body.device.name, `Added by ${caller.firstName}`);
      assert.deepEqual(await sql('SELECT org_id, uuid::text AS uuid, name, token_hash, created_by FROM devices WHERE id = $1', [id]), [
        {
          org_id: f.orgId,
          uuid: res.body.device.uuid,
          name: `Added by ${caller.firstName}`,
          token_hash: hashSecret(res.body.deviceToken),
          created_by: caller.userId,
        },
      ]);
      // A member without every device gets access to the device they add; Admins reach all anyway.
      const grants = await sql('SELECT user_id FROM member_devices WHERE org_id = $1 AND device_id = $2', [f.orgId, id]);
      assert.deepEqual(grants, reachesEveryDevice(f, caller) ? [] : [{ user_id: caller.userId }]);
    },
  },
  [`GET ${API}/orgs/:orgId/devices`]: {
    kind: 'org',
    requirement: 'device-management:devices.view',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/devices` }),
    // By name: "Hidden device", then "Matrix device"; only the devices the caller reaches.
    check: (f, caller, res) => {
      assert.deepEqual(
        res.body.items.map((d: { id: string }) => d.id),
        reachesEveryDevice(f, caller) ? [f.hiddenDeviceId, f.deviceId] : [f.deviceId],
      );
      assert.equal(res.body.nextCursor, null);
    },
  },
  [`GET ${API}/orgs/:orgId/devices/:deviceId`]: {
    kind: 'org',
    requirement: 'device-management:devices.view',
    writes: false,
    status: 200,
    foreignIds: ['device'],
    build: (f) => ({ path: `/orgs/${f.orgId}/devices/${f.deviceId}` }),
    check: (f, _c, res) => {
      assert.equal(res.body.id, f.deviceId);
      assert.equal(res.body.name, 'Matrix device');
      // The device token (or its hash) is never shown again.
      assert.deepEqual(Object.keys(res.body).sort(), ['createdAt', 'description', 'id', 'location', 'name', 'tags', 'updatedAt', 'uuid']);
    },
  },
  [`PATCH ${API}/orgs/:orgId/devices/:deviceId`]: {
    kind: 'org',
    requirement: 'device-management:devices.edit',
    writes: true,
    status: 200,
    foreignIds: ['device'],
    build: (f, caller) => ({
      path: `/orgs/${f.orgId}/devices/${f.deviceId}`,
      body: { name: `Edited by ${caller.firstName}`, tags: ['edited'] },
    }),
    check: async (f, caller, res) => {
      assert.equal(res.body.name, `Edited by ${caller.firstName}`);
      assert.deepEqual(await sql('SELECT name, tags FROM devices WHERE id = $1', [f.deviceId]), [
        { name: `Edited by ${caller.firstName}`, tags: ['edited'] },
      ]);
    },
  },
  [`DELETE ${API}/orgs/:orgId/devices/:deviceId`]: {
    kind: 'org',
    requirement: 'device-management:devices.delete',
    writes: true,
    status: 204,
    foreignIds: ['device'],
    build: (f) => ({ path: `/orgs/${f.orgId}/devices/${f.deviceId}` }),
    check: async (f) => {
      assert.deepEqual(await sql('SELECT id FROM devices WHERE id = $1', [f.deviceId]), []);
      assert.deepEqual(await sql('SELECT user_id FROM member_devices WHERE device_id = $1', [f.deviceId]), []);
      assert.deepEqual(await sql('SELECT id FROM devices WHERE id = $1', [f.hiddenDeviceId]), [{ id: f.hiddenDeviceId }]);
    },
  },
  [`POST ${API}/orgs/:orgId/devices/:deviceId/token`]: {
    kind: 'org',
    requirement: 'device-management:devices.reset-token',
    writes: true,
    status: 200,
    foreignIds: ['device'],
    build: (f) => ({ path: `/orgs/${f.orgId}/devices/${f.deviceId}/token` }),
    check: async (f, _c, res) => {
      assert.equal(typeof res.body.deviceToken, 'string');
      assert.notEqual(res.body.deviceToken, f.deviceToken);
      // Only the new token's hash is stored: the old token is dead.
      assert.deepEqual(await sql('SELECT token_hash FROM devices WHERE id = $1', [f.deviceId]), [
        { token_hash: hashSecret(res.body.deviceToken) },
      ]);
    },
  },
  [`GET ${API}/orgs/:orgId/members/:userId/device-access`]: {
    kind: 'org',
    requirement: 'user-management:access',
    orSelf: true,
    writes: false,
    status: 200,
    foreignIds: ['member'],
    build: (f) => ({ path: `/orgs/${f.orgId}/members/${f.target.userId}/device-access` }),
    check: (f, _c, res) => assert.deepEqual(res.body, accessOf(f, f.target)),
  },
  [`PUT ${API}/orgs/:orgId/members/:userId/device-access`]: {
    kind: 'org',
    requirement: 'user-management:users.device-access',
    writes: true,
    status: 200,
    foreignIds: ['member', 'bodyDevice'],
    // `target` (every device) narrowed to the hidden device.
    build: (f) => ({
      path: `/orgs/${f.orgId}/members/${f.target.userId}/device-access`,
      body: { allDevices: false, deviceIds: [f.hiddenDeviceId] },
    }),
    check: async (f, _c, res) => {
      assert.deepEqual(res.body, { allDevices: false, deviceIds: [f.hiddenDeviceId] });
      assert.deepEqual(await sql('SELECT all_devices FROM memberships WHERE org_id = $1 AND user_id = $2', [f.orgId, f.target.userId]), [
        { all_devices: false },
      ]);
      assert.deepEqual(await sql('SELECT device_id FROM member_devices WHERE org_id = $1 AND user_id = $2', [f.orgId, f.target.userId]), [
        { device_id: f.hiddenDeviceId },
      ]);
    },
  },

  // The Smart Services a member may enter (the navigation): every built-in role holds tsd:access.
  [`GET ${API}/orgs/:orgId/services`]: {
    kind: 'org',
    requirement: 'member',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/services` }),
    check: (_f, _c, res) =>
      assert.deepEqual(
        res.body.map((s: { slug: string }) => s.slug),
        ['tsd'],
        'the services with a url whose access permission the role holds',
      ),
  },

  // Resources and access per type.
  [`GET ${API}/orgs/:orgId/resources`]: {
    kind: 'org',
    requirement: 'member',
    writes: false,
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/resources` }),
    // The dashboard group and its dashboard are the Admins' only (nobody else was given them).
    check: (f, caller, res) =>
      assert.deepEqual(
        res.body.items.map((r: { id: string }) => r.id).sort(),
        reachesEveryDevice(f, caller) && caller.userId !== pool.target.userId ? [f.dashboardId, f.groupId].sort() : [],
      ),
  },
  [`GET ${API}/orgs/:orgId/members/:userId/access`]: {
    kind: 'org',
    requirement: 'user-management:access',
    orSelf: true,
    writes: false,
    status: 200,
    foreignIds: ['member'],
    build: (f) => ({ path: `/orgs/${f.orgId}/members/${f.target.userId}/access` }),
    check: (f, _c, res) => {
      const d = accessOf(f, f.target);
      assert.deepEqual(res.body.device, { all: d.allDevices, ids: d.deviceIds });
      assert.ok(res.body['tsd:dashboard'], 'every resource type is listed');
    },
  },
  [`PUT ${API}/orgs/:orgId/members/:userId/access/:type`]: {
    kind: 'org',
    requirement: 'user-management:users.device-access',
    writes: true,
    status: 200,
    foreignIds: ['member'],
    // `target` (no dashboards) given the dashboard group.
    build: (f) => ({
      path: `/orgs/${f.orgId}/members/${f.target.userId}/access/tsd:dashboard-group`,
      body: { all: false, ids: [f.groupId] },
    }),
    check: async (f, _c, res) => {
      assert.deepEqual(res.body, { all: false, ids: [f.groupId] });
      assert.deepEqual(
        await sql('SELECT resource_id FROM member_resources WHERE org_id = $1 AND user_id = $2', [f.orgId, f.target.userId]),
        [{ resource_id: f.groupId }],
      );
    },
  },
  [`PUT ${API}/orgs/:orgId/resources/:type/:externalId`]: {
    kind: 'service',
    ownService: true,
    status: 201,
    build: (f) => ({
      path: `/orgs/${f.orgId}/resources/tsd:dashboard/new`,
      body: { name: 'New dashboard', parent: { type: 'tsd:dashboard-group', externalId: 'grp' } },
    }),
    resource: {
      writes: true,
      check: async (f, res) => {
        assert.equal(res.body.externalId, 'new');
        assert.deepEqual(await sql("SELECT parent_id FROM resources WHERE org_id = $1 AND external_id = 'new'", [f.orgId]), [
          { parent_id: f.groupId },
        ]);
      },
    },
  },
  [`DELETE ${API}/orgs/:orgId/resources/:type/:externalId`]: {
    kind: 'service',
    ownService: true,
    status: 204,
    build: (f) => ({ path: `/orgs/${f.orgId}/resources/tsd:dashboard-group/grp` }),
    resource: {
      writes: true,
      check: async (f) =>
        assert.deepEqual(await sql('SELECT id FROM resources WHERE org_id = $1', [f.orgId]), [], 'the group and its dashboard'),
    },
  },
  [`GET ${API}/orgs/:orgId/resources/:type/:externalId`]: {
    kind: 'service',
    ownService: true,
    auth: 'service-or-user',
    status: 200,
    build: (f) => ({ path: `/orgs/${f.orgId}/resources/tsd:dashboard/dash` }),
    resource: {
      writes: false,
      check: (f, res) => assert.equal(res.body.id, f.dashboardId),
    },
  },

  // The authorization API.
  [`POST ${API}/authz/check`]: {
    kind: 'authz',
    build: (s) => ({
      path: '/authz/check',
      body: { userId: s.userId, organizationId: shared.orgId, permission: 'device-management:devices.edit', deviceId: shared.deviceId },
    }),
    answer: (role) => ({
      allowed: role === 'admin' || role === 'editor',
      reason: role === undefined ? 'not_member' : role === 'viewer' ? 'permission_denied' : 'granted',
    }),
  },
  [`POST ${API}/authz/check-batch`]: {
    kind: 'authz',
    build: (s) => ({
      path: '/authz/check-batch',
      body: {
        checks: [
          { userId: s.userId, organizationId: shared.orgId, permission: 'device-management:devices.edit', deviceId: shared.deviceId },
          { userId: s.userId, organizationId: shared.orgId, permission: 'device-management:devices.view', deviceId: shared.hiddenDeviceId },
          { userId: s.userId, organizationId: shared.orgId, permission: 'user-management:access' },
        ],
      },
    }),
    answer: (role) => {
      const granted = { allowed: true, reason: 'granted' };
      const no = (reason: string) => ({ allowed: false, reason });
      const results = {
        admin: [granted, granted, granted],
        editor: [granted, no('device_denied'), no('permission_denied')],
        viewer: [no('permission_denied'), no('device_denied'), no('permission_denied')],
        none: [no('not_member'), no('not_member'), no('not_member')],
      }[role ?? 'none'];
      return { results };
    },
  },
  [`POST ${API}/authz/accessible-devices`]: {
    kind: 'authz',
    build: (s) => ({
      path: '/authz/accessible-devices',
      body: { userId: s.userId, organizationId: shared.orgId, permission: 'device-management:devices.view', limit: 10 },
    }),
    answer: (role) => {
      if (role === undefined) return { allDevices: false, items: [], nextCursor: null };
      if (role === 'admin') return { allDevices: true, items: [shared.deviceId, shared.hiddenDeviceId].sort(), nextCursor: null };
      return { allDevices: false, items: [shared.deviceId], nextCursor: null };
    },
  },

  // Events and webhooks.
  [`GET ${API}/events`]: { kind: 'service', ownService: false, status: 200, build: () => ({ path: '/events?limit=1' }) },
  [`POST ${API}/services/:slug/webhooks`]: {
    kind: 'service',
    ownService: true,
    status: 201,
    build: () => ({
      path: '/services/matrix-svc/webhooks',
      body: { url: 'http://127.0.0.1:9/matrix', types: ['service.manifest_changed'] },
    }),
  },
  [`GET ${API}/services/:slug/webhooks`]: {
    kind: 'service',
    ownService: true,
    status: 200,
    build: () => ({ path: '/services/matrix-svc/webhooks' }),
  },
  [`GET ${API}/services/:slug/webhooks/:webhookId`]: {
    kind: 'service',
    ownService: true,
    status: 200,
    build: () => ({ path: `/services/matrix-svc/webhooks/${webhookId}` }),
  },
  [`DELETE ${API}/services/:slug/webhooks/:webhookId`]: {
    kind: 'service',
    ownService: true,
    status: 204,
    build: async () => {
      const r = await svc.request(
        'POST',
        '/services/matrix-svc/webhooks',
        { url: 'http://127.0.0.1:9/gone', types: ['role.deleted'] },
        { token: ownServiceKey },
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return { path: `/services/matrix-svc/webhooks/${r.body.id}` };
    },
  },
  [`GET ${API}/services/:slug/webhooks/:webhookId/deliveries`]: {
    kind: 'service',
    ownService: true,
    status: 200,
    build: () => ({ path: `/services/matrix-svc/webhooks/${webhookId}/deliveries` }),
  },
  [`POST ${API}/services/:slug/webhooks/:webhookId/deliveries/:deliveryId/retry`]: {
    kind: 'service',
    ownService: true,
    status: 202,
    build: () => ({ path: `/services/matrix-svc/webhooks/${webhookId}/deliveries/${deliveryId}/retry` }),
  },
  [`POST ${API}/authz/accessible-resources`]: {
    kind: 'authz',
    build: (s) => ({
      path: '/authz/accessible-resources',
      body: { userId: s.userId, organizationId: shared.orgId, type: 'tsd:dashboard', limit: 10 },
    }),
    // Only the Admins reach the dashboard (nobody else was given it).
    answer: (role) =>
      role === 'admin'
        ? { all: true, items: [{ id: shared.dashboardId, externalId: 'dash' }], nextCursor: null }
        : { all: false, items: [], nextCursor: null },
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers

const methodOf = (key: string) => key.slice(0, key.indexOf(' '));

function orgCases(): [string, OrgCase][] {
  return Object.entries(CASES).filter((e): e is [string, OrgCase] => e[1].kind === 'org');
}
function userCases(): [string, SignedInCase | OrgCase | AuthzCase | ServiceCase][] {
  return Object.entries(CASES).filter((e): e is [string, SignedInCase | OrgCase | AuthzCase | ServiceCase] => e[1].kind !== 'public');
}
function serviceCases(): [string, ServiceCase][] {
  return Object.entries(CASES).filter((e): e is [string, ServiceCase] => e[1].kind === 'service');
}
function authzCases(): [string, AuthzCase][] {
  return Object.entries(CASES).filter((e): e is [string, AuthzCase] => e[1].kind === 'authz');
}

/** Whether `u` reaches every device of the fixture's organization: its Admins (and `target`, who has `allDevices`). */
function reachesEveryDevice(f: Fixture, u: SignedUpUser) {
  return [f.owner, f.members.admin, pool.target].some((x) => x.userId === u.userId);
}

/** A member's device access in a fresh fixture, as GET …/device-access answers it. */
function accessOf(f: Fixture, u: SignedUpUser) {
  return reachesEveryDevice(f, u) ? { allDevices: true, deviceIds: [] } : { allDevices: false, deviceIds: [f.deviceId] };
}

/** The subjects the authorization API is asked about: a member of each role of the shared organization, and a non-member. */
function authzSubjects(): [BuiltInRoleId | undefined, SignedUpUser][] {
  return [...ROLES.map((r): [BuiltInRoleId, SignedUpUser] => [r, shared.members[r]]), [undefined, pool.outsider]];
}

function send(key: string, call: Call, options: RequestOptions = {}) {
  return svc.request(methodOf(key), call.path, call.body, options);
}

/** A well-formed id that names nothing. */
function ghostId(prefix: 'org' | 'usr' | 'rol' | 'inv' | 'dev') {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  return `${prefix}_${Array.from({ length: 26 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
}

/**
 * The A / E / V columns of shared/spec/PERMISSIONS.md, read from the spec itself (as the unit test of
 * the catalog does): the matrix holds the running service to the document, not to the code's copy.
 */
const SPEC_HOLDERS: ReadonlyMap<string, ReadonlySet<BuiltInRoleId>> = (() => {
  const spec = readFileSync(specPath('PERMISSIONS.md'), 'utf8');
  const holders = new Map<string, Set<BuiltInRoleId>>();
  for (const line of spec.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | key | label | A | E | V |
    if (cells.length === 7 && /^[a-z-]+:[a-z.-]+$/.test(cells[1]!)) {
      holders.set(cells[1]!, new Set(ROLES.filter((_, i) => cells[3 + i] === 'x')));
    }
  }
  return holders;
})();

/** Whether a built-in role may do what `requirement` asks, per PERMISSIONS.md. */
function allowed(role: BuiltInRoleId, requirement: Requirement): boolean {
  if (requirement === 'member') return true;
  if (requirement === 'admin') return role === 'admin';
  const holders = SPEC_HOLDERS.get(requirement);
  assert.ok(holders, `${requirement} is not in PERMISSIONS.md`);
  // The code's own mapping says the same (its unit test compares all of it).
  assert.equal(
    builtInRolePermissions(role).includes(requirement),
    holders.has(role),
    `${requirement} for ${role}: code vs. PERMISSIONS.md`,
  );
  return holders.has(role);
}

/** The HEAD twin Fastify serves for every GET route (not in the route table): same policy, no body. */
function head(call: Call, token?: string) {
  return svc.request('HEAD', call.path, undefined, token ? { token } : {});
}
function assertHead(res: Response, status: number, what: string) {
  assert.equal(res.status, status, what);
  assert.equal(res.raw.body, '', what);
  assert.equal(res.headers['content-type'], status < 400 ? 'application/json; charset=utf-8' : PROBLEM_JSON, what);
}

function assertProblem(res: Response, status: number, code: string, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.headers['content-type'], PROBLEM_JSON, what);
  assert.equal(res.body.code, code, what);
  assert.equal(res.body.status, status, what);
  assert.equal(res.body.type, `urn:gatehouse:problem:${code}`, what);
  assert.equal(typeof res.body.title, 'string', what);
  assert.equal(res.body.requestId, res.headers['x-request-id'], what);
}

/**
 * Two answers that must not tell a client anything apart: same status, same headers (but the
 * request id and date), and the same bytes once the request id is blanked.
 */
function assertSameAnswer(actual: Response, expected: Response, what: string) {
  // (Content-Length too: request ids differ in length once the counter gains a digit; the bytes are compared below.)
  const headers = (r: Response) =>
    Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'x-request-id' && k !== 'date' && k !== 'content-length'));
  const bytes = (r: Response) => r.raw.body.split(String(r.body.requestId)).join('<request id>');
  assert.equal(actual.status, expected.status, what);
  assert.deepEqual(headers(actual), headers(expected), what);
  assert.equal(bytes(actual), bytes(expected), what);
}

let fingerprintQuery = '';

/** Every table of the service's schema (test/support/db-checks.ts), so a new table is covered too. */
async function prepareFingerprint() {
  const tables = await tableNames(sql as Query);
  for (const core of [
    'users',
    'sessions',
    'user_tokens',
    'outbox',
    'organizations',
    'organization_billing',
    'roles',
    'role_permissions',
    'memberships',
    'audit_events',
    'devices',
    'member_devices',
    'service_clients',
  ]) {
    assert.ok(tables.includes(core), `table ${core} in ${tables.join(', ')}`);
  }
  fingerprintQuery = fingerprintSql(tables);
}

/** Count and hash of the rows of every table. */
const fingerprint = () => fingerprintOf(sql as Query, fingerprintQuery);

/** Runs `fn` and asserts that no table (but those in `except`) changed meanwhile. */
async function unchanged<T>(what: string, fn: () => Promise<T>, except: string[] = []): Promise<T> {
  const omit = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).filter(([table]) => !except.includes(table)));
  const before = omit(await fingerprint());
  const result = await fn();
  assert.deepEqual(omit(await fingerprint()), before, `${what}: the database changed`);
  return result;
}

async function newFixture(): Promise<Fixture> {
  const created = await svc.request('POST', '/orgs', { name: 'Matrix organization' }, { token: pool.owner.token });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const orgId: string = created.body.id;
  for (const role of ROLES) await addMember(svc, orgId, pool.members[role].userId, role, pool.owner.userId);
  await addMember(svc, orgId, pool.target.userId, 'viewer', pool.owner.userId);
  const role = await svc.request(
    'POST',
    `/orgs/${orgId}/roles`,
    { name: 'Unused custom role', permissions: ['device-management:access'] },
    { token: pool.owner.token },
  );
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const invitation = await svc.request(
    'POST',
    `/orgs/${orgId}/invitations`,
    { email: uniqueEmail('pending', 'invitee.example'), roleId: 'viewer' },
    { token: pool.owner.token },
  );
  assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
  const [device, hidden] = await Promise.all(['Matrix device', 'Hidden device'].map((name) => registerDevice(orgId, pool.owner, name)));
  await setDeviceAccess(orgId, pool.members.editor, { allDevices: false, deviceIds: [device!.id] });
  await setDeviceAccess(orgId, pool.members.viewer, { allDevices: false, deviceIds: [device!.id] });
  await setDeviceAccess(orgId, pool.target, { allDevices: true, deviceIds: [] });
  const put = (path: string, body: unknown) => svc.request('PUT', path, body, { token: tsdKey });
  const group = await put(`/orgs/${orgId}/resources/tsd:dashboard-group/grp`, { name: 'Group' });
  const dashboard = await put(`/orgs/${orgId}/resources/tsd:dashboard/dash`, {
    name: 'Dashboard',
    parent: { type: 'tsd:dashboard-group', externalId: 'grp' },
  });
  assert.equal(dashboard.status, 201, JSON.stringify(dashboard.body));
  return {
    orgId,
    owner: pool.owner,
    members: pool.members,
    target: pool.target,
    customRoleId: role.body.id,
    invitationId: invitation.body.invitation.id,
    invitationToken: tokenOfLink(invitation.body.link),
    deviceId: device!.id,
    deviceToken: device!.token,
    hiddenDeviceId: hidden!.id,
    groupId: group.body.id,
    dashboardId: dashboard.body.id,
  };
}

/** Registers a device (of a new, unique UUID) as `by`. */
async function registerDevice(orgId: string, by: SignedUpUser, name: string): Promise<{ id: string; token: string }> {
  const res = await svc.request('POST', `/orgs/${orgId}/devices`, { uuid: randomUUID(), name }, { token: by.token });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.device.id, token: res.body.deviceToken };
}

/** Sets a member's device access, as the fixture's owner (Admin). */
async function setDeviceAccess(orgId: string, member: SignedUpUser, access: { allDevices: boolean; deviceIds: string[] }) {
  const res = await svc.request('PUT', `/orgs/${orgId}/members/${member.userId}/device-access`, access, { token: pool.owner.token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body, access);
}

/** The JSON body schemas of the API, by route key, from the OpenAPI document the app serves. */
function bodySchemas(): Map<string, { properties: Record<string, unknown> }> {
  const doc = svc.gatehouse.app.swagger() as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>
    >;
  };
  const out = new Map<string, { properties: Record<string, unknown> }>();
  // Keyed as the route table names the route; a parameter's pattern (`:id(^…$)`) is not in the document's path.
  for (const route of svc.gatehouse.app.routeTable) {
    const path = route.url.replace(/:(\w+)(\([^/]*\))?/g, '{$1}');
    const schema = doc.paths[path]?.[route.method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
    if (schema) out.set(`${route.method} ${route.url}`, schema);
  }
  return out;
}

/** The routes of the API as registered, keyed `METHOD url`. */
function registeredRoutes() {
  return svc.gatehouse.app.routeTable.filter(
    (r) => r.url.startsWith(`${API}/`) && r.method !== 'HEAD' && !NOT_IN_MATRIX.has(`${r.method} ${r.url}`),
  );
}

// ---------------------------------------------------------------------------------------------

before(async () => {
  // The matrix's webhooks point at a closed port of loopback.
  svc = await startTestService({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  await prepareFingerprint();
  // Counted; and the revisions of the authorization API's answers checked and taken out (the matrix
  // compares the decisions; what a revision promises is tested in resources.test.ts).
  withoutRevisions(svc, () => {
    requests += 1;
  });
  const [users, linkAdmin] = await Promise.all([
    signUpMany(svc, 27, (i) => ({ firstName: ['Owner', 'Ada', 'Eddie', 'Vic', 'Tara', 'Otto', 'Bea', 'Mia'][i] ?? `Spare${i}` })),
    signUpAndLogin(svc, { email: uniqueEmail('link-admin', 'elsewhere.example'), firstName: 'Lina' }),
  ]);
  const [owner, admin, editor, viewer, target, outsider, bMember, me, ...rest] = users;
  pool = {
    owner: owner!,
    members: { admin: admin!, editor: editor!, viewer: viewer! },
    target: target!,
    outsider: outsider!,
    bMember: bMember!,
    me: me!,
    linkAdmin,
  };
  spares = rest;
  tsdKey = (await registerSmartService(svc.gatehouse, TSD)).key;
  shared = await newFixture();
  orgB = pool.outsider.activeOrganizationId;
  await addMember(svc, orgB, pool.bMember.userId, 'viewer', pool.outsider.userId);
  bDeviceId = (await registerDevice(orgB, pool.outsider, 'Device of B')).id;
  // Service clients, made before any fingerprint is taken: a working one and a revoked one.
  serviceKey = (await svc.gatehouse.core.serviceClients.create('matrix')).key;
  const revoked = await svc.gatehouse.core.serviceClients.create('matrix-revoked');
  assert.ok(
    await svc.gatehouse.core.serviceClients.revoke(revoked.id),
    'expected await svc.gatehouse.core.serviceClients.revoke(revoked.id)',
  );
  revokedServiceKey = revoked.key;
  ownServiceKey = (await svc.gatehouse.core.services.register(MATRIX_SERVICE)).client!.key;
  otherServiceKey = await serviceWithKey(svc, 'matrix-other');
  const hook = await svc.request(
    'POST',
    '/services/matrix-svc/webhooks',
    { url: 'http://127.0.0.1:9/matrix', types: ['member.added'] },
    { token: ownServiceKey },
  );
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  webhookId = hook.body.id;
  // One delivery to retry: a member joins (an event the webhook takes); then it takes no more, so
  // the matrix's own writes queue nothing.
  await signUpAndLogin(svc);
  const [delivery] = await svc.gatehouse.db.query<{ id: string }>('SELECT id FROM webhook_deliveries WHERE webhook_id = $1', [webhookId]);
  assert.ok(delivery, 'a delivery to retry');
  deliveryId = delivery.id;
  await svc.gatehouse.db.query(`UPDATE webhooks SET types = '{service.manifest_changed}' WHERE id = $1`, [webhookId]);
});

after(async () => {
  console.log(`security matrix: ${requests} requests in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${svc?.gatehouse.db.engine})`);
  await svc?.close();
});

describe('security matrix', () => {
  test('every registered route of the API has an entry, and every entry a registered route', () => {
    const registered = registeredRoutes().map((r) => `${r.method} ${r.url}`);
    assert.equal(new Set(registered).size, registered.length, 'a route is registered twice');
    const missing = registered.filter((k) => !Object.hasOwn(CASES, k));
    const stale = Object.keys(CASES).filter((k) => !registered.includes(k));
    assert.deepEqual(missing, [], 'routes without a security matrix entry');
    assert.deepEqual(stale, [], 'matrix entries for routes that are not registered');
  });

  test('each route declares the access API.md gives it (the declaration is what the matrix below checks)', () => {
    for (const route of registeredRoutes()) {
      const key = `${route.method} ${route.url}`;
      const c = CASES[key];
      assert.ok(c, key);
      const auth = { public: 'public', authz: 'service-or-user', service: 'service', org: 'user', 'signed-in': 'user' }[c.kind];
      assert.equal(route.auth, c.kind === 'service' ? (c.auth ?? auth) : auth, `${key}: auth`);
      const expected = c.kind === 'org' ? { requirement: c.requirement, ...(c.orSelf ? { orSelf: true } : {}) } : undefined;
      assert.deepEqual(route.access, expected, `${key}: access`);
    }
  });

  test('every route with a JSON body has a body in its entry, and no other route does', async () => {
    const schemas = bodySchemas();
    for (const route of registeredRoutes()) {
      const key = `${route.method} ${route.url}`;
      const call = await buildFor(key);
      assert.equal(call.body !== undefined, schemas.has(key), `${key}: body`);
    }
  });

  test('public routes answer without a session', async (t) => {
    for (const [key, c] of Object.entries(CASES)) {
      if (c.kind !== 'public') continue;
      await t.test(key, async () => {
        const res = await send(key, await c.build());
        assert.equal(res.status, c.status, `${key}: ${res.status} ${JSON.stringify(res.body)}`);
      });
    }
  });

  test('anonymous callers get 401 on every other route, and change nothing', async (t) => {
    for (const [key, c] of userCases()) {
      await t.test(key, async () => {
        const call =
          c.kind === 'org'
            ? c.build(shared, shared.members.admin)
            : c.kind === 'authz'
              ? c.build(shared.members.admin)
              : c.kind === 'service'
                ? await c.build(shared)
                : await c.build(pool.me);
        await unchanged(key, async () => {
          assertProblem(await send(key, call), 401, 'auth.unauthenticated', `${key} without a session`);
          assertProblem(await send(key, call, { token: 'x'.repeat(43) }), 401, 'auth.unauthenticated', `${key} with an unknown token`);
          assertProblem(
            await send(key, call, { headers: { authorization: 'Basic YWRhOnNlY3JldA==' } }),
            401,
            'auth.unauthenticated',
            `${key} with a malformed Authorization header`,
          );
          assertProblem(
            await send(key, call, { token: `gks_${'x'.repeat(43)}` }),
            401,
            'auth.unauthenticated',
            `${key} with an unknown service key`,
          );
          assertProblem(
            await send(key, call, { token: revokedServiceKey }),
            401,
            'auth.unauthenticated',
            `${key} with a revoked service key`,
          );
          if (methodOf(key) === 'GET') assertHead(await head(call), 401, `${key} (HEAD) without a session`);
        });
      });
    }
  });

  test('a valid service key opens the authorization API, the events and its own webhooks, and no other route', async (t) => {
    let refused = 0;
    for (const [key, c] of userCases()) {
      if (c.kind === 'service') continue; // below
      if (c.kind === 'authz') {
        await t.test(`${key} (opens)`, async () => {
          const res = await send(key, c.build(shared.members.editor), { token: serviceKey });
          assert.equal(res.status, 200, `${key} with a service key: ${res.status} ${JSON.stringify(res.body)}`);
        });
        continue;
      }
      refused += 1;
      await t.test(key, async () => {
        // Built as the shared organization's Admin would send it: only the credential differs.
        const call = c.kind === 'org' ? c.build(shared, shared.members.admin) : await c.build(pool.me);
        await unchanged(key, async () => {
          assertProblem(await send(key, call, { token: serviceKey }), 401, 'auth.unauthenticated', `${key} with a service key`);
          if (methodOf(key) === 'GET') assertHead(await head(call, serviceKey), 401, `${key} (HEAD) with a service key`);
        });
      });
    }
    assert.equal(refused, userCases().length - authzCases().length - serviceCases().length);
  });

  test("events and webhooks: service keys only; a service's webhooks its own key only", async (t) => {
    for (const [key, c] of serviceCases()) {
      if (c.resource) continue; // below
      await t.test(key, async () => {
        const call = await c.build(shared);
        await unchanged(key, async () => {
          assertProblem(await send(key, call, { token: pool.me.token }), 401, 'auth.unauthenticated', `${key} as a signed-in user`);
          if (c.ownService) {
            assertProblem(await send(key, call, { token: otherServiceKey }), 403, 'service.forbidden', `${key} with another service's key`);
            assertProblem(await send(key, call, { token: serviceKey }), 403, 'service.forbidden', `${key} with a key of no service`);
            if (methodOf(key) === 'GET') assertHead(await head(call, otherServiceKey), 403, `${key} (HEAD) with another service's key`);
          }
        });
        const res = await send(key, call, { token: ownServiceKey });
        assert.equal(res.status, c.status, `${key} with its service's key: ${res.status} ${JSON.stringify(res.body)}`);
        if (methodOf(key) === 'GET') assertHead(await head(call, ownServiceKey), 200, `${key} (HEAD) with its service's key`);
      });
    }
  });

  test("a service's resource routes answer its own key only, and never another organization's resource", async (t) => {
    for (const [key, c] of serviceCases()) {
      const resource = c.resource;
      if (!resource) continue;
      await t.test(key, async () => {
        const f = resource.writes ? await newFixture() : shared;
        await unchanged(key, async () => {
          for (const [token, who] of [
            [otherServiceKey, 'the key of another service'],
            [serviceKey, 'a key of no service'],
          ] as const)
            assertProblem(await send(key, await c.build(f), { token }), 403, 'service.forbidden', `${key} with ${who}`);
          // A signed-in user, the organization's Admin included: the writes are the service's alone.
          const asAdmin = await send(key, await c.build(f), { token: f.members.admin.token });
          if (c.auth === undefined) assertProblem(asAdmin, 401, 'auth.unauthenticated', `${key} as the Admin`);
          else assert.equal(asAdmin.status, 200, `${key}: an Admin reaches every resource`);
          // A member of another organization, and the organization's own Viewer (not given the dashboard).
          if (c.auth === 'service-or-user') {
            assertProblem(
              await send(key, await c.build(f), { token: pool.outsider.token }),
              404,
              'organization.not_found',
              `${key} by an outsider`,
            );
            assertProblem(
              await send(key, await c.build(f), { token: f.members.viewer.token }),
              404,
              'resource.not_found',
              `${key} out of reach`,
            );
          }
          // The resource named under organization B (where it does not exist), or an organization that does not exist.
          if (methodOf(key) !== 'PUT')
            assertProblem(
              await send(key, await c.build({ ...f, orgId: orgB }), { token: tsdKey }),
              404,
              'resource.not_found',
              `${key} under B`,
            );
          assertProblem(
            await send(key, await c.build({ ...f, orgId: ghostId('org') }), { token: tsdKey }),
            404,
            'organization.not_found',
            `${key} under an organization that does not exist`,
          );
        });
        const res = await send(key, await c.build(f), { token: tsdKey });
        assert.equal(res.status, c.status, `${key} with its own key: ${res.status} ${JSON.stringify(res.body)}`);
        await resource.check(f, res);
      });
    }
  });

  test('signed-in routes outside any organization answer a signed-in user', async (t) => {
    for (const [key, c] of Object.entries(CASES)) {
      if (c.kind !== 'signed-in') continue;
      await t.test(key, async () => {
        const user = c.user === 'fresh' ? await spare() : pool.me;
        const res = await send(key, await c.build(user), { token: user.token });
        assert.equal(res.status, c.status, `${key}: ${res.status} ${JSON.stringify(res.body)}`);
      });
    }
  });

  test('each built-in role is allowed, or refused with 403, exactly as PERMISSIONS.md says', async (t) => {
    const outcomes = new Map<BuiltInRoleId, Set<boolean>>(ROLES.map((r) => [r, new Set()]));
    for (const [, c] of orgCases()) for (const role of ROLES) outcomes.get(role)!.add(allowed(role, c.requirement));
    // Admins may do everything; Editors and Viewers meet both answers.
    assert.deepEqual(
      [...outcomes].map(([r, o]) => [r, [...o].sort()]),
      [
        ['admin', [true]],
        ['editor', [false, true]],
        ['viewer', [false, true]],
      ],
    );
    for (const [key, c] of orgCases()) {
      await t.test(key, async () => {
        for (const role of ROLES) {
          const f = c.writes ? await newFixture() : shared;
          const caller = f.members[role];
          const what = `${key} as ${role}`;
          if (allowed(role, c.requirement)) {
            const res = await send(key, c.build(f, caller), { token: caller.token });
            assert.equal(res.status, c.status, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
            await c.check(f, caller, res);
            if (methodOf(key) === 'GET') assertHead(await head(c.build(f, caller), caller.token), c.status, `${what} (HEAD)`);
          } else {
            await unchanged(what, async () => {
              assertProblem(await send(key, c.build(f, caller), { token: caller.token }), 403, 'authz.forbidden', what);
              if (methodOf(key) === 'GET') assertHead(await head(c.build(f, caller), caller.token), 403, `${what} (HEAD)`);
            });
          }
        }
      });
    }
  });

  test('"or self" routes allow every member acting on themself', async (t) => {
    const selfCases = orgCases().filter(([, c]) => c.orSelf);
    assert.ok(selfCases.length > 0, 'expected selfCases.length > 0');
    for (const [key, c] of selfCases) {
      await t.test(key, async () => {
        for (const role of ROLES) {
          const caller = shared.members[role];
          const selfFixture = { ...shared, target: caller };
          const res = await send(key, c.build(selfFixture, caller), { token: caller.token });
          assert.equal(res.status, c.status, `${key} as ${role} on themself: ${res.status} ${JSON.stringify(res.body)}`);
          await c.check(selfFixture, caller, res);
        }
      });
    }
  });

  test('a user of another organization gets 404, identical to the answer for an organization that does not exist', async (t) => {
    const outsider = pool.outsider;
    for (const [key, c] of orgCases()) {
      await t.test(key, async () => {
        const ghost = { ...shared, orgId: ghostId('org') };
        await unchanged(key, async () => {
          const real = await send(key, c.build(shared, outsider), { token: outsider.token });
          assertProblem(real, 404, 'organization.not_found', `${key} by a non-member`);
          assertSameAnswer(
            real,
            await send(key, c.build(ghost, outsider), { token: outsider.token }),
            `${key}: existing vs. unknown organization`,
          );
          // A member of the organization asking for an unknown one gets that same answer.
          assertSameAnswer(
            real,
            await send(key, c.build(ghost, shared.members.admin), { token: shared.members.admin.token }),
            `${key}: non-member vs. member, unknown organization`,
          );
          if (methodOf(key) === 'GET') {
            const realHead = await head(c.build(shared, outsider), outsider.token);
            assertHead(realHead, 404, `${key} (HEAD) by a non-member`);
            assertSameAnswer(
              realHead,
              await head(c.build(ghost, outsider), outsider.token),
              `${key} (HEAD): existing vs. unknown organization`,
            );
          }
          if (c.orSelf) {
            const self = await send(key, c.build({ ...shared, target: outsider }, outsider), { token: outsider.token });
            assertProblem(self, 404, 'organization.not_found', `${key} by a non-member about themself`);
            assertSameAnswer(self, real, `${key}: "or self" does not let a non-member in`);
          }
        });
      });
    }
    // The invitee's routes: another person's invitation is no more visible than an unknown one.
    for (const action of ['accept', 'decline']) {
      await t.test(`POST ${API}/me/invitations/:invitationId/${action}`, async () => {
        const key = `POST ${API}/me/invitations/:invitationId/${action}`;
        await unchanged(key, async () => {
          const real = await send(key, { path: `/me/invitations/${shared.invitationId}/${action}` }, { token: outsider.token });
          assertProblem(real, 404, 'invitation.not_found', `${key}: an invitation of another address`);
          assertSameAnswer(real, await send(key, { path: `/me/invitations/${ghostId('inv')}/${action}` }, { token: outsider.token }), key);
        });
      });
      await t.test(`POST ${API}/invitations/${action} with the token of another address`, async () => {
        const key = `POST ${API}/invitations/${action}`;
        await unchanged(key, async () => {
          assertProblem(
            await send(key, { path: `/invitations/${action}`, body: { token: shared.invitationToken } }, { token: outsider.token }),
            403,
            'invitation.email_mismatch',
            key,
          );
        });
      });
    }
    await t.test(`PUT ${API}/me/active-organization`, async () => {
      const key = `PUT ${API}/me/active-organization`;
      await unchanged(key, async () => {
        const real = await send(
          key,
          { path: '/me/active-organization', body: { organizationId: shared.orgId } },
          { token: outsider.token },
        );
        assertProblem(real, 404, 'organization.not_found', `${key} to a foreign organization`);
        assertSameAnswer(
          real,
          await send(key, { path: '/me/active-organization', body: { organizationId: ghostId('org') } }, { token: outsider.token }),
          key,
        );
      });
    });
  });

  test('an Admin of organization B naming a member, role or invitation of organization A under B gets 404, and A is untouched', async (t) => {
    const admin = pool.outsider;
    // Under B's id, A's member, custom role or invitation; A's organization id appears nowhere.
    const underB = (f: Fixture): Fixture => ({ ...f, orgId: orgB });
    let checked = 0;
    for (const [key, c] of orgCases()) {
      for (const kind of c.foreignIds ?? []) {
        await t.test(`${key}: ${kind} of another organization`, async () => {
          checked += 1;
          // B's own invitation quota counts B's Admin's attempts; nothing else may change.
          await unchanged(key, async () => {
            if (kind === 'bodyDevice') {
              // A's devices (one every member reaches, one hidden), for B's own Viewer.
              const f = { ...underB(shared), target: pool.bMember };
              const call = c.build(f, admin);
              const real = await send(
                key,
                { ...call, body: { ...call.body, deviceIds: [shared.deviceId, shared.hiddenDeviceId] } },
                { token: admin.token },
              );
              assertProblem(real, 400, 'request.invalid', `${key} with devices of another organization`);
              assert.deepEqual(
                real.body.errors.map((e: { field: string }) => e.field),
                ['/deviceIds/0', '/deviceIds/1'],
                key,
              );
              const ghost = await send(
                key,
                { ...call, body: { ...call.body, deviceIds: [ghostId('dev'), ghostId('dev')] } },
                { token: admin.token },
              );
              assertSameAnswer(real, ghost, `${key}: foreign vs. unknown devices`);
              return;
            }
            if (kind === 'bodyRole') {
              // A's custom role, for B's own member or B's invitation.
              const f = { ...underB(shared), target: pool.bMember };
              const call = c.build(f, admin);
              const real = await send(key, { ...call, body: { ...call.body, roleId: shared.customRoleId } }, { token: admin.token });
              assertProblem(real, 404, 'role.not_found', `${key} with a role of another organization`);
              const ghost = await send(key, { ...call, body: { ...call.body, roleId: ghostId('rol') } }, { token: admin.token });
              assertSameAnswer(real, ghost, `${key}: foreign vs. unknown role`);
              return;
            }
            const real = await send(key, c.build(underB(shared), admin), { token: admin.token });
            const code = {
              member: 'member.not_found',
              role: 'role.not_found',
              invitation: 'invitation.not_found',
              device: 'device.not_found',
            }[kind];
            assertProblem(real, 404, code, `${key} with a ${kind} of another organization`);
            const ghost = {
              member: { ...underB(shared), target: { ...shared.target, userId: ghostId('usr') } },
              role: { ...underB(shared), customRoleId: ghostId('rol') },
              invitation: { ...underB(shared), invitationId: ghostId('inv') },
              device: { ...underB(shared), deviceId: ghostId('dev') },
            }[kind];
            assertSameAnswer(real, await send(key, c.build(ghost, admin), { token: admin.token }), `${key}: foreign vs. unknown ${kind}`);
          }, ['throttle_counters']);
        });
      }
    }
    assert.equal(
      checked,
      18,
      'member read/change/remove and device access read/change, role edit/delete, invitation resend/revoke, device read/edit/delete/reset token, role in two bodies, devices in one',
    );
  });

  test('a member who may not reach a device gets 404, identical to the answer for a device that does not exist', async (t) => {
    const deviceCases = orgCases().filter(([, c]) => c.foreignIds?.includes('device'));
    assert.equal(deviceCases.length, 4, 'read, edit, delete, reset token');
    let refusals = 0;
    for (const [key, c] of deviceCases) {
      await t.test(key, async () => {
        const hidden = { ...shared, deviceId: shared.hiddenDeviceId };
        const ghost = { ...shared, deviceId: ghostId('dev') };
        await unchanged(key, async () => {
          // The Editor and Viewer have `deviceId` only: the hidden device does not exist for them.
          for (const role of ROLES) {
            if (role === 'admin' || !allowed(role, c.requirement)) continue;
            refusals += 1;
            const caller = shared.members[role];
            const what = `${key} as ${role} without access to the device`;
            const real = await send(key, c.build(hidden, caller), { token: caller.token });
            assertProblem(real, 404, 'device.not_found', what);
            assertSameAnswer(real, await send(key, c.build(ghost, caller), { token: caller.token }), `${what}: vs. an unknown device`);
            // An Admin, who reaches every device, gets that answer for an unknown device too.
            assertSameAnswer(
              real,
              await send(key, c.build(ghost, shared.members.admin), { token: shared.members.admin.token }),
              `${what}: vs. an Admin asking for an unknown device`,
            );
            if (methodOf(key) === 'GET') {
              const realHead = await head(c.build(hidden, caller), caller.token);
              assertHead(realHead, 404, `${what} (HEAD)`);
              assertSameAnswer(realHead, await head(c.build(ghost, caller), caller.token), `${what} (HEAD): vs. an unknown device`);
            }
          }
        });
      });
    }
    assert.equal(refusals, 5, 'the Editor on all four routes, the Viewer on the one they hold');
    // Controls: whoever reaches the hidden device sees it.
    await t.test('the Admins and a member with every device reach the hidden device', async () => {
      for (const u of [shared.owner, shared.members.admin, shared.target]) {
        const res = await svc.request('GET', `/orgs/${shared.orgId}/devices/${shared.hiddenDeviceId}`, undefined, { token: u.token });
        assert.equal(res.status, 200, `${u.firstName}: ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(res.body.id, shared.hiddenDeviceId);
        const list = await svc.request('GET', `/orgs/${shared.orgId}/devices`, undefined, { token: u.token });
        assert.deepEqual(
          list.body.items.map((d: { id: string }) => d.id),
          [shared.hiddenDeviceId, shared.deviceId],
          u.firstName,
        );
      }
    });
  });

  test('the authorization API answers a service key about anyone, and a signed-in user about themself only', async (t) => {
    for (const [key, c] of authzCases()) {
      await t.test(key, async () => {
        for (const [role, subject] of authzSubjects()) {
          const what = `${key} about ${role ?? 'a non-member'}`;
          const expected = c.answer(role);
          const bySvc = await send(key, c.build(subject), { token: serviceKey });
          assert.equal(bySvc.status, 200, `${what} with a service key: ${bySvc.status} ${JSON.stringify(bySvc.body)}`);
          assert.deepEqual(bySvc.body, expected, `${what} with a service key`);
          const bySelf = await send(key, c.build(subject), { token: subject.token });
          assert.equal(bySelf.status, 200, `${what}, asked by themself: ${bySelf.status} ${JSON.stringify(bySelf.body)}`);
          assert.deepEqual(bySelf.body, expected, `${what}, asked by themself`);
          // Anyone else signed in — an Admin of the organization included — may not ask.
          const others = [shared.members.admin, shared.members.viewer, pool.me].filter((u) => u.userId !== subject.userId);
          await unchanged(what, async () => {
            for (const other of others) {
              assertProblem(
                await send(key, c.build(subject), { token: other.token }),
                403,
                'authz.forbidden',
                `${what}, asked by ${other.firstName}`,
              );
            }
          });
        }
      });
    }
    await t.test(`POST ${API}/authz/check-batch mixing a question about oneself with one about another user`, async () => {
      const key = `POST ${API}/authz/check-batch`;
      const asker = shared.members.editor;
      const own = (CASES[key] as AuthzCase).build(asker).body!.checks as unknown[];
      const foreign = (CASES[key] as AuthzCase).build(shared.members.viewer).body!.checks as unknown[];
      await unchanged(key, async () => {
        assertProblem(
          await send(key, { path: '/authz/check-batch', body: { checks: [...own, foreign[0]] } }, { token: asker.token }),
          403,
          'authz.forbidden',
          `${key}: the other user last`,
        );
        assertProblem(
          await send(key, { path: '/authz/check-batch', body: { checks: [foreign[0], ...own] } }, { token: asker.token }),
          403,
          'authz.forbidden',
          `${key}: the other user first`,
        );
      });
    });
  });

  test('the authorization API answers about the organization it names only', async (t) => {
    const ask = async (body: Record<string, unknown>, token = serviceKey) => {
      const res = await svc.request('POST', '/authz/check', body, { token });
      assert.equal(res.status, 200, `${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const view = 'device-management:devices.view';
    const unknownDevice = { allowed: false, reason: 'unknown_device' };
    const notMember = { allowed: false, reason: 'not_member' };
    await t.test('a device of organization A asked about under organization B is unknown, like a device that does not exist', async () => {
      const outsider = pool.outsider;
      // Control: B's Admin may view B's own device.
      assert.deepEqual(await ask({ userId: outsider.userId, organizationId: orgB, permission: view, deviceId: bDeviceId }), {
        allowed: true,
        reason: 'granted',
      });
      for (const token of [serviceKey, outsider.token]) {
        for (const deviceId of [shared.deviceId, shared.hiddenDeviceId, ghostId('dev')]) {
          assert.deepEqual(
            await ask({ userId: outsider.userId, organizationId: orgB, permission: view, deviceId }, token),
            unknownDevice,
            deviceId,
          );
        }
      }
      // And the other way round: A's Admin, B's device, under A.
      assert.deepEqual(
        await ask({ userId: shared.members.admin.userId, organizationId: shared.orgId, permission: view, deviceId: bDeviceId }),
        unknownDevice,
      );
      assert.deepEqual(
        await ask({ userId: shared.members.admin.userId, organizationId: shared.orgId, permission: view, deviceId: shared.deviceId }),
        { allowed: true, reason: 'granted' },
      );
    });
    await t.test('a non-member is not_member, in an existing organization as in an unknown one', async () => {
      for (const token of [serviceKey, pool.outsider.token]) {
        for (const organizationId of [shared.orgId, ghostId('org')]) {
          assert.deepEqual(await ask({ userId: pool.outsider.userId, organizationId, permission: view }, token), notMember, organizationId);
        }
        assert.deepEqual(
          await ask({ userId: pool.outsider.userId, organizationId: shared.orgId, permission: view, deviceId: shared.deviceId }, token),
          notMember,
        );
      }
      // B's Viewer is no member of A, A's members none of B.
      assert.deepEqual(await ask({ userId: pool.bMember.userId, organizationId: shared.orgId, permission: view }), notMember);
      assert.deepEqual(
        await ask({ userId: shared.members.admin.userId, organizationId: orgB, permission: view, deviceId: bDeviceId }),
        notMember,
      );
    });
    await t.test(`POST ${API}/authz/accessible-devices lists the named organization's devices only`, async () => {
      const list = async (userId: string, organizationId: string) => {
        const res = await svc.request('POST', '/authz/accessible-devices', { userId, organizationId, limit: 100 }, { token: serviceKey });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body;
      };
      assert.deepEqual(await list(pool.outsider.userId, orgB), { allDevices: true, items: [bDeviceId], nextCursor: null });
      assert.deepEqual(await list(pool.outsider.userId, shared.orgId), { allDevices: false, items: [], nextCursor: null });
      assert.deepEqual(await list(pool.bMember.userId, orgB), { allDevices: false, items: [], nextCursor: null });
      assert.deepEqual(await list(shared.members.admin.userId, orgB), { allDevices: false, items: [], nextCursor: null });
    });
  });

  // Issue 13, item 7: a role with only `user-management:access` read billing data and the names and
  // UUIDs of devices it could not reach from the audit log.
  test("the audit log hides what its reader may not see: billing without billing.edit, a device's details without access to it", async () => {
    const [owner, auditor, fitter] = await signUpMany(svc, 3);
    const orgId = owner!.activeOrganizationId;
    const as = (u: SignedUpUser) => ({ token: u.token });
    const ok = (r: Response, what: string) =>
      assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
    const billing = {
      companyName: 'Secret Plant GmbH',
      street: 'Hidden Street 7',
      postalCode: '32825',
      city: 'Blomberg',
      country: 'DE',
      vatId: 'DE999888777',
      billingEmail: 'ledger@secret-plant.example',
    };
    ok(await svc.request('PUT', `/orgs/${orgId}/billing`, billing, as(owner!)), 'billing set');
    const seenUuid = randomUUID();
    const hiddenUuid = randomUUID();
    const seen = await svc.request('POST', `/orgs/${orgId}/devices`, { uuid: seenUuid, name: 'Visible press' }, as(owner!));
    const hidden = await svc.request(
      'POST',
      `/orgs/${orgId}/devices`,
      { uuid: hiddenUuid, name: 'Classified furnace', location: 'Bunker 3' },
      as(owner!),
    );
    ok(seen, 'device 1');
    ok(hidden, 'device 2');
    ok(
      await svc.request('PATCH', `/orgs/${orgId}/devices/${hidden.body.device.id}`, { name: 'Classified furnace II' }, as(owner!)),
      'hidden device renamed',
    );
    const onlyUsers = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      { name: 'Auditor', permissions: ['user-management:access'] },
      as(owner!),
    );
    const usersAndDevices = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      { name: 'Fitter', permissions: ['user-management:access', 'device-management:access', 'device-management:devices.view'] },
      as(owner!),
    );
    ok(onlyUsers, 'role Auditor');
    ok(usersAndDevices, 'role Fitter');
    await addMember(svc, orgId, auditor!.userId, onlyUsers.body.id);
    await addMember(svc, orgId, fitter!.userId, usersAndDevices.body.id);
    ok(
      await svc.request(
        'PUT',
        `/orgs/${orgId}/members/${fitter!.userId}/device-access`,
        { allDevices: false, deviceIds: [seen.body.device.id] },
        as(owner!),
      ),
      'the fitter reaches one device',
    );
    ok(
      await svc.request(
        'PUT',
        `/orgs/${orgId}/members/${auditor!.userId}/device-access`,
        { allDevices: false, deviceIds: [seen.body.device.id, hidden.body.device.id] },
        as(owner!),
      ),
      'an event listing both devices',
    );

    const read = async (u: SignedUpUser) => {
      const r = await svc.request('GET', `/orgs/${orgId}/audit-events?limit=200`, undefined, as(u));
      assert.equal(r.status, 200, `${u.firstName} reads the log: ${r.raw.body}`);
      return r;
    };
    const secrets = ['Secret Plant', 'Hidden Street', 'DE999888777', 'ledger@secret-plant', 'Classified furnace', hiddenUuid, 'Bunker 3'];
    const billingOf = (r: Response) =>
      (r.body.items as { action: string; after: Record<string, unknown>; redacted: boolean }[]).find(
        (e) => e.action === 'organization.billing_changed',
      )!;
    const eventOn = (r: Response, action: string, deviceId: string) =>
      (
        r.body.items as {
          action: string;
          target: { id: string; name: unknown } | null;
          before: unknown;
          after: Record<string, unknown>;
          redacted: boolean;
        }[]
      ).find((e) => e.action === action && e.target?.id === deviceId)!;

    // The Admin sees everything.
    const all = await read(owner!);
    for (const s of secrets) assert.ok(all.raw.body.includes(s), `the Admin sees ${s}`);
    assert.equal(billingOf(all).redacted, false, 'nothing hidden from the Admin');

    // Only user-management:access: no billing, no device details.
    const auditorView = await read(auditor!);
    for (const s of [...secrets, 'Visible press', seenUuid])
      assert.equal(auditorView.raw.body.includes(s), false, `the auditor does not see ${s}`);
    const hiddenBilling = billingOf(auditorView);
    assert.equal(hiddenBilling.redacted, true, 'the billing event says something is hidden');
    assert.deepEqual(hiddenBilling.after.companyName, { redacted: true }, 'each billing value is marked hidden');
    const added = eventOn(auditorView, 'device.added', hidden.body.device.id);
    assert.deepEqual(
      [added.redacted, added.target!.name, added.after.uuid, added.after.name],
      [true, { redacted: true }, { redacted: true }, { redacted: true }],
      'a device event: name and UUID hidden',
    );

    // Devices visible to whoever may open them: the fitter sees the one device they reach, not the other.
    const fitterView = await read(fitter!);
    for (const s of secrets) assert.equal(fitterView.raw.body.includes(s), false, `the fitter does not see ${s}`);
    assert.ok(
      fitterView.raw.body.includes('Visible press') && fitterView.raw.body.includes(seenUuid),
      'the fitter sees the device they reach',
    );
    assert.equal(eventOn(fitterView, 'device.added', seen.body.device.id).redacted, false, 'their device is not hidden');
    const access = (
      fitterView.body.items as { action: string; target: { id: string }; deviceNames: Record<string, unknown>; redacted: boolean }[]
    ).find((e) => e.action === 'member.device_access_changed' && e.target.id === auditor!.userId)!;
    assert.deepEqual(
      access.deviceNames,
      { [seen.body.device.id]: 'Visible press', [hidden.body.device.id]: { redacted: true } },
      'device names listed in an event: hidden where the reader may not open the device',
    );
    assert.equal(access.redacted, true, 'and the event says so');
  });

  test('smuggled fields in any JSON body are refused with 400, and change nothing', async (t) => {
    const schemas = bodySchemas();
    const smuggled: Record<string, unknown> = {
      role: 'admin',
      orgId: shared.orgId,
      organizationId: shared.orgId,
      emailVerified: true,
      id: ghostId('usr'),
      userId: pool.outsider.userId,
      isAdmin: true,
      permissions: ['user-management:roles.manage'],
    };
    // The only routes where one of those names is a field of the body (and so not smuggled).
    const realFields: Record<string, string[]> = {
      [`PUT ${API}/me/active-organization`]: ['organizationId'],
      [`POST ${API}/orgs/:orgId/roles`]: ['permissions'],
      [`PATCH ${API}/orgs/:orgId/roles/:roleId`]: ['permissions'],
      [`POST ${API}/authz/check`]: ['organizationId', 'userId'],
      [`POST ${API}/authz/accessible-devices`]: ['organizationId', 'userId'],
      [`PUT ${API}/services/:slug/manifest`]: ['permissions'],
      [`POST ${API}/authz/accessible-resources`]: ['organizationId', 'userId'],
    };
    const poisoned: [string, string][] = [
      ['__proto__', '{"isAdmin":true,"role":"admin"}'],
      ['constructor', '{"prototype":{"isAdmin":true}}'],
    ];
    let routes = 0;
    for (const route of registeredRoutes()) {
      const key = `${route.method} ${route.url}`;
      const schema = schemas.get(key);
      if (!schema) continue;
      routes += 1;
      await t.test(key, async () => {
        const { call, options, verify } = await prepareClean(key);
        assert.ok(call.body, `${key}: a valid body`);
        const real = Object.keys(smuggled).filter((field) => Object.hasOwn(schema.properties, field));
        assert.deepEqual(real, realFields[key] ?? [], `${key}: fields of the body schema named like a smuggled field`);
        const variants: { field: string; raw: string }[] = [];
        for (const [field, value] of Object.entries(smuggled)) {
          if (real.includes(field)) continue;
          variants.push({ field, raw: JSON.stringify({ ...call.body, [field]: value }) });
        }
        // (An empty body, `{}`, takes no comma after the poisoned field.)
        const rest = JSON.stringify(call.body).slice(1);
        for (const [field, value] of poisoned) variants.push({ field, raw: `{"${field}":${value}${rest === '}' ? '' : ','}${rest}` });
        assert.ok(variants.length >= 8, `${key}: ${variants.length} variants`);
        const baseline = await fingerprint();
        for (const v of variants) {
          const res = await svc.request(route.method, call.path, undefined, { ...options, rawBody: v.raw });
          assertProblem(res, 400, 'request.invalid', `${key} with ${v.field}`);
          assert.ok(
            res.body.errors.some((e: { field: string }) => e.field === `/${v.field}`),
            `${key}: the problem names ${v.field}: ${JSON.stringify(res.body.errors)}`,
          );
          assert.deepEqual(await fingerprint(), baseline, `${key} with ${v.field}: the database changed`);
        }
        // The very same body without the smuggled field goes through: the field alone was refused.
        const clean = await svc.request(route.method, call.path, call.body, options);
        await verify(clean);
      });
    }
    assert.equal(routes, 41, 'routes with a JSON body');
  });
});

/** A valid request for any route (for the tests that only look at its shape or refuse it early). */
async function buildFor(key: string): Promise<Call> {
  const c = CASES[key];
  assert.ok(c, key);
  if (c.kind === 'org') return c.build(shared, shared.members.admin);
  if (c.kind === 'signed-in') return c.build(pool.me);
  if (c.kind === 'authz') return c.build(shared.members.admin);
  if (c.kind === 'service') return c.build(shared);
  // Public requests may send mail or need a mailed token: only their shape is needed here.
  return c.build();
}

/**
 * A valid request that is allowed, with who sends it and the check of its success; state-changing
 * ones get a fixture or user of their own.
 */
async function prepareClean(key: string): Promise<{ call: Call; options: RequestOptions; verify: (res: Response) => Promise<void> }> {
  const c = CASES[key];
  assert.ok(c, key);
  const expectStatus = (status: number) => (res: Response) => {
    assert.equal(res.status, status, `${key} without the smuggled field: ${res.status} ${JSON.stringify(res.body)}`);
  };
  if (c.kind === 'public') {
    const call = await c.build();
    return { call, options: {}, verify: async (res) => expectStatus(c.status)(res) };
  }
  if (c.kind === 'signed-in') {
    const user = c.user === 'fresh' ? await spare() : pool.me;
    return { call: await c.build(user), options: { token: user.token }, verify: async (res) => expectStatus(c.status)(res) };
  }
  if (c.kind === 'service' && !c.resource) {
    return { call: await c.build(shared), options: { token: ownServiceKey }, verify: async (res) => expectStatus(c.status)(res) };
  }
  if (c.kind === 'authz') {
    return {
      call: c.build(shared.members.editor),
      options: { token: serviceKey },
      verify: async (res) => {
        expectStatus(200)(res);
        assert.deepEqual(res.body, c.answer('editor'), key);
      },
    };
  }
  if (c.kind === 'service') {
    const resource = c.resource!;
    const f = resource.writes ? await newFixture() : shared;
    return {
      call: await c.build(f),
      options: { token: tsdKey },
      verify: async (res) => {
        expectStatus(c.status)(res);
        await resource.check(f, res);
      },
    };
  }
  const f = c.writes ? await newFixture() : shared;
  const caller = f.members.admin;
  return {
    call: c.build(f, caller),
    options: { token: caller.token },
    verify: async (res) => {
      expectStatus(c.status)(res);
      await c.check(f, caller, res);
    },
  };
}
