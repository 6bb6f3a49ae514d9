// The audit page names every action the service records, in both languages, and no other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_ACTIONS } from '../../src/core/audit/audit.js';
import { AUDIT_ACTION_WORDS } from '../../web/src/i18n/audit-actions.js';

test('the web UI has English and German words for exactly the audit actions the service records', () => {
  for (const lang of ['en', 'de'] as const) {
    assert.deepEqual(Object.keys(AUDIT_ACTION_WORDS[lang]).sort(), [...AUDIT_ACTIONS].sort(), lang);
    for (const [action, words] of Object.entries(AUDIT_ACTION_WORDS[lang]))
      assert.ok(words.trim() !== '' && words !== action, `${lang} ${action}`);
  }
});
