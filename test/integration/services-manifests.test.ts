// The catalog as data (PLATFORM.md "Services and their manifests"): the shipped services, a Smart
// Service registering its own manifest (examples/manifests/tsd.json, with dashboard groups and
// dashboards), changing it with its own key, deprecating a permission and re-adding it, and the
// rules every manifest must keep.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { addMember, signUpMany, startTestService, type SignedUpUser, type TestService } from '../support/service.js';
import { readShippedManifests } from '../../src/store/shipped-manifests.js';
import { PERMISSION_KEYS } from '../support/shipped-catalog.js';
import { ON_POSTGRES } from '../support/pg-wire.js';

const TSD = JSON.parse(readFileSync(new URL('../../examples/manifests/tsd.json', import.meta.url), 'utf8')) as {
  service: string;
  permissions: { action: string; roles: string[] }[];
  [k: string]: unknown;
};
const withoutEdit = { ...TSD, permissions: TSD.permissions.filter((p) => p.action !== 'dashboards.edit') };

let svc: TestService;
let tsdKey: string;
let owner: SignedUpUser;
let editor: SignedUpUser;
let lead: SignedUpUser;
let orgId: string;
let leadRole: string;

before(async () => {
  svc = await startTestService();
  [owner, editor, lead] = (await signUpMany(svc, 3)) as [SignedUpUser, SignedUpUser, SignedUpUser];
  orgId = owner.activeOrganizationId;
  await addMember(svc, orgId, editor.userId, 'editor');
});
after(async () => {
  await svc?.close();
});

const check = async (userId: string, permission: string) => {
  const r = await svc.request('POST', '/authz/check', { userId, organizationId: orgId, permission }, { token: tsdKey });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.reason as string;
};
const put = (body: unknown, token = tsdKey, slug = 'tsd') => svc.request('PUT', `/services/${slug}/manifest`, body, { token });
const services = async () => (await svc.request('GET', '/services', undefined, { token: owner.token })).body as any[];
const permissions = async () => (await svc.request('GET', '/permissions', undefined, { token: owner.token })).body as any[];

describe('the shipped catalog', () => {
  test('GET /services lists the seed services in their order, with names in English and German, shipped (builtIn)', async () => {
    assert.equal((await svc.request('GET', '/services')).status, 401, 'signed in only');
    const list = await services();
    assert.deepEqual(
      list.map((s) => s.slug),
      ['device-management', 'user-management', 'service-store', 'organization', 'emma', 'tsd', 'impulse-analytics'],
      'the seed services, in order',
    );
    const um = list.find((s) => s.slug === 'user-management');
    assert.deepEqual(um.name, { en: 'User Management Service', de: 'User Management Service (Benutzerverwaltung)' }, 'both languages');
    assert.equal(um.builtIn, true, 'shipped');
    assert.equal(um.version, 1, 'first version');
    assert.equal(
      list.reduce((n, s) => n + s.permissions.length, 0),
      60,
      'the 60 permissions of PERMISSIONS.md',
    );
    const view = list.find((s) => s.slug === 'device-management').permissions.find((p: any) => p.key === 'device-management:devices.view');
    assert.equal(view.resourceType, 'device', 'device-scoped = resourceType device');
  });

  test('applying the shipped manifests again (a restart) changes nothing and records nothing', async () => {
    const before = await svc.gatehouse.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'service.manifest_changed'`,
    );
    assert.ok(before[0]!.n >= 7, 'each shipped service was recorded when first applied');
    await svc.gatehouse.core.services.applyShipped(readShippedManifests());
    const afterRows = await svc.gatehouse.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'service.manifest_changed'`,
    );
    assert.equal(afterRows[0]!.n, before[0]!.n, 'idempotent: no new event');
    assert.equal((await services()).find((s) => s.slug === 'tsd').version, 1, 'no new version');
  });
});

