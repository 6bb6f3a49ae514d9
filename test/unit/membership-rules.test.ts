// The name of the organization a user gets when they have none: "<firstName>'s organization",
// held to the organizations table's CHECK (char_length(name) BETWEEN 1 AND 100), which counts
// code points: a long first name is cut, with an ellipsis, never in the middle of a character.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultOrganizationName } from '../../src/core/organizations/membership-rules.js';

const codePoints = (s: string) => [...s].length;
const SUFFIX = "'s organization"; // 15 characters

describe('defaultOrganizationName', () => {
  test('a short first name: the name as is', () => {
    assert.equal(defaultOrganizationName('Anna'), "Anna's organization", 'Anna');
    assert.equal(defaultOrganizationName('Zoë'), "Zoë's organization", 'Zoë');
  });

  test('exactly 100 characters is kept whole; 101 is cut to 99 and an ellipsis', () => {
    const fits = 'F'.repeat(100 - SUFFIX.length);
    assert.equal(defaultOrganizationName(fits), `${fits}${SUFFIX}`, '100 characters');
    const over = `${fits}G`;
    const cut = defaultOrganizationName(over);
    assert.equal(codePoints(cut), 100, '101 characters are cut to 100');
    assert.equal(cut, `${over}${SUFFIX}`.slice(0, 99) + '…', 'the first 99, then …');
  });

  test('a first name of 100 characters (the longest accepted) fits the column', () => {
    const name = defaultOrganizationName('L'.repeat(100));
    assert.equal(codePoints(name), 100, 'at most 100 characters');
    assert.equal(name, `${'L'.repeat(99)}…`, 'only the first name shows');
  });

  test('characters outside the BMP count once and are never split (no lone surrogate reaches the database)', () => {
    for (const first of ['🏭'.repeat(100), `A${'🏭'.repeat(99)}`, '𝔊'.repeat(90)]) {
      const name = defaultOrganizationName(first);
      assert.ok(codePoints(name) <= 100, `${codePoints(name)} characters for ${JSON.stringify(first.slice(0, 4))}…`);
      // With the u flag a surrogate pair is one code point: only a lone surrogate matches.
      assert.doesNotMatch(name, /[\uD800-\uDFFF]/u, `no lone surrogate for ${JSON.stringify(first.slice(0, 4))}…`);
      assert.equal(name.endsWith('…'), true, 'cut, with an ellipsis');
      assert.equal(codePoints(name), 100, 'as much of the name as fits');
    }
    const short = '🏭'.repeat(85);
    assert.equal(defaultOrganizationName(short), `${short}${SUFFIX}`, '85 emoji and the suffix are exactly 100 characters: kept whole');
  });
});
