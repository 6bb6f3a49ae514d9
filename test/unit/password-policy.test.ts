import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import {
  checkPassword,
  isBlocklisted,
  passwordRules,
  PASSWORD_MAX_LENGTH,
  type PasswordPolicyMode,
  type PasswordRule,
} from '../../src/core/passwords/password-policy.js';

const BLOCKLIST_URL = new URL('../../src/core/passwords/blocklist.txt', import.meta.url);
const blocklistEntries = readFileSync(BLOCKLIST_URL, 'utf8')
  .split('\n')
  .filter((l) => l !== '');

const rulesOf = (pw: string, mode: PasswordPolicyMode = 'default', opts?: { field?: string; email?: string }) =>
  checkPassword(pw, mode, opts).map((p) => p.rule);

// Upper-cases the first lower-case letter: entries are stored lower-cased, and this is the
// form a user would type to get one past the composition rule.
function capitaliseFirstLetter(s: string): string {
  return s.replace(/\p{Ll}/u, (c) => c.toUpperCase());
}

describe('passwordRules', () => {
  test('default: 10..256 with composition', () => {
    assert.deepEqual(passwordRules('default'), { minLength: 10, maxLength: 256, composition: true });
  });
  test('nist: 15..256 without composition', () => {
    assert.deepEqual(passwordRules('nist'), { minLength: 15, maxLength: 256, composition: false });
  });
  test('max length constant is 256', () => {
    assert.equal(PASSWORD_MAX_LENGTH, 256);
  });
  test('unknown mode from configuration is refused, not defaulted', () => {
    assert.throws(
      () => passwordRules('lenient' as PasswordPolicyMode),
      { name: 'TypeError', message: 'unknown password policy mode: lenient' },
      'names the bad mode',
    );
    assert.throws(() => checkPassword('Tr0ub4dor&3xyz', 'lenient' as PasswordPolicyMode), TypeError);
  });
  test('returns a copy that callers cannot use to alter the policy', () => {
    const r = passwordRules('default');
    r.minLength = 1;
    assert.equal(passwordRules('default').minLength, 10);
  });
});

describe('checkPassword, default mode: one rule at a time', () => {
  const cases: Array<[name: string, password: string, expected: PasswordRule[]]> = [
    ['acceptable', 'Tr0ub4dor&3x', []],
    ['too short (9)', 'Tr0ub4d&x', ['min_length']],
    ['no lower-case letter', 'TR0UB4DOR&3X', ['lowercase']],
    ['no upper-case letter', 'tr0ub4dor&3x', ['uppercase']],
    ['no digit', 'Troubador&xx', ['digit']],
    ['no special character', 'Tr0ub4dor3xy', ['special']],
    ['space counts as special', 'Tr0ub4dor 3x', []],
    ['blocklisted', 'Password1!', ['blocklisted']],
    ['blocklisted, leetspeak', 'P@ssw0rd123', ['blocklisted']],
    ['blocklisted, season and year', 'Summer2024!', ['blocklisted']],
    ['blocklisted, service name', 'Gatehouse1!', ['blocklisted']],
    ['blocklisted, keyboard walk', 'Qwerty123!', ['blocklisted']],
  ];
  for (const [name, password, expected] of cases) {
    test(`${name}: ${JSON.stringify(password)}`, () => {
      assert.deepEqual(rulesOf(password), expected);
    });
  }
});

