// A Smart Service in the web UI's navigation (PLATFORM.md "Services and their manifests": optional
// `url` and `icon`, "served sanitised"; the navigation lists the services a member may enter): the
// icon sanitised when written and served with a CSP that runs and loads nothing, and
// GET /orgs/{orgId}/services answering each member with what their role lets them enter.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { addMember, signUpMany, startTestService, type SignedUpUser, type TestService } from '../support/service.js';

const TSD = JSON.parse(readFileSync(new URL('../../examples/manifests/tsd.json', import.meta.url), 'utf8')) as {
  service: string;
  icon: string;
  permissions: { action: string; roles: string[] }[];
  [k: string]: unknown;
};

let svc: TestService;
let tsdKey: string;
let owner: SignedUpUser;
let viewer: SignedUpUser;
let custom: SignedUpUser;
let outsider: SignedUpUser;
let orgId: string;

before(async () => {
  svc = await startTestService();
  [owner, viewer, custom, outsider] = (await signUpMany(svc, 4)) as [SignedUpUser, SignedUpUser, SignedUpUser, SignedUpUser];
  orgId = owner.activeOrganizationId;
  tsdKey = (await svc.gatehouse.core.services.register(TSD)).client!.key;
  await addMember(svc, orgId, viewer.userId, 'viewer');
  // A custom role holding only something of the device management: it may enter no Smart Service.
  const role = await svc.request(
    'POST',
    `/orgs/${orgId}/roles`,
    { name: 'Devices only', permissions: ['device-management:devices.view'] },
    { token: owner.token },
  );
  assert.equal(role.status, 201, JSON.stringify(role.body));
  await addMember(svc, orgId, custom.userId, role.body.id);
});
after(async () => {
  await svc?.close();
});

const put = (body: unknown) => svc.request('PUT', '/services/tsd/manifest', body, { token: tsdKey });
const icon = (token = owner.token) => svc.request('GET', '/services/tsd/icon', undefined, { token });
const entries = async (user: SignedUpUser) => {
  const r = await svc.request('GET', `/orgs/${orgId}/services`, undefined, { token: user.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { slug: string; name: { en: string; de?: string }; url: string; hasIcon: boolean }[];
};

describe('the icon', () => {
  test('served as the sanitised SVG, image/svg+xml, with a CSP that runs and loads nothing, nosniff and a cache header', async () => {
    const r = await icon();
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^image\/svg\+xml/);
    assert.equal(r.headers['content-security-policy'], "default-src 'none'; style-src 'unsafe-inline'");
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(String(r.headers['cache-control']), /max-age=\d+/);
    const svg = r.raw.body;
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, 'a standalone SVG document with its namespace');
    assert.match(svg, /<polyline /, "the example's drawing is kept");
    assert.equal((await icon('')).status, 401, 'signed in only, as GET /services');
  });

  test('what could run or load is removed when written; the audit records that the icon changed', async () => {
    const hostile =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>' +
      '<a href="javascript:alert(3)"><circle r="4" onclick="alert(4)"/></a><foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>';
    const r = await put({ ...TSD, icon: hostile });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.changes.icon, 'changed', 'the diff says the icon changed (not the SVG itself)');
    const svg = (await icon()).raw.body;
    for (const bad of ['script', 'onload', 'onclick', 'javascript:', 'foreignObject', 'iframe'])
      assert.ok(!svg.includes(bad), `"${bad}" is gone from the served icon: ${svg}`);
    assert.match(svg, /<circle r="4"\/>/, 'the drawing stays');
  });

  test('not an SVG once sanitised, or larger than 8 KB: 400 service.icon_invalid, nothing changed', async () => {
    const before = (await icon()).raw.body;
    for (const bad of [
      '<div>an image?</div>',
      'just text',
      `<svg xmlns="http://www.w3.org/2000/svg"><desc>${'x'.repeat(8200)}</desc></svg>`,
    ]) {
      const r = await put({ ...TSD, icon: bad });
      assert.equal(r.status, 400, bad.slice(0, 40));
      assert.equal(r.body.code, 'service.icon_invalid', bad.slice(0, 40));
    }
    assert.equal((await icon()).raw.body, before, 'the icon is as it was');
  });

  test('a manifest without the icon removes it: 404 service.icon_not_found, as for a service that has none', async () => {
    const { icon: _, ...withoutIcon } = TSD;
    const r = await put(withoutIcon);
    assert.equal(r.body.changes.icon, 'removed');
    const gone = await icon();
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 'service.icon_not_found');
    assert.equal((await svc.request('GET', '/services/emma/icon', undefined, { token: owner.token })).status, 404, 'emma has none');
    assert.equal((await svc.request('GET', '/services/nobody/icon', undefined, { token: owner.token })).status, 404, 'no such service');
    assert.equal((await put(TSD)).body.changes.icon, 'added');
  });
});

describe('GET /orgs/{orgId}/services: what a member may enter', () => {
  test("a service with a url whose '<slug>:access' the member's role holds, with its names and whether it has an icon", async () => {
    const expected = [
      {
        slug: 'tsd',
        name: { en: 'Time Series Data Service', de: 'Zeitreihendaten-Service' },
        url: 'https://tsd.example.com/',
        hasIcon: true,
      },
    ];
    assert.deepEqual(await entries(owner), expected, 'the Admin');
    assert.deepEqual(await entries(viewer), expected, 'a Viewer (the manifest gives viewers tsd:access)');
    assert.deepEqual(await entries(custom), [], 'a custom role without tsd:access');
    // The shipped services have no url: nowhere to go, so they are not listed even though held.
  });

  test('a deprecated access permission, or no url: not listed', async () => {
    const withoutAccess = { ...TSD, permissions: TSD.permissions.filter((p) => p.action !== 'access') };
    assert.equal((await put(withoutAccess)).status, 200);
    assert.deepEqual(await entries(owner), [], 'tsd:access is deprecated');
    const { url: _, ...withoutUrl } = TSD;
    assert.equal((await put(withoutUrl)).status, 200);
    assert.deepEqual(await entries(owner), [], 'no url');
    assert.equal((await put(TSD)).status, 200);
    assert.equal((await entries(owner)).length, 1, 'back');
  });

  test('not a member: 404 (as for no such organization); not signed in: 401', async () => {
    const r = await svc.request('GET', `/orgs/${orgId}/services`, undefined, { token: outsider.token });
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 'organization.not_found');
    assert.equal((await svc.request('GET', `/orgs/${orgId}/services`)).status, 401);
  });
});
