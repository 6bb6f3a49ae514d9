// A small dashboard service on Gatehouse — a Smart Service as PLATFORM.md describes one, in one file
// with plain Node http, openid-client and @gatehouse/sdk (no framework):
// - at start it puts its manifest (manifest.json: resource types dashboard-group and dashboard, the
//   permission dashboards.view on dashboards) with its service key, and registers a webhook to itself;
// - users sign in through Gatehouse (OpenID Connect, authorization code + PKCE);
// - it tells Gatehouse about its dashboards (its own ids) in the user's organization, as resources;
// - it shows only the dashboards the user may see, asking through the SDK's decision cache;
// - verified webhook events drop the cache's answers of their organization, so an Admin's change in
//   Gatehouse shows at the next page load, without waiting for any expiry.
//
//   GATEHOUSE_URL=http://localhost:3000 CLIENT_ID=app_… CLIENT_SECRET=gcs_… SERVICE_KEY=gks_… node server.mjs
//
// See README.md beside this file.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import { createDecisionCache, createGatehouse, verifyWebhook } from '@gatehouse/sdk';

const manifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
const SLUG = manifest.service;
const GATEHOUSE_URL = process.env.GATEHOUSE_URL ?? 'http://localhost:3000';
const PORT = Number(process.env.PORT ?? 4100);
const BASE = `http://localhost:${PORT}`;
// Where Gatehouse posts events: an address Gatehouse can reach (a loopback one needs the operator's
// WEBHOOK_ALLOWED_HOSTS=127.0.0.1 on Gatehouse's side).
const WEBHOOK_URL = process.env.WEBHOOK_URL ?? `http://127.0.0.1:${PORT}/gatehouse/webhook`;
const { CLIENT_ID, CLIENT_SECRET, SERVICE_KEY } = process.env;
if (!CLIENT_ID || !CLIENT_SECRET || !SERVICE_KEY) {
  console.error(
    'Set CLIENT_ID, CLIENT_SECRET (npx gatehouse oidc-client create --name Dashboards --redirect-uri http://localhost:4100/callback --post-logout-redirect-uri http://localhost:4100/) and SERVICE_KEY (npx gatehouse service register manifest.json)',
  );
  process.exit(2);
}

// The service's own data: dashboards in groups, by its own ids. Gatehouse knows them as resources
// `dashboards:dashboard-group` / `dashboards:dashboard` with these external ids.
const GROUP_TYPE = `${SLUG}:dashboard-group`;
const DASHBOARD_TYPE = `${SLUG}:dashboard`;
const VIEW = `${SLUG}:dashboards.view`;
const GROUPS = [
  { externalId: 'plant-a', name: 'Plant A' },
  { externalId: 'plant-b', name: 'Plant B' },
];
const DASHBOARDS = [
  { externalId: 'line-1', name: 'Line 1 throughput', group: 'plant-a' },
  { externalId: 'line-2', name: 'Line 2 energy', group: 'plant-b' },
];

const gatehouse = createGatehouse({ baseUrl: GATEHOUSE_URL, serviceKey: SERVICE_KEY });
const cache = createDecisionCache(gatehouse);

/** The data of an openapi-fetch result, or a throw naming the call and Gatehouse's problem code. */
function must(what, { data, error, response }) {
  if (error !== undefined) throw new Error(`${what}: ${response.status} ${error?.code ?? ''} ${error?.detail ?? ''}`.trim());
  return data;
}

// 1. The manifest: what the service offers (idempotent; a changed file is a new version).
must('PUT manifest', await gatehouse.api.PUT('/api/v1/services/{slug}/manifest', { params: { path: { slug: SLUG } }, body: manifest }));

// 2. A webhook to ourselves. Its secret is shown only when it is created, so a restart replaces
// the webhook it registered before (same URL) with a new one.
const hooks = must('GET webhooks', await gatehouse.api.GET('/api/v1/services/{slug}/webhooks', { params: { path: { slug: SLUG } } }));
for (const old of hooks.items.filter((h) => h.url === WEBHOOK_URL))
  must(
    'DELETE webhook',
    await gatehouse.api.DELETE('/api/v1/services/{slug}/webhooks/{id}', { params: { path: { slug: SLUG, id: old.id } } }),
  );
const hook = must(
  'POST webhook',
  await gatehouse.api.POST('/api/v1/services/{slug}/webhooks', {
    params: { path: { slug: SLUG } },
    // Every type that can change an answer of ours.
    body: {
      url: WEBHOOK_URL,
      types: [
        'member.removed',
        'member.role_changed',
        'member.access_changed',
        'role.changed',
        'role.deleted',
        'resource.deleted',
        'organization.deleted',
        'user.deleted',
        'service.manifest_changed',
      ],
    },
  }),
);
const WEBHOOK_SECRET = hook.secret;

