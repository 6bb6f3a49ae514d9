import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { domainOf, normalizeDomain, normalizeEmail } from '../../src/core/email.js';

describe('normalizeEmail: one canonical form per mailbox', () => {
  test('trims and lower-cases', () => {
    assert.equal(normalizeEmail('  Foo.Bar@Example.COM \n'), 'foo.bar@example.com');
    assert.equal(normalizeEmail('\tA@B.CO'), 'a@b.co');
  });

  test('IDNA: a Unicode domain and its ASCII (punycode) form are the same address', () => {
    assert.equal(normalizeEmail('Müller@BÜRO.de'), 'müller@xn--bro-hoa.de');
    assert.equal(normalizeEmail('müller@xn--bro-hoa.de'), 'müller@xn--bro-hoa.de');
    assert.equal(normalizeEmail('MÜLLER@XN--BRO-HOA.DE'), 'müller@xn--bro-hoa.de');
    assert.equal(normalizeEmail('Müller@BÜRO.de'), normalizeEmail('müller@xn--bro-hoa.de'));
  });

  test('drops the DNS root dot', () => {
    assert.equal(normalizeEmail('a@ACME.COM.'), 'a@acme.com');
    assert.equal(normalizeEmail('a@acme.com.'), normalizeEmail('a@acme.com'));
  });

  test('is idempotent on what it accepts', () => {
    for (const raw of ['  Foo@Example.COM ', 'Müller@BÜRO.de', 'a@ACME.COM.', 'first.last+tag@sub.example.org']) {
      const once = normalizeEmail(raw);
      assert.ok(once, raw);
      assert.equal(normalizeEmail(once), once, raw);
    }
  });

  test('accepts ordinary addresses, including plus tags and sub-domains', () => {
    assert.equal(normalizeEmail('first.last+tag@mail.sub.example.org'), 'first.last+tag@mail.sub.example.org');
    assert.equal(normalizeEmail("o'brien@example.ie"), "o'brien@example.ie");
    assert.equal(normalizeEmail('a@x-y.example'), 'a@x-y.example');
  });

  const rejected: [string, string][] = [
    ['no @', 'user.example.com'],
    ['empty', ''],
    ['only spaces', '   '],
    ['empty local part', '@example.com'],
    ['empty domain', 'a@'],
    ['space in local part', 'a b@example.com'],
    ['space in domain', 'a@exa mple.com'],
    ['newline inside', 'a\n@example.com'],
    ['single-label domain', 'a@localhost'],
    ['IPv4 address', 'a@1.2.3.4'],
    ['IPv4 address with root dot', 'a@192.168.0.1.'],
    ['IP literal', 'a@[1.2.3.4]'],
    ['label starting with a hyphen', 'a@-x.com'],
    ['label ending with a hyphen', 'a@x-.com'],
    ['consecutive dots in local part', 'a..b@x.com'],
    ['local part starting with a dot', '.a@x.com'],
    ['local part ending with a dot', 'a.@x.com'],
    ['empty domain label', 'a@x..com'],
    ['domain starting with a dot', 'a@.x.com'],
    ['two root dots', 'a@x.com..'],
    ['two @', 'a@b@x.com'],
    ['underscore in domain', 'a@x_y.com'],
    ['port in domain', 'a@x.com:25'],
    ['angle brackets', '<a@x.com>'],
    ['local part over 64 characters', `${'l'.repeat(65)}@example.com`],
    ['domain label over 63 characters', `a@${'b'.repeat(64)}.com`],
  ];
  for (const [why, raw] of rejected) {
    test(`rejects: ${why}`, () => {
      assert.equal(normalizeEmail(raw), undefined, JSON.stringify(raw));
    });
  }

  test('rejects URL syntax in the domain instead of silently cutting it off', () => {
    // The domain goes through the WHATWG URL host parser, which would drop a path or query and
    // percent-decode: `a@x.com/evil` must not become the valid `a@x.com`.
    for (const raw of ['a@x.com/evil', 'a@x.com?', 'a@x.com#frag', 'a@x.com\\y', 'a@ex%41mple.com']) {
      assert.equal(normalizeEmail(raw), undefined, raw);
    }
  });

  test('a label of exactly 63 characters is fine, 64 is not', () => {
    assert.equal(normalizeEmail(`a@${'b'.repeat(63)}.com`), `a@${'b'.repeat(63)}.com`);
    assert.equal(normalizeEmail(`a@${'b'.repeat(64)}.com`), undefined);
  });

  test('the whole address may have at most 254 characters', () => {
    // local part of 64 + "@" + a domain of 189 (three labels of 61 + ".com" with dots) = 254
    const domain189 = `${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.com`;
    assert.equal(domain189.length, 189);
    const local64 = 'l'.repeat(64);
    const ok = `${local64}@${domain189}`;
    assert.equal(ok.length, 254);
    assert.equal(normalizeEmail(ok), ok);
    const tooLong = `${local64}@${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.coms`;
    assert.equal(tooLong.length, 255);
    assert.equal(normalizeEmail(tooLong), undefined);
    assert.equal(normalizeEmail(`${'x'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.com`), undefined);
  });

  test('the 254 limit applies to the ASCII form of an IDNA domain', () => {
    // "ü" is one character but its ASCII label `xn--tda` is seven: the canonical form is what counts.
    const local = 'l'.repeat(64);
    const unicodeDomain = `${'ü.'.repeat(25)}com`;
    const raw = `${local}@${unicodeDomain}`;
    assert.equal(raw.length, 118);
    assert.equal(normalizeDomain(unicodeDomain)!.length, 203);
    assert.equal(normalizeEmail(raw), undefined, 'the ASCII form has 268 characters');
    assert.ok(normalizeEmail(`l@${'ü.'.repeat(25)}com`), 'the same domain with a short local part fits');
  });
});

