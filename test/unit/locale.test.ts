// Which of our languages an Accept-Language header asks for (the sign-up's default when the body
// names none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localeFromAcceptLanguage } from '../../src/core/locale.js';

test('Accept-Language: the first of ours by weight, by primary subtag; English when none is ours', () => {
  const cases: [string | undefined, 'en' | 'de'][] = [
    [undefined, 'en'],
    ['', 'en'],
    ['de', 'de'],
    ['de-AT', 'de'],
    ['DE-ch', 'de'],
    ['fr-CH, fr;q=0.9, de;q=0.8, en;q=0.7', 'de'],
    ['fr-CH, en;q=0.9, de;q=0.8', 'en'],
    ['de;q=0.3, en-GB', 'en'],
    ['en;q=0.5, de;q=0.5', 'en'],
    ['de;q=0, en;q=0.1', 'en'],
    ['de;q=0', 'en'],
    ['fr, it', 'en'],
    ['*', 'en'],
    [';;,,q=1', 'en'],
  ];
  for (const [header, expected] of cases) assert.equal(localeFromAcceptLanguage(header), expected, JSON.stringify(header));
});