describe('a Smart Service takes its manifest over', () => {
  test('register (what `gatehouse service register` runs): new permission and resource types, a key of its own', async () => {
    // A custom role made before, holding a tsd permission: it must not gain the new one.
    const role = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      { name: `Lead ${randomUUID().slice(0, 4)}`, permissions: ['tsd:access'] },
      { token: owner.token },
    );
    assert.equal(role.status, 201, JSON.stringify(role.body));
    leadRole = role.body.id;
    await addMember(svc, orgId, lead.userId, leadRole);

    const result = await svc.gatehouse.core.services.register(TSD);
    assert.equal(result.service, 'tsd');
    assert.equal(result.version, 2, 'the shipped version was 1');
    assert.deepEqual(result.changes.permissions.added, ['tsd:dashboards.edit'], 'one new permission');
    assert.deepEqual(result.changes.resourceTypes.added, ['tsd:dashboard-group', 'tsd:dashboard'], 'two new types');
    assert.ok(result.client?.key.startsWith('gks_'), 'the service gets its key, shown once');
    tsdKey = result.client!.key;

    const tsd = (await services()).find((s) => s.slug === 'tsd');
    assert.equal(tsd.builtIn, false, 'the service owns its manifest now');
    assert.deepEqual(tsd.name, { en: 'Time Series Data Service', de: 'Zeitreihendaten-Service' });
    assert.equal(tsd.url, 'https://tsd.example.com/');
    assert.deepEqual(
      tsd.resourceTypes,
      [
        { type: 'tsd:dashboard-group', parent: null, name: { en: 'Dashboard group', de: 'Dashboard-Gruppe' } },
        { type: 'tsd:dashboard', parent: 'tsd:dashboard-group', name: { en: 'Dashboard', de: 'Dashboard' } },
      ],
      'the hierarchy, qualified by the slug',
    );
    const edit = (await permissions()).find((p) => p.key === 'tsd:dashboards.edit');
    assert.deepEqual(edit.label, { en: 'Edit dashboards', de: 'Dashboards bearbeiten' }, 'GET /permissions has it, in both languages');
    assert.equal(edit.resourceType, 'tsd:dashboard', 'its resource type');
    assert.equal(edit.deviceScoped, false, 'not per device');

    // PLATFORM.md: when a type first appears, existing non-Admin members get `all` of it.
    const access = await svc.gatehouse.db.query<{ user_id: string; type: string; all_resources: boolean }>(
      'SELECT user_id, type, all_resources FROM member_resource_access WHERE org_id = $1 ORDER BY user_id, type',
      [orgId],
    );
    const expected = [editor.userId, lead.userId]
      .sort()
      .flatMap((u) => ['tsd:dashboard', 'tsd:dashboard-group'].map((type) => ({ user_id: u, type, all_resources: true })));
    assert.deepEqual(
      access.map((a) => ({ ...a })),
      expected,
      'the Editor and the custom-role member get all of each new type; the Admin needs none',
    );
    assert.equal(await check(editor.userId, 'tsd:dashboards.edit'), 'granted', 'the Editor role named in the manifest holds it at once');
    assert.equal(await check(lead.userId, 'tsd:dashboards.edit'), 'permission_denied', 'a custom role never gains by a manifest');
    const roles = (await svc.request('GET', `/orgs/${orgId}/roles`, undefined, { token: owner.token })).body as any[];
    assert.ok(roles.find((r) => r.id === 'viewer').permissions.includes('tsd:dashboards.view'), 'the Viewer still views');
    assert.ok(!roles.find((r) => r.id === 'viewer').permissions.includes('tsd:dashboards.edit'), 'the Viewer does not edit');

    const [event] = await svc.gatehouse.db.query<{ details: any; target_id: string }>(
      `SELECT details, target_id FROM audit_events WHERE action = 'service.manifest_changed' AND target_id = 'tsd' ORDER BY id DESC LIMIT 1`,
    );
    assert.deepEqual(event!.details.changes.permissions.added, ['tsd:dashboards.edit'], 'audited with the diff');
  });

  test('a restart no longer re-applies the shipped tsd manifest', async () => {
    await svc.gatehouse.core.services.applyShipped(readShippedManifests());
    const tsd = (await services()).find((s) => s.slug === 'tsd');
    assert.equal(tsd.resourceTypes.length, 2, "the service's own manifest stays");
    assert.equal(tsd.builtIn, false);
  });

  test('PUT with its own key: a permission left out is deprecated (kept in custom roles), re-adding restores it', async () => {
    const granted = await svc.request(
      'PATCH',
      `/orgs/${orgId}/roles/${leadRole}`,
      { permissions: ['tsd:access', 'tsd:dashboards.edit'] },
      { token: owner.token },
    );
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    assert.equal(await check(lead.userId, 'tsd:dashboards.edit'), 'granted', 'the custom role holds it now');

    const r = await put(withoutEdit);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.version, 3, 'a new version');
    assert.deepEqual(r.body.changes.permissions.deprecated, ['tsd:dashboards.edit'], 'deprecated, not deleted');
    assert.equal(await check(lead.userId, 'tsd:dashboards.edit'), 'unknown_permission', 'every check of it is unknown_permission');
    assert.equal(await check(editor.userId, 'tsd:dashboards.edit'), 'unknown_permission', 'for the built-in roles too');
    const listed = (await permissions()).find((p) => p.key === 'tsd:dashboards.edit');
    assert.equal(listed.deprecated, true, 'GET /permissions flags it');
    assert.equal(
      (await services()).find((s) => s.slug === 'tsd').permissions.find((p: any) => p.key === 'tsd:dashboards.edit').deprecated,
      true,
    );
    const role = (await svc.request('GET', `/orgs/${orgId}/roles`, undefined, { token: owner.token })).body.find(
      (x: any) => x.id === leadRole,
    );
    assert.ok(role.permissions.includes('tsd:dashboards.edit'), 'the custom role keeps it');

    // Not grantable anew; a role already holding it keeps it through an edit.
    const fresh = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      { name: `New ${randomUUID().slice(0, 4)}`, permissions: ['tsd:dashboards.edit'] },
      { token: owner.token },
    );
    assert.equal(fresh.status, 400, 'a deprecated permission is not granted to a new role');
    assert.equal(fresh.body.errors[0].rule, 'deprecated', 'the error names why');
    const kept = await svc.request(
      'PATCH',
      `/orgs/${orgId}/roles/${leadRole}`,
      { permissions: ['tsd:access', 'tsd:dashboards.edit'] },
      { token: owner.token },
    );
    assert.equal(kept.status, 200, 'a role holding it may keep it when edited');
    const mine = await svc.request('GET', `/orgs/${orgId}/me`, undefined, { token: lead.token });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.ok(
      !mine.body.permissions.includes('tsd:dashboards.edit'),
      'what the member holds leaves the deprecated permission out (tokens too)',
    );
    assert.ok(mine.body.permissions.includes('tsd:access'), 'and keeps the others');

    // A non-Admin role manager may edit a role keeping a deprecated permission they do not hold: it grants nothing.
    const manager = (await signUpMany(svc, 1))[0]!;
    const managerRole = await svc.request(
      'POST',
      `/orgs/${orgId}/roles`,
      {
        name: `Manager ${randomUUID().slice(0, 4)}`,
        permissions: ['user-management:access', 'user-management:roles.manage', 'tsd:access'],
      },
      { token: owner.token },
    );
    assert.equal(managerRole.status, 201, JSON.stringify(managerRole.body));
    await addMember(svc, orgId, manager.userId, managerRole.body.id);
    const renamed = await svc.request(
      'PATCH',
      `/orgs/${orgId}/roles/${leadRole}`,
      { description: 'Leads a shift' },
      { token: manager.token },
    );
    assert.equal(renamed.status, 200, `no escalation through a deprecated permission: ${JSON.stringify(renamed.body)}`);

    const back = await put(TSD);
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.deepEqual(back.body.changes.permissions.restored, ['tsd:dashboards.edit'], 'restored');
    assert.equal(await check(lead.userId, 'tsd:dashboards.edit'), 'granted', 'the custom role holds it again');
    assert.equal(await check(editor.userId, 'tsd:dashboards.edit'), 'granted', 'and the Editor');
    assert.equal((await permissions()).find((p) => p.key === 'tsd:dashboards.edit').deprecated, undefined, 'no longer flagged');

    const same = await put(TSD);
    assert.equal(same.body.version, back.body.version, 'the same manifest again is no new version');
  });

  test('who may PUT: only the service itself', async () => {
    const other = await svc.gatehouse.core.services.register({
      service: `other-${randomUUID().slice(0, 6)}`,
      name: { en: 'Other' },
      permissions: [{ action: 'access', label: { en: 'Access' }, description: { en: 'Open it' }, roles: ['admin'] }],
    });
    assert.equal((await put(TSD, other.client!.key)).status, 403, "another service's key");
    const plain = await svc.gatehouse.core.serviceClients.create('no service');
    assert.equal((await put(TSD, plain.key)).status, 403, 'a key of no service');
    assert.equal((await put(TSD, owner.token)).status, 401, 'a user session');
    assert.equal((await svc.request('PUT', '/services/tsd/manifest', TSD)).status, 401, 'nobody');
    const mismatch = await put({ ...TSD, service: other.service }, tsdKey, 'tsd');
    assert.equal(mismatch.status, 400, 'the body names another service');
    assert.ok(
      (await services()).some((s) => s.slug === other.service && s.permissions[0].key === `${other.service}:access`),
      'a new service appears in GET /services',
    );
  });

  test('a resource type left out while resources of it exist is 409 service.type_in_use', async () => {
    const now = new Date();
    await svc.gatehouse.db.query(
      `INSERT INTO resources (id, org_id, type, external_id, name, created_at, updated_at) VALUES ($1, $2, 'tsd:dashboard-group', 'g1', 'Group 1', $3, $3)`,
      [`res_${randomUUID().replace(/-/g, '').slice(0, 20)}`, orgId, now],
    );
    const noTypes = {
      ...TSD,
      resourceTypes: [],
      permissions: TSD.permissions.map((p: any) => ({ ...p, resourceType: p.resourceType === 'device' ? 'device' : undefined })),
    };
    const r = await put(noTypes);
    assert.equal(r.status, 409, JSON.stringify(r.body));
    assert.equal(r.body.code, 'service.type_in_use');
    assert.equal((await services()).find((s) => s.slug === 'tsd').resourceTypes.length, 2, 'nothing changed (atomic)');
  });
});

