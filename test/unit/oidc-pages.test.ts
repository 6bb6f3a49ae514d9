// The provider's own pages: their language (ui_locales first, then the browser's Accept-Language)
// and escaping of what they show (a client's registered name, the provider's error text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorPage, loggedOutPage, logoutPage, pageLang } from '../../src/http/oidc/pages.js';

const accepts =
  (preferred: string | false) =>
  (...langs: string[]) =>
    preferred && langs.includes(preferred) ? preferred : false;

test('the language: ui_locales when it names English or German first, else Accept-Language, else English', () => {
  const cases: [unknown, string | false, string][] = [
    ['de', false, 'de'],
    ['de-AT en', 'en', 'de'],
    ['fr de', 'en', 'de'],
    ['en', 'de', 'en'],
    ['fr', 'de', 'de'],
    [undefined, 'de', 'de'],
    [undefined, 'en', 'en'],
    [undefined, false, 'en'],
    [42, false, 'en'],
  ];
  for (const [uiLocales, browser, expected] of cases) {
    assert.equal(pageLang(uiLocales, accepts(browser)), expected, `ui_locales=${String(uiLocales)} Accept-Language=${String(browser)}`);
  }
});

test('the pages escape the client name and the error text, and say their language', () => {
  const logout = logoutPage('<form id="op.logoutForm"></form>', '<img src=x onerror=alert(1)>', 'de');
  assert.ok(!logout.includes('<img'), 'the client name is escaped');
  assert.match(logout, /<html lang="de">/, 'German page');
  assert.match(logout, /Von Gatehouse abmelden\?/, 'German title');
  const error = errorPage({ error: '<b>x</b>', error_description: '"quoted" & <tag>' });
  assert.ok(!error.includes('<b>') && !error.includes('<tag>'), 'error text escaped');
  assert.match(loggedOutPage('en', '/login'), /href="\/login"/, 'a way back to the sign-in page');
});
