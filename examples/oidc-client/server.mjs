// A minimal Smart Service that signs users in through Gatehouse with OpenID Connect: plain Node
// http + openid-client, no framework. It shows who signed in, in which organization and with which
// role, and asks Gatehouse's authorization API whether that user may view a device.
//
//   GATEHOUSE_URL=http://localhost:3000 CLIENT_ID=app_… CLIENT_SECRET=gcs_… SERVICE_KEY=gks_… node server.mjs
//
// See README.md beside this file.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';

const GATEHOUSE_URL = process.env.GATEHOUSE_URL ?? 'http://localhost:3000';
const PORT = Number(process.env.PORT ?? 4000);
const BASE = `http://localhost:${PORT}`;
const { CLIENT_ID, CLIENT_SECRET, SERVICE_KEY } = process.env;
if (!CLIENT_ID || !CLIENT_SECRET) {
  console.error(
    'Set CLIENT_ID and CLIENT_SECRET (npx gatehouse oidc-client create --name Example --redirect-uri http://localhost:4000/callback --post-logout-redirect-uri http://localhost:4000/)',
  );
  process.exit(2);
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

function newSession(res, data) {
  const sid = randomBytes(24).toString('base64url');
  sessions.set(sid, data);
  res.setHeader('set-cookie', `sid=${sid}; HttpOnly; SameSite=Lax; Path=/`);
  return sid;
}

const escapeHtml = (v) => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function page(res, body, status = 200) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!DOCTYPE html><meta charset="utf-8"><title>Example Smart Service</title><body style="font-family:system-ui;max-width:40rem;margin:3rem auto">${body}</body>`,
  );
}

/** Starts an authorization request (optionally for another organization) and remembers its PKCE verifier. */
async function signIn(res, organization, silent) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const sid = newSession(res, { pending: { verifier, state, nonce } });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${BASE}/callback`,
    scope: 'openid email profile organization',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(organization && { organization }),
    ...(silent && { prompt: 'none' }),
  });
  res.writeHead(302, { location: url.href, 'set-cookie': `sid=${sid}; HttpOnly; SameSite=Lax; Path=/` });
  res.end();
}

/** Asks Gatehouse's authorization API (with the service key) whether the user may view the device. */
async function mayViewDevice(user, deviceId) {
  if (!SERVICE_KEY) return 'set SERVICE_KEY (npx gatehouse service-client create --name example) to ask';
  const answer = await fetch(`${GATEHOUSE_URL}/api/v1/authz/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SERVICE_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: user.sub, organizationId: user.org_id, permission: 'device-management:devices.view', deviceId }),
  });
  const body = await answer.json();
  return answer.ok ? `${body.allowed ? 'allowed' : 'denied'} (${body.reason})` : `error ${answer.status}: ${body.code}`;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, BASE);
    const { sid, data } = sessionOf(req);
    if (url.pathname === '/login')
      return await signIn(res, url.searchParams.get('organization') ?? undefined, url.searchParams.has('organization'));
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
    if (url.pathname === '/refresh' && data?.tokens) {
      // Claims are read fresh by Gatehouse at each refresh: a role change shows here; a removal fails.
      const tokens = await client.refreshTokenGrant(config, data.tokens.refresh_token);
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
    if (!data?.user) return page(res, '<h1>Example Smart Service</h1><p><a href="/login">Sign in with Gatehouse</a></p>');
    const user = data.user;
    const deviceId = url.searchParams.get('device');
    const check = deviceId
      ? `<p>May ${escapeHtml(user.name)} view device <code>${escapeHtml(deviceId)}</code>? <strong>${escapeHtml(await mayViewDevice(user, deviceId))}</strong></p>`
      : '';
    return page(
      res,
      `<h1>Hello ${escapeHtml(user.name)}</h1>
<p>${escapeHtml(user.email)} · user <code>${escapeHtml(user.sub)}</code></p>
<p>Organization <strong>${escapeHtml(user.org_name)}</strong> (<code>${escapeHtml(user.org_id)}</code>) as <strong>${escapeHtml(user.org_role)}</strong></p>
<details><summary>${user.permissions?.length ?? 0} permissions</summary><pre>${escapeHtml((user.permissions ?? []).join('\n'))}</pre></details>
${check}
<form action="/"><input name="device" placeholder="dev_… device id"> <button>Check device access</button></form>
<form action="/login"><input name="organization" placeholder="org_… switch organization"> <button>Switch</button></form>
<p><a href="/refresh">Refresh tokens</a> · <a href="/logout">Sign out</a></p>`,
    );
  } catch (e) {
    const error = e?.error ?? e?.code ?? 'error';
    page(
      res,
      `<p>Sign-in failed: <code>${escapeHtml(error)}</code> ${escapeHtml(e?.error_description ?? e?.message ?? '')}</p><p><a href="/login">Try again</a></p>`,
      400,
    );
  }
});
server.listen(PORT, '127.0.0.1', () => console.log(`Example Smart Service on ${BASE} (Gatehouse: ${GATEHOUSE_URL})`));