describe('what a manifest must keep', () => {
  const base = () => ({
    service: 'rules-test',
    name: { en: 'Rules' },
    resourceTypes: [] as unknown[],
    permissions: [{ action: 'access', label: { en: 'Access' }, description: { en: 'Open it' }, roles: ['admin'] }] as unknown[],
  });
  const refused = async (manifest: unknown, code: string, rule?: string) => {
    const run = svc.gatehouse.core.services.register(manifest);
    await assert.rejects(run, (e: any) => {
      assert.equal(e.code, code, JSON.stringify(e.options));
      if (rule)
        assert.ok(
          e.options.errors.some((x: any) => x.rule === rule),
          `rule ${rule}: ${JSON.stringify(e.options.errors)}`,
        );
      return true;
    });
  };
  const types = (n: number, chain = true) =>
    Array.from({ length: n }, (_, i) => ({ type: `t${i}`, ...(chain && i > 0 ? { parent: `t${i - 1}` } : {}), name: { en: `T${i}` } }));

  test('slug, English, roles, url, icon, resource types', async () => {
    await refused({ ...base(), service: 'Bad_Slug' }, 'service.manifest_invalid', 'pattern');
    await refused({ ...base(), name: { de: 'Nur Deutsch' } }, 'service.manifest_invalid', 'required');
    await refused(
      { ...base(), permissions: [{ action: 'access', label: { en: 'A' }, description: { en: 'B' }, roles: ['owner'] }] },
      'service.manifest_invalid',
      'roles',
    );
    await refused({ ...base(), url: 'http://insecure.example.com' }, 'service.manifest_invalid', 'url');
    await refused({ ...base(), icon: '<div>not an image</div>' }, 'service.icon_invalid');
    await refused(
      { ...base(), icon: `<svg xmlns="http://www.w3.org/2000/svg"><desc>${'x'.repeat(8 * 1024)}</desc></svg>` },
      'service.icon_invalid',
    );
    await refused(
      { ...base(), permissions: [{ action: 'x', label: { en: 'A' }, description: { en: 'B' }, resourceType: 'widget', roles: [] }] },
      'service.manifest_invalid',
      'resource_type',
    );
    await refused({ ...base(), resourceTypes: types(5) }, 'service.manifest_invalid', 'depth');
    await refused(
      {
        ...base(),
        resourceTypes: [
          { type: 'a', parent: 'b', name: { en: 'A' } },
          { type: 'b', parent: 'a', name: { en: 'B' } },
        ],
      },
      'service.manifest_invalid',
      'cycle',
    );
    await refused({ ...base(), permissions: [...base().permissions, ...base().permissions] }, 'service.manifest_invalid', 'unique');
    await refused(
      {
        service: 'user-management',
        name: { en: 'Users' },
        permissions: [{ action: 'access', label: { en: 'A' }, description: { en: 'B' }, roles: ['admin'] }],
      },
      'service.manifest_invalid',
      'own_permission',
    );
    const fine = await svc.gatehouse.core.services.register({ ...base(), resourceTypes: types(4) });
    assert.equal(fine.version, 1, 'four deep is allowed');
  });

  test('limits: 500 permissions and 20 resource types a service', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ action: `p${i}`, label: { en: 'P' }, description: { en: 'P' }, roles: [] }));
    await refused({ ...base(), permissions: many }, 'service.limit_exceeded');
    await refused({ ...base(), resourceTypes: types(21, false) }, 'service.limit_exceeded');
    const max = await svc.gatehouse.core.services.register({ ...base(), service: 'rules-max', permissions: many.slice(0, 500) });
    assert.equal(max.changes.permissions.added.length, 500, '500 is allowed');
    // Through HTTP too, in both languages and with long descriptions: larger than other bodies, still accepted.
    const wordy = many.slice(0, 500).map((p, i) => ({
      ...p,
      label: { en: `Permission ${i}`, de: `Berechtigung ${i}` },
      description: { en: 'x'.repeat(400), de: 'y'.repeat(400) },
    }));
    const big = await put({ ...base(), service: 'rules-max', permissions: wordy }, max.client!.key, 'rules-max');
    assert.equal(big.status, 200, `a 500-permission manifest over HTTP: ${big.status} ${JSON.stringify(big.body).slice(0, 200)}`);
    assert.equal(big.body.changes.permissions.changed.length, 500, 'every label changed');
    assert.ok((await permissions()).length >= PERMISSION_KEYS.length + 500, 'the catalog has no fixed size');
  });

  test('the HTTP route answers problems with their stable codes', async () => {
    const r = await put({ ...TSD, resourceTypes: [{ type: 'dashboard', parent: 'dashboard', name: { en: 'D' } }] });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'service.manifest_invalid');
    assert.ok(
      r.body.errors.some((e: any) => e.field === '/resourceTypes/0/parent'),
      JSON.stringify(r.body.errors),
    );
  });
});