// 3. Our dashboards as resources of each organization a user signs in to (once per organization
// and process; the PUT is an idempotent upsert, so doing it again after a restart is harmless).
const told = new Map();
function tellGatehouse(orgId) {
  if (!told.has(orgId)) {
    const done = (async () => {
      for (const g of GROUPS)
        must(
          `PUT ${g.externalId}`,
          await gatehouse.api.PUT('/api/v1/orgs/{orgId}/resources/{type}/{externalId}', {
            params: { path: { orgId, type: GROUP_TYPE, externalId: g.externalId } },
            body: { name: g.name },
          }),
        );
      for (const d of DASHBOARDS)
        must(
          `PUT ${d.externalId}`,
          await gatehouse.api.PUT('/api/v1/orgs/{orgId}/resources/{type}/{externalId}', {
            params: { path: { orgId, type: DASHBOARD_TYPE, externalId: d.externalId } },
            body: { name: d.name, parent: { type: GROUP_TYPE, externalId: d.group } },
          }),
        );
    })();
    // A failure is tried again at the next page load.
    done.catch(() => told.delete(orgId));
    told.set(orgId, done);
  }
  return told.get(orgId);
}

/** The dashboards this user may see in their organization: one check each, from the cache when it can. */
async function visibleDashboards(user) {
  await tellGatehouse(user.org_id);
  const answers = await Promise.all(
    DASHBOARDS.map((d) =>
      cache.check({
        userId: user.sub,
        organizationId: user.org_id,
        permission: VIEW,
        resource: { type: DASHBOARD_TYPE, externalId: d.externalId },
      }),
    ),
  );
  return DASHBOARDS.filter((_, i) => answers[i].allowed);
}

const insecure = GATEHOUSE_URL.startsWith('http://');
const config = await client.discovery(new URL(GATEHOUSE_URL), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET), {
  // Plain http is for a local Gatehouse only; and verify ID token signatures against the JWKS.
  execute: [...(insecure ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
});

/** Our own tiny session store: cookie `sid` → what we know about the signed-in user. */
const sessions = new Map();

function sessionOf(req) {
  const sid = /(?:^|;\s*)sid=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
  return sid ? { sid, data: sessions.get(sid) } : { sid: undefined, data: undefined };
}

const escapeHtml = (v) => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function page(res, body, status = 200) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!DOCTYPE html><meta charset="utf-8"><title>Dashboards</title><body style="font-family:system-ui;max-width:40rem;margin:3rem auto">${body}</body>`,
  );
}

async function signIn(res) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const sid = randomBytes(24).toString('base64url');
  sessions.set(sid, { pending: { verifier, state, nonce } });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${BASE}/callback`,
    scope: 'openid email profile organization',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  res.writeHead(302, { location: url.href, 'set-cookie': `sid=${sid}; HttpOnly; SameSite=Lax; Path=/` });
  res.end();
}

/** The raw body, exactly as received: the webhook signature is over these bytes. */
function rawBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 1_000_000) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, BASE);
    if (url.pathname === '/gatehouse/webhook' && req.method === 'POST') {
      let event;
      try {
        event = verifyWebhook(WEBHOOK_SECRET, await rawBody(req), req.headers);
      } catch {
        res.writeHead(400).end();
        return;
      }
      // Drops every cached answer of the event's organization (all of them for a deleted user).
      cache.onEvent(event);
      res.writeHead(204).end();
      return;
    }
    const { sid, data } = sessionOf(req);
    if (url.pathname === '/login') return await signIn(res);
    if (url.pathname === '/callback') {
      if (!data?.pending) return page(res, '<p>No sign-in in progress. <a href="/login">Sign in</a></p>', 400);
      const tokens = await client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: data.pending.verifier,
        expectedState: data.pending.state,
        expectedNonce: data.pending.nonce,
      });
      sessions.set(sid, { tokens, user: tokens.claims() });
      res.writeHead(302, { location: '/' });
      return res.end();
    }
    if (url.pathname === '/logout' && data?.tokens) {
      sessions.delete(sid);
      const end = client.buildEndSessionUrl(config, { id_token_hint: data.tokens.id_token, post_logout_redirect_uri: `${BASE}/` });
      res.writeHead(302, { location: end.href, 'set-cookie': 'sid=; Max-Age=0; Path=/' });
      return res.end();
    }
    if (url.pathname !== '/') return page(res, '<p>Not found</p>', 404);
    if (!data?.user) return page(res, '<h1>Dashboards</h1><p><a href="/login">Sign in with Gatehouse</a></p>');
    const user = data.user;
    const visible = await visibleDashboards(user);
    const { hits, misses } = cache.stats();
    return page(
      res,
      `<h1>Dashboards of ${escapeHtml(user.org_name)}</h1>
<p>Signed in as ${escapeHtml(user.name)} (${escapeHtml(user.org_role)})</p>
<h2>${visible.length} of ${DASHBOARDS.length} dashboards</h2>
<ul>${visible.map((d) => `<li data-dashboard="${escapeHtml(d.externalId)}">${escapeHtml(d.name)} <small>(${escapeHtml(GROUPS.find((g) => g.externalId === d.group).name)})</small></li>`).join('')}</ul>
<p><small>Decision cache: ${hits} answers from memory, ${misses} asked</small></p>
<p><a href="/">Refresh</a> · <a href="/logout">Sign out</a></p>`,
    );
  } catch (e) {
    const error = e?.error ?? e?.code ?? 'error';
    page(
      res,
      `<p>Something failed: <code>${escapeHtml(error)}</code> ${escapeHtml(e?.error_description ?? e?.message ?? '')}</p><p><a href="/login">Sign in again</a></p>`,
      400,
    );
  }
});
server.listen(PORT, '127.0.0.1', () => console.log(`Dashboards Smart Service on ${BASE} (Gatehouse: ${GATEHOUSE_URL})`));
