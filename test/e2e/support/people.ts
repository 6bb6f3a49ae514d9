// Fixtures and checks the browser tests share: people with accounts (signed up and verified through
// the API, with the mailed link), a browser signed in as one of them, the API as a fixture tool,
// and the checks that say how the UI shows an error or a layout.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { STRONG_PASSWORD, uniqueEmail } from '../../support/service.js';
import { tokenFrom } from '../../support/smtp.js';
import { SCREENSHOT_DIR, type WebE2E } from './web.js';

export interface Person {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  userId: string;
  /** A bearer session for fixture calls through the API (not the browser's). */
  token: string;
  /** Their own organization, made at sign-up. */
  orgId: string;
}

/** A domain of its own, so that invitations between two people are links (not mailed) unless they share it. */
export const ownDomain = (label = 'plant') => `${label}-${randomUUID().slice(0, 6)}.example`;

/** The API as a fixture tool: with the browser's Origin (the service checks it), as `token`'s user. */
export function api(e2e: WebE2E) {
  return (method: string, path: string, body?: unknown, token?: string) =>
    e2e.svc.request(method, path, body, { origin: e2e.base, ...(token ? { token } : {}) });
}

/** Signs up and verifies through the API with the mailed link, then signs in for a bearer token. */
export async function person(e2e: WebE2E, firstName: string, lastName = 'Tester', domain = ownDomain()): Promise<Person> {
  const call = api(e2e);
  const email = uniqueEmail(firstName.toLowerCase(), domain);
  const signup = await call('POST', '/auth/signup', { email, password: STRONG_PASSWORD, firstName, lastName });
  assert.equal(signup.status, 202, `sign-up of ${email}: ${JSON.stringify(signup.body)}`);
  const mail = await e2e.svc.smtp.waitFor(email, (m) => m.text.includes('/verify-email?token='));
  const verified = await call('POST', '/auth/verify-email', { token: tokenFrom(mail, 'verify-email'), password: STRONG_PASSWORD });
  assert.equal(verified.status, 200, `verification of ${email}: ${JSON.stringify(verified.body)}`);
  const login = await call('POST', '/auth/login', { email, password: STRONG_PASSWORD });
  assert.equal(login.status, 200, `sign-in of ${email}: ${JSON.stringify(login.body)}`);
  return {
    email,
    password: STRONG_PASSWORD,
    firstName,
    lastName,
    userId: login.body.user.id,
    token: login.body.token,
    orgId: login.body.activeOrganizationId,
  };
}

/** `member` joins `admin`'s organization through an invitation link, and acts in it from then on. */
export async function join(
  e2e: WebE2E,
  admin: Person,
  member: Person,
  roleId: string,
  deviceAccess = { allDevices: false, deviceIds: [] as string[] },
) {
  const call = api(e2e);
  const inv = await call(
    'POST',
    `/orgs/${admin.orgId}/invitations`,
    { email: member.email, roleId, ...(roleId === 'admin' ? {} : { deviceAccess }) },
    admin.token,
  );
  assert.equal(inv.status, 201, `invitation: ${JSON.stringify(inv.body)}`);
  const token = new URL(inv.body.link).searchParams.get('token');
  const accepted = await call('POST', '/invitations/accept', { token }, member.token);
  assert.equal(accepted.status, 200, `acceptance: ${JSON.stringify(accepted.body)}`);
  const active = await call('PUT', '/me/active-organization', { organizationId: admin.orgId }, member.token);
  assert.equal(active.status, 200, `switch: ${JSON.stringify(active.body)}`);
}

export interface BrowserOptions {
  /** The organization to act in (made active through the API before the first page). */
  activeOrgId?: string;
  viewport?: { width: number; height: number };
  lang?: 'en' | 'de';
}