describe('normalizeDomain and domainOf', () => {
  test('normalizeDomain gives the IDNA ASCII form', () => {
    assert.equal(normalizeDomain('BÜRO.de'), 'xn--bro-hoa.de');
    assert.equal(normalizeDomain('Example.COM.'), 'example.com');
    assert.equal(normalizeDomain('localhost'), undefined);
    assert.equal(normalizeDomain('10.0.0.1'), undefined);
  });

  test('normalizeDomain trims surrounding spaces itself (it is called on raw input too)', () => {
    assert.equal(normalizeDomain('  Example.COM.  '), 'example.com', 'spaces and the root dot dropped');
  });

  test('whitespace inside a domain is refused, even where IDNA would silently drop it', () => {
    // U+FEFF (zero-width no-break space) is "ignored" by IDNA mapping: domainToASCII turns
    // 'exa\uFEFFmple.com' into 'example.com'. A domain someone typed with it is not that domain.
    assert.equal(normalizeDomain('exa\uFEFFmple.com'), undefined, 'U+FEFF inside');
    assert.equal(normalizeDomain('exa mple.com'), undefined, 'a space inside');
    assert.equal(normalizeDomain(''), undefined, 'empty');
  });

  test('253 characters is the longest domain accepted', () => {
    const of = (n: number) => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(n - 3 * 64)}`;
    assert.equal(of(253).length, 253);
    assert.equal(normalizeDomain(of(253)), of(253), '253 characters');
    assert.equal(normalizeDomain(of(254)), undefined, '254 characters');
  });

  test('a numeric top-level label is an IP address; a label with digits and letters is a name', () => {
    assert.equal(normalizeDomain('192.168.0.10'), undefined, 'an IPv4 address ending in two digits');
    assert.equal(normalizeDomain('host.x1'), 'host.x1', 'a top-level label ending in a digit');
    assert.equal(normalizeDomain('host.1x'), 'host.1x', 'a top-level label starting with a digit');
  });

  test('domainOf returns the part after the last @', () => {
    assert.equal(domainOf('müller@xn--bro-hoa.de'), 'xn--bro-hoa.de');
    assert.equal(domainOf(normalizeEmail('Müller@BÜRO.de')!), normalizeDomain('büro.de'));
  });
});
