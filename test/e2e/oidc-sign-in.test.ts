// Single sign-on in the real web UI, in Chromium, with a relying party on loopback (openid-client
// builds its requests and redeems its codes; a small HTTP server is its redirect URI):
//   - a Smart Service asking for a fresh sign-in (`prompt=login`, or a sign-in older than `max_age`)
//     gets one password prompt — "Sign in again", naming the Smart Service — and its code; the old
//     UI bounced between /login and the interaction page (29 page loads in 4 s);
//   - the sign-in page names the registered client, in English and German;
//   - signing out in the web UI ends the provider session: no silent sign-in, no refresh after it;
//   - the provider's sign-out and signed-out pages look like the UI and speak German to a German browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import * as client from 'openid-client';
import type { BrowserContext, Page } from 'playwright-core';
import { cssOf, startWebE2E, type WebE2E } from './support/web.js';
import { freePort } from '../support/process.js';
import { signUpAndLogin, type SignedUpUser } from '../support/service.js';

let e2e: WebE2E;
let rpServer: Server;
let rpBase: string;
let rp: client.Configuration;
/** Every URL the relying party's server was sent to (callback, signed-out page), in order. */
const arrivals: URL[] = [];

before(async () => {
  e2e = await startWebE2E();
  const port = await freePort();
  rpBase = `http://127.0.0.1:${port}`;
  rpServer = createServer((req, res) => {
    if (req.url !== '/favicon.ico') arrivals.push(new URL(req.url!, rpBase));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><title>Dashboards</title><h1>Back at Dashboards</h1>');
  });
  await new Promise<void>((resolve) => rpServer.listen(port, '127.0.0.1', resolve));
  const created = await e2e.svc.gatehouse.oidc.clients.create({
    name: 'Dashboards',
    kind: 'confidential',
    redirectUris: [`${rpBase}/callback`],
    postLogoutRedirectUris: [`${rpBase}/signed-out`],
  });
  rp = await client.discovery(new URL(e2e.base), created.id, undefined, client.ClientSecretBasic(created.secret!), {
    execute: [client.allowInsecureRequests],
  });
});

after(async () => {
  rpServer?.closeAllConnections();
  await new Promise((resolve) => rpServer?.close(resolve));
  await e2e?.close();
});

/** A page that counts its loads of the sign-in page and of the interaction. */
async function countingPage(context?: BrowserContext) {
  const page = context ? await context.newPage() : await e2e.newPage();
  const loads = { login: 0, interaction: 0 };
  page.on('request', (r) => {
    if (!r.isNavigationRequest()) return;
    const path = new URL(r.url()).pathname;
    if (path === '/login') loads.login++;
    if (path.startsWith('/oidc/interaction/')) loads.interaction++;
  });
  return { page, loads };
}

async function signInToGatehouse(page: Page, user: SignedUpUser) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Users' }).waitFor();
}

/** Starts an authorization request in the page; returns what the relying party needs to redeem the code. */
async function authorize(page: Page, params: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(rp, {
    redirect_uri: `${rpBase}/callback`,
    scope: 'openid email',
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...params,
  });
  await page.goto(url.href);
  return { verifier, state };
}

/** Waits for the relying party's page, and returns the callback it was sent to. */
async function backAtRelyingParty(page: Page): Promise<URL> {
  await page.getByRole('heading', { name: 'Back at Dashboards' }).waitFor();
  const callback = arrivals.at(-1)!;
  assert.equal(callback.pathname, '/callback', `the relying party got its callback: ${callback.href}`);
  return callback;
}

async function redeem(callback: URL, started: { verifier: string; state: string }) {
  return client.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: started.verifier, expectedState: started.state });
}

