// A route's declared access (`config.access`) is enforced before its handler runs, whatever the
// handler does: the routes here check nothing themselves, so only the declaration can refuse.
// The real core decides (memberships in the database); the app around it is a bare Fastify.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import '../../src/http/auth.js';
import { registerProblemHandlers } from '../../src/http/problem.js';
import { registerRouteAccess } from '../../src/http/route-access.js';
import { addMember, signUpMany, startTestService, type SignedUpUser, type TestService } from '../support/service.js';

let svc: TestService;
let app: FastifyInstance;
let owner: SignedUpUser;
let viewer: SignedUpUser;
let outsider: SignedUpUser;
let handled = 0;

before(async () => {
  svc = await startTestService();
  [owner, viewer, outsider] = (await signUpMany(svc, 3)) as [SignedUpUser, SignedUpUser, SignedUpUser];
  await addMember(svc, owner.activeOrganizationId, viewer.userId, 'viewer');
  app = Fastify();
  registerProblemHandlers(app);
  app.decorateRequest('actor', undefined);
  // Stands in for the auth hook: the caller is named by a header.
  app.addHook('preValidation', async (request) => {
    request.actor = { kind: 'user', userId: String(request.headers['x-user']), sessionId: 'ses_test' };
  });
  registerRouteAccess(app, svc.gatehouse.core.authorize);
  const handler = async () => {
    handled++;
    return { handled: true };
  };
  app.get('/orgs/:orgId/admin-only', { config: { auth: 'user', access: { requirement: 'admin' } } }, handler);
  app.get(
    '/orgs/:orgId/members/:userId/detail',
    { config: { auth: 'user', access: { requirement: 'user-management:access', orSelf: true } } },
    handler,
  );
  await app.ready();
});
after(async () => {
  await app?.close();
  await svc?.close();
});

const call = async (url: string, as: SignedUpUser) => {
  const before = handled;
  const res = await app.inject({ method: 'GET', url, headers: { 'x-user': as.userId } });
  return {
    status: res.statusCode,
    code: res.statusCode === 200 ? undefined : (res.json() as { code: string }).code,
    ran: handled > before,
  };
};

describe('config.access is enforced before the handler', () => {
  test('a member without the requirement gets 403, a non-member 404, and the handler never runs', async () => {
    const org = owner.activeOrganizationId;
    assert.deepEqual(await call(`/orgs/${org}/admin-only`, owner), { status: 200, code: undefined, ran: true }, 'the Admin passes');
    assert.deepEqual(
      await call(`/orgs/${org}/admin-only`, viewer),
      { status: 403, code: 'authz.forbidden', ran: false },
      'a Viewer is refused at the route',
    );
    assert.deepEqual(
      await call(`/orgs/${org}/admin-only`, outsider),
      { status: 404, code: 'organization.not_found', ran: false },
      'an outsider is told nothing',
    );
    assert.deepEqual(
      await call(`/orgs/org_00000000000000000000000000/admin-only`, owner),
      { status: 404, code: 'organization.not_found', ran: false },
      'an unknown organization is the same 404',
    );
  });

  test('orSelf: a member acting on themself needs only membership', async () => {
    const org = owner.activeOrganizationId;
    assert.deepEqual(
      await call(`/orgs/${org}/members/${viewer.userId}/detail`, viewer),
      { status: 200, code: undefined, ran: true },
      'a Viewer reads their own entry',
    );
    assert.deepEqual(
      await call(`/orgs/${org}/members/${owner.userId}/detail`, viewer),
      { status: 403, code: 'authz.forbidden', ran: false },
      "but not someone else's",
    );
    assert.deepEqual(
      await call(`/orgs/${org}/members/${outsider.userId}/detail`, outsider),
      { status: 404, code: 'organization.not_found', ran: false },
      'a non-member is no member of their own accord',
    );
  });

  test('a declaration that cannot be enforced stops the app from starting', async () => {
    const bad = Fastify();
    registerRouteAccess(bad, svc.gatehouse.core.authorize);
    assert.throws(
      () => bad.get('/devices/:deviceId', { config: { auth: 'user', access: { requirement: 'admin' } } }, async () => ({})),
      /config\.access needs/,
      'a route without :orgId cannot declare organization access',
    );
    await bad.close();
  });
});
