// Every problem `code` the service can answer has words for a user, in English and in German: the
// web UI must never show a raw code or an English-only sentence to a German user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '../../src/core/errors.js';
import { ERROR_MESSAGES, errorText } from '../../web/src/i18n/errors.js';

test('every code of the error catalogue has an English and a German message', () => {
  const missing: string[] = [];
  for (const code of Object.keys(errors)) {
    const m = ERROR_MESSAGES[code];
    if (!m?.en?.trim()) missing.push(`${code} (en)`);
    if (!m?.de?.trim()) missing.push(`${code} (de)`);
  }
  assert.deepEqual(missing, [], `add these to web/src/i18n/errors.ts: ${missing.join(', ')}`);
});

test('the messages are translations, not copies, and no message names a code', () => {
  for (const [code, m] of Object.entries(ERROR_MESSAGES)) {
    assert.notEqual(m.en, m.de, `${code}: the German text is the English one`);
    assert.doesNotMatch(`${m.en} ${m.de}`, /\b[a-z]+\.[a-z_]+\b/, `${code}: the message shows a code`);
  }
});

test('the UI only maps codes that exist (plus its own `network`), so a renamed code cannot linger', () => {
  const extra = Object.keys(ERROR_MESSAGES).filter((code) => !(code in errors) && code !== 'network');
  assert.deepEqual(extra, []);
});

test("an unknown code falls back to the server's title, or a plain sentence in the user's language", () => {
  assert.equal(errorText('member.last_admin', 'de'), ERROR_MESSAGES['member.last_admin']!.de);
  assert.equal(errorText('no.such_code', 'en', 'Server title'), 'Server title');
  assert.match(errorText('no.such_code', 'de'), /Bitte versuchen Sie es erneut/);
});