describe('concurrent manifest changes', {
  skip: ON_POSTGRES ? false : 'PGlite runs one statement at a time: concurrency needs a PostgreSQL server (TEST_DATABASE_URL)',
}, () => {
  test('six PUTs at once are serialised by the catalog lock: each one a version of its own, none lost, no 500', async () => {
    const slug = `race-${randomUUID().slice(0, 6)}`;
    const manifest = (n: number) => ({
      service: slug,
      name: { en: 'Race' },
      permissions: Array.from({ length: n }, (_, i) => ({
        action: `p${i}`,
        label: { en: `P${i}` },
        description: { en: 'P' },
        roles: ['admin'],
      })),
    });
    const { client } = await svc.gatehouse.core.services.register(manifest(1));
    const answers = await Promise.all([2, 3, 4, 5, 6, 7].map((n) => put(manifest(n), client!.key, slug)));
    for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.deepEqual(
      answers.map((a) => a.body.version).sort((a, b) => a - b),
      [2, 3, 4, 5, 6, 7],
      'each change got a version of its own, in commit order',
    );
    const sizes = [2, 3, 4, 5, 6, 7];
    const lastSize = sizes[answers.findIndex((a) => a.body.version === 7)]!;
    const service = (await services()).find((x) => x.slug === slug);
    assert.equal(service.version, 7, 'the last version is the one stored');
    const active = service.permissions.filter((p: { deprecated: boolean }) => !p.deprecated).length;
    assert.equal(active, lastSize, 'the catalog is exactly the manifest that committed last');
    assert.equal(service.permissions.length - active, 7 - lastSize, 'the others are deprecated, none lost');
  });
});