/** A fresh browser profile signed in as `who` (the session cookie lands in the page's own jar). */
export async function browserOf(e2e: WebE2E, who: Person, options: BrowserOptions = {}): Promise<Page> {
  const context = await e2e.newContext();
  if (options.lang) await context.addInitScript(`localStorage.setItem('gatehouse.lang', '${options.lang}')`);
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  (page as Page & { problems?: string[] }).problems = problems;
  const login = await page.request.post('/api/v1/auth/login', {
    data: { email: who.email, password: who.password },
    headers: { origin: e2e.base },
  });
  assert.equal(login.status(), 200, await login.text());
  if (options.activeOrgId) {
    const r = await page.request.put('/api/v1/me/active-organization', {
      data: { organizationId: options.activeOrgId },
      headers: { origin: e2e.base },
    });
    assert.equal(r.status(), 200, await r.text());
  }
  return page;
}

/** An uncaught error in the app fails the test that caused it. */
export const noPageErrors = (page: Page) =>
  assert.deepEqual((page as Page & { problems?: string[] }).problems ?? [], [], 'the app threw no uncaught error');

/**
 * An error shown where it belongs: the field is marked invalid, has focus, and the message in
 * words sits right under it (its aria-describedby). Returns the message.
 */
export async function fieldErrorShown(field: Locator, expected: RegExp): Promise<string> {
  const page = field.page();
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  await expectFocused(field);
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  assert.ok(errorId, `the field is described by its error message (aria-describedby="${describedBy}")`);
  const text = await page.locator(`[id="${errorId}"]`).innerText();
  assert.match(text, expected, 'the message next to the field says what is wrong');
  return text;
}

/** Waits (generously: the locator's default timeout) until `locator` is the focused element. */
async function expectFocused(locator: Locator) {
  await locator.and(locator.page().locator(':focus')).waitFor();
}

/** An API error shown in words by the form's alert: the problem's code on it, a sentence as its text. */
export async function alertShown(scope: Page | Locator, code: string) {
  const alert = scope.locator(`[role="alert"][data-code="${code}"]`);
  await alert.waitFor();
  const text = await alert.innerText();
  assert.ok(text.length > 15 && !text.includes(code), `the alert for ${code} is a sentence, not the code: ${text}`);
  return text;
}

// Run in the page (as source text: the tests are compiled without the DOM's types).
const OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  if (document.documentElement.scrollWidth > width + 1) offenders.push('the page scrolls sideways (' + document.documentElement.scrollWidth + 'px > ' + width + 'px)');
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let inside = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { inside = true; break; }
    }
    if (!inside && getComputedStyle(el).position !== 'fixed') offenders.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + (el.textContent || '').trim().slice(0, 40) + '" ends at ' + Math.round(r.right) + 'px');
  }
  return offenders.slice(0, 10);
})()`;

/**
 * Nothing is wider than the window: the page does not scroll sideways, and no element (but those
 * inside a frame that scrolls or clips on purpose, such as a wide table's) reaches past the right
 * edge. Returns the offenders, empty when the page fits.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(OVERFLOW) as Promise<string[]>;
}

/**
 * Text broken a few characters per line (an e-mail address squeezed into a column one letter
 * wide): elements matching `selector` whose text runs over more lines than a quarter of its
 * characters. Lines are counted from the text's own boxes (a Range), so a cell stretched by its
 * neighbours is not mistaken for one; visually hidden text (clipped) is skipped.
 */
export function squeezedText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(`(() => {
    const bad = [];
    const hidden = (el) => { for (let p = el; p; p = p.parentElement) { const s = getComputedStyle(p); if (s.clip !== 'auto' || s.display === 'none' || s.visibility === 'hidden') return true; } return false; };
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      const text = (el.textContent || '').trim();
      if (text.length <= 8 || hidden(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      const lines = tops.size;
      if (lines > 2 && lines > text.length / 4) bad.push('"' + text.slice(0, 60) + '" in ' + lines + ' lines, ' + Math.round(el.getBoundingClientRect().width) + 'px wide');
    }
    return bad;
  })()`) as Promise<string[]>;
}

/**
 * A full-page screenshot from the top (a scrolled page would paint the sticky header mid-page),
 * and for long pages also what the first screen shows (`<name>-top`), readable at full size.
 */
export async function shot(e2e: WebE2E, page: Page, name: string, top = false) {
  await page.evaluate('window.scrollTo(0, 0)');
  await e2e.screenshot(page, name);
  if (top) await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-top.png` });
}