describe('checkPassword, default mode: every failed rule is reported', () => {
  const cases: Array<[password: string, expected: PasswordRule[]]> = [
    ['', ['min_length', 'lowercase', 'uppercase', 'digit', 'special']],
    ['abc', ['min_length', 'uppercase', 'digit', 'special']],
    ['ABCDEFGHIJK', ['lowercase', 'digit', 'special']],
    ['12345678901', ['lowercase', 'uppercase', 'special']],
    ['!!!!!!!!!!!', ['lowercase', 'uppercase', 'digit']],
    ['aB1!', ['min_length']],
    ['password', ['min_length', 'uppercase', 'digit', 'special']],
  ];
  for (const [password, expected] of cases) {
    test(JSON.stringify(password), () => {
      assert.deepEqual(rulesOf(password), expected);
    });
  }

  test('too long and no composition at once', () => {
    assert.deepEqual(rulesOf('a'.repeat(300)), ['max_length', 'uppercase', 'digit', 'special']);
  });

  test('each problem carries the field and a user-facing sentence', () => {
    const problems = checkPassword('short', 'default', { field: '/newPassword' });
    assert.ok(problems.length >= 2, 'expected problems.length >= 2');
    for (const p of problems) {
      assert.equal(p.field, '/newPassword');
      assert.match(p.message, /^[A-Z].*\.$/);
    }
    assert.equal(problems.find((p) => p.rule === 'min_length')?.message, 'Use at least 10 characters.');
  });

  test('every rule has its own sentence', () => {
    const sentence = (pw: string, rule: PasswordRule, opts?: { email?: string }) =>
      checkPassword(pw, 'default', opts).find((p) => p.rule === rule)?.message;
    assert.equal(sentence('Aa1!', 'min_length'), 'Use at least 10 characters.', 'min_length');
    assert.equal(
      sentence(`Aa1!${'x'.repeat(PASSWORD_MAX_LENGTH)}`, 'max_length'),
      `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
      'max_length',
    );
    assert.equal(sentence('CORRECT-HORSE-42', 'lowercase'), 'Include at least one lower-case letter.', 'lowercase');
    assert.equal(sentence('correct-horse-42', 'uppercase'), 'Include at least one upper-case letter.', 'uppercase');
    assert.equal(sentence('Correct-Horse-xx', 'digit'), 'Include at least one digit.', 'digit');
    assert.equal(
      sentence('CorrectHorse42xx', 'special'),
      'Include at least one character that is not a letter or a digit (a space counts).',
      'special',
    );
    assert.equal(sentence('Password1!', 'blocklisted'), 'This password is too common; choose another one.', 'blocklisted');
    assert.equal(
      sentence('Jane.Doe-2024x!', 'contains_email', { email: 'jane.doe@example.com' }),
      'Do not use your e-mail address in your password.',
      'contains_email',
    );
  });

  test('field defaults to /password', () => {
    assert.deepEqual(
      checkPassword('Password1!', 'default').map((p) => [p.field, p.rule, p.message]),
      [['/password', 'blocklisted', 'This password is too common; choose another one.']],
    );
  });
});

describe('checkPassword: length boundaries, in code points, never truncated', () => {
  // 'Aa1!' followed by filler; the filler varies so no entry could be blocklisted.
  const ofLength = (n: number, filler = 'x') => 'Aa1!' + filler.repeat(n - 4);

  const cases: Array<[name: string, password: string, mode: PasswordPolicyMode, expected: PasswordRule[]]> = [
    ['exactly 10', ofLength(10), 'default', []],
    ['exactly 9', ofLength(9), 'default', ['min_length']],
    ['exactly 256', ofLength(256), 'default', []],
    ['exactly 257', ofLength(257), 'default', ['max_length']],
    ['nist exactly 15', ofLength(15), 'nist', []],
    ['nist exactly 14', ofLength(14), 'nist', ['min_length']],
    ['nist exactly 256', ofLength(256), 'nist', []],
    ['nist exactly 257', ofLength(257), 'nist', ['max_length']],
    // 10 code points but 16 UTF-16 units: must pass on code points…
    ['astral characters count once (10 code points)', 'Aa1!🔑🔑🔑🔑🔑🔑', 'default', []],
    // …and 9 code points, 14 UTF-16 units: .length would wrongly accept it.
    ['astral characters count once (9 code points)', 'Aa1!🔑🔑🔑🔑🔑', 'default', ['min_length']],
    ['256 astral code points (512 UTF-16 units) is fine', 'Aa1!' + '🔑'.repeat(252), 'default', []],
    ['257 astral code points is too long', 'Aa1!' + '🔑'.repeat(253), 'default', ['max_length']],
  ];
  for (const [name, password, mode, expected] of cases) {
    test(`${mode}: ${name}`, () => {
      assert.deepEqual(rulesOf(password, mode), expected);
    });
  }

  test('a difference after character 256 is not ignored (no truncation)', () => {
    const base = ofLength(256);
    assert.deepEqual(rulesOf(base), []);
    assert.deepEqual(rulesOf(base + 'y'), ['max_length']);
  });
});

describe('checkPassword: Unicode letters and digits', () => {
  const cases: Array<[name: string, password: string, expected: PasswordRule[]]> = [
    ['German umlauts as upper/lower, hyphen as special', 'Ärger-Über9x', []],
    ['only upper-case umlauts', 'ÄRGER-ÜBER9X', ['lowercase']],
    ['only lower-case umlauts', 'ärger-über9x', ['uppercase']],
    ['decomposed Ä (A + U+0308) is an upper-case letter, not a special', 'A\u0308rgerÜber9xy', ['special']],
    ['Greek', 'Σοφία-2024πλ', []],
    ['Cyrillic', 'Пароль-надёжный7', []],
    ['Arabic-Indic digit counts as a digit', 'Ärger-Überx٣', []],
    ['superscript two is not a decimal digit (so it is a special)', 'Ärgerüberx²', ['digit']],
    ['letters without case (CJK) satisfy neither case rule', '密码密码密码密码-1', ['lowercase', 'uppercase']],
  ];
  for (const [name, password, expected] of cases) {
    test(`${name}: ${JSON.stringify(password)}`, () => {
      assert.deepEqual(rulesOf(password), expected);
    });
  }
});

describe('blocklist', () => {
  test('Password1! is refused in default mode as blocklisted only', () => {
    assert.deepEqual(rulesOf('Password1!'), ['blocklisted']);
  });

  test('case-insensitive', () => {
    for (const pw of ['PASSWORD1!', 'password1!', 'pAsSwOrD1!', 'WELCOME123!']) {
      assert.equal(isBlocklisted(pw), true, pw);
    }
    assert.ok(rulesOf('PASSWORD1!').includes('blocklisted'), "expected rulesOf('PASSWORD1!').includes('blocklisted')");
  });

  test('full-width look-alikes fold onto the entry', () => {
    assert.equal(isBlocklisted('Ｐａｓｓｗｏｒｄ１！'), true);
  });

  test('whole-password match only, not substring', () => {
    assert.equal(isBlocklisted('Password1!'), true);
    assert.equal(isBlocklisted('Password1!x'), false);
    assert.equal(isBlocklisted('xPassword1!'), false);
    assert.equal(isBlocklisted('Password1'), false);
  });

  test('the obvious ones are in', () => {
    for (const pw of [
      'Password1!',
      'Password123!',
      'Welcome123!',
      'Qwerty123!',
      'P@ssw0rd123',
      'Summer2024!',
      'Admin12345!',
      'Password@123',
      'Welcome@123',
      'Iloveyou1!',
    ]) {
      assert.equal(isBlocklisted(pw), true, pw);
    }
  });

  test('an uncommon password is not', () => {
    assert.equal(isBlocklisted('Tr0ub4dor&3x'), false);
    assert.equal(isBlocklisted('correct horse battery staple'), false);
  });

  test('the shipped file has at least 3,000 distinct, lower-cased, sorted entries', () => {
    assert.ok(blocklistEntries.length >= 3000, `only ${blocklistEntries.length} entries`);
    assert.ok(blocklistEntries.length <= 20000, `${blocklistEntries.length} entries`);
    assert.equal(new Set(blocklistEntries).size, blocklistEntries.length, 'duplicates');
    for (const e of blocklistEntries) assert.equal(e, e.toLowerCase(), e);
    const sorted = [...blocklistEntries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(blocklistEntries, sorted);
    assert.ok(statSync(BLOCKLIST_URL).size < 300 * 1024, 'file too large');
  });

  test('every entry meets the default composition rule (once capitalised) and is refused only for being blocklisted', () => {
    const offenders: string[] = [];
    for (const entry of blocklistEntries) {
      const typed = capitaliseFirstLetter(entry);
      const rules = rulesOf(typed);
      if (rules.length !== 1 || rules[0] !== 'blocklisted') offenders.push(`${entry}: ${rules.join(',')}`);
    }
    assert.deepEqual(offenders.slice(0, 20), []);
  });
});

describe('nist mode', () => {
  test('accepts a long passphrase without digits, specials or upper case', () => {
    assert.deepEqual(rulesOf('correct horse battery staple', 'nist'), []);
    assert.deepEqual(rulesOf('correcthorsebatterystaple', 'nist'), []);
  });

  test('the same passphrase fails composition in default mode', () => {
    assert.deepEqual(rulesOf('correcthorsebatterystaple', 'default'), ['uppercase', 'digit', 'special']);
  });

  test('Password1! is refused for length (and is still on the blocklist)', () => {
    assert.deepEqual(rulesOf('Password1!', 'nist'), ['min_length', 'blocklisted']);
  });

  test('a 15+ character blocklisted entry is refused as blocklisted', () => {
    assert.ok(blocklistEntries.includes('password123456!'), "expected blocklistEntries.includes('password123456!')");
    assert.deepEqual(rulesOf('Password123456!', 'nist'), ['blocklisted']);
    const long = blocklistEntries.find((e) => [...e].length >= 15);
    assert.ok(long !== undefined, 'expected long !== undefined');
    assert.deepEqual(rulesOf(long, 'nist'), ['blocklisted']);
  });

  test('no composition rules are reported', () => {
    assert.deepEqual(rulesOf('aaaaaaaaaaaaaaaaaaaa', 'nist'), []);
    assert.deepEqual(rulesOf('short', 'nist'), ['min_length']);
  });
});

describe('contains_email', () => {
  const cases: Array<[name: string, password: string, email: string, expected: PasswordRule[]]> = [
    ['contains the local part', 'Jane.Doe-2024x!', 'jane.doe@example.com', ['contains_email']],
    ['case-insensitive', 'xJANE.DOEx-9!', 'Jane.Doe@Example.com', ['contains_email']],
    ['sub-address tag is ignored', 'Tr0ub4dor&janedoe', 'janedoe+gatehouse@example.com', ['contains_email']],
    ['local part of exactly 4 characters counts', 'Tr0ub4dor&mark', 'mark@example.com', ['contains_email']],
    ['local part of 3 characters is too short to matter', 'Tr0ub4dor&bob', 'bob@example.com', []],
    ['unrelated password', 'Tr0ub4dor&3x', 'jane.doe@example.com', []],
    ['domain alone is not checked', 'Example-com9x', 'jd@example.com', []],
    // Near misses: only the whole local part (or the part before a "+") counts, never less of it.
    ['the local part minus its last character is not the local part', 'Jane.Do-42-Battery!', 'jane.doe@example.com', []],
    ['an address without @ is taken whole', 'Xjanedo-42-Battery!', 'janedoe', []],
    ['… and matched whole', 'Xjanedoe-42-Battery!', 'janedoe', ['contains_email']],
    ['an empty local part matches nothing, not the domain', 'Battery-42-@example.com', '@example.com', []],
  ];
  for (const [name, password, email, expected] of cases) {
    test(name, () => {
      assert.deepEqual(rulesOf(password, 'default', { email }), expected);
    });
  }

  test('reported together with other failures, in nist mode too', () => {
    assert.deepEqual(rulesOf('janedoe', 'nist', { email: 'janedoe@example.com' }), ['min_length', 'contains_email']);
  });

  test('without an email the rule is not applied', () => {
    assert.deepEqual(rulesOf('Tr0ub4dor&janedoe'), []);
  });
});