describe('single sign-on in the web UI', () => {
  test('prompt=login with a valid session: one "Sign in again" page naming the Smart Service, then the code', async () => {
    const user = await signUpAndLogin(e2e.svc, { firstName: 'Paula', lastName: 'Prompt' });
    const { page, loads } = await countingPage();
    await signInToGatehouse(page, user);
    loads.login = 0;

    const started = await authorize(page, { prompt: 'login' });
    await page.getByRole('heading', { name: 'Sign in again' }).waitFor();
    await page.getByText('Dashboards asks you to confirm it is you: enter your password again.').waitFor();
    assert.equal(await page.getByLabel('E-mail address').inputValue(), user.email, 'the address is filled in');
    await e2e.screenshot(page, 'oidc-sign-in-again');
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const callback = await backAtRelyingParty(page);
    assert.ok(callback.searchParams.get('code'), `a code, not an error: ${callback.href}`);
    assert.equal(loads.login, 1, 'the sign-in page was loaded once (no loop)');
    assert.equal(loads.interaction, 2, 'the interaction: once before the password, once after');
    const tokens = await redeem(callback, started);
    assert.equal(tokens.claims()!.sub, user.userId, "the ID token is the user's");
  });

  test('max_age: a sign-in older than that asks for the password once (the service clock moved on)', async () => {
    const user = await signUpAndLogin(e2e.svc, { firstName: 'Max', lastName: 'Age' });
    const { page, loads } = await countingPage();
    await signInToGatehouse(page, user);
    await authorize(page, { max_age: '300' });
    assert.ok((await backAtRelyingParty(page)).searchParams.get('code'), 'a sign-in within max_age goes straight through');

    e2e.svc.clock.advance(301_000);
    loads.login = 0;
    const started = await authorize(page, { max_age: '300' });
    await page.getByRole('heading', { name: 'Sign in again' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const callback = await backAtRelyingParty(page);
    assert.equal(loads.login, 1, 'the sign-in page was loaded once (no loop)');
    const tokens = await redeem(callback, started);
    assert.equal(tokens.claims()!.sub, user.userId, 'signed in again, the code is redeemed');
  });

  test('signing out in the web UI ends the provider session: no silent sign-in, and the refresh token is refused', async () => {
    const user = await signUpAndLogin(e2e.svc, { firstName: 'Otto', lastName: 'Out' });
    const { page } = await countingPage();
    await signInToGatehouse(page, user);
    const started = await authorize(page, { scope: 'openid email' });
    const tokens = await redeem(await backAtRelyingParty(page), started);
    assert.ok(tokens.refresh_token, 'a refresh token was issued');

    await page.goto('/users');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail address').waitFor();

    await authorize(page, { prompt: 'none' });
    const silent = await backAtRelyingParty(page);
    assert.equal(silent.searchParams.get('error'), 'login_required', `no silent sign-in after the UI's sign-out: ${silent.href}`);
    await assert.rejects(
      client.refreshTokenGrant(rp, tokens.refresh_token),
      (e: { error?: string }) => e.error === 'invalid_grant',
      'the refresh token died with the sign-out',
    );
  });

  test('German: the sign-in page names the Smart Service; the sign-out and signed-out pages are German and look like the UI', async () => {
    const user = await signUpAndLogin(e2e.svc, { firstName: 'Greta', lastName: 'Deutsch' });
    const context = await e2e.browser.newContext({ baseURL: e2e.base, locale: 'de-DE', viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(15_000);
    try {
      const { page } = await countingPage(context);
      await authorize(page);
      await page.getByText('Melden Sie sich an, um mit Dashboards fortzufahren.').waitFor();
      await e2e.screenshot(page, 'oidc-sign-in-de');
      await page.getByLabel('E-Mail-Adresse').fill(user.email);
      await page.getByLabel('Passwort', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await backAtRelyingParty(page);

      // RP-initiated logout without a return address: the confirmation, then the signed-out page.
      await page.goto(client.buildEndSessionUrl(rp, {}).href);
      await page.getByRole('heading', { name: 'Von Gatehouse abmelden?' }).waitFor();
      await page.getByText('Die Abmeldung wurde von Dashboards angefordert.').waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'de', 'the page says it is German');
      await e2e.screenshot(page, 'oidc-sign-out-de');
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('heading', { name: 'Sie sind abgemeldet' }).waitFor();
      assert.equal(
        await cssOf(page.getByRole('link', { name: 'Wieder anmelden' }), 'border-radius'),
        '6px',
        "styled with the UI's buttons",
      );
      await e2e.screenshot(page, 'oidc-signed-out-de');
      await page.getByRole('link', { name: 'Wieder anmelden' }).click();
      await page.getByLabel('E-Mail-Adresse').waitFor();
    } finally {
      await context.close();
    }
  });
});
