import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deliveryFor, effectiveStatus, sameDomain } from '../../src/core/invitations/delivery.js';

// [inviter, invitee, same domain?]
const PAIRS: [string, string, boolean][] = [
  ['admin@acme.com', 'new@acme.com', true],
  ['admin@acme.com', 'new@ACME.COM', true],
  ['admin@ACME.com', 'new@acme.COM.', true],
  ['admin@acme.com.', 'new@acme.com', true],
  ['Admin@Acme.Com', '  new@acme.com  ', true],
  ['admin@acme.com', 'new@sub.acme.com', false],
  ['admin@sub.acme.com', 'new@acme.com', false],
  ['admin@acme.com', 'new@acme.com.evil.net', false],
  ['admin@acme.com', 'new@evil-acme.com', false],
  ['admin@acme.com', 'new@acmecom', false],
  ['admin@acme.com', 'new@acme.co', false],
  ['admin@acme.com', 'new@acme.com.au', false],
  ['admin@acme.com', 'new@acme.org', false],
  ['admin@acme.com', 'new@xacme.com', false],
  ['admin@acme.com', 'new@acme.comx', false],
  ['admin@acme.com', 'acme.com@evil.net', false],
  ['admin@acme.com', 'new@evil.net@acme.com', false],
  ['admin@acme.com', 'new@acme.com@evil.net', false],
  ['admin@acme.com', '"new@acme.com"@evil.net', false],
  ['admin@acme.com', 'new@acme.com/evil', false],
  ['admin@acme.com', 'new@acme.com?x', false],
  ['admin@acme.com', 'new@acme%2ecom', false],
  ['admin@acme.com', 'new@acme .com', false],
  ['admin@acme.com', 'new@acme..com', false],
  ['admin@acme.com', 'new@.acme.com', false],
  ['admin@acme.com', 'new@acme.com..', false],
  ['admin@acme.com', 'new@', false],
  ['admin@acme.com', '@acme.com', false],
  ['admin@acme.com', 'new@acme', false],
  ['admin@acme.com', 'new@127.0.0.1', false],
  ['admin@acme.com', 'new@[127.0.0.1]', false],
  ['admin@büro.de', 'new@xn--bro-hoa.de', true],
  ['admin@BÜRO.DE', 'new@büro.de', true],
  ['admin@büro.de', 'new@buro.de', false],
  ['admin@büro.de', 'new@bureau.de', false],
  ['admin@münchen.de', 'new@MÜNCHEN.de.', true],
  ['admin@xn--mnchen-3ya.de', 'new@münchen.de', true],
  ['admin@аcme.com', 'new@acme.com', false], // Cyrillic "а": a homograph is another domain
  ['admin@acme.com', 'new@acme.com\u0000', false],
  ['admin@acme.com', 'new@acme.com\n', true], // trailing whitespace is trimmed like any input
  ['admin@acme.com', 'new@acme.com\r\nBcc: x@acme.com', false],
  ['admin@acme.com', 'new@ac\u00ADme.com', true], // a soft hyphen is mapped away by IDNA (UTS #46)
  ['admin@acme.com', 'new@ｃｏｍ.acme.com', false],
  ['admin@acme.com', 'new@acme.ｃｏｍ', true], // full-width letters are mapped to ASCII by IDNA
  ['admin@example.co.uk', 'new@co.uk', false],
  ['admin@example.co.uk', 'new@example.co.uk', true],
  ['not-an-address', 'new@acme.com', false],
  ['admin@acme.com', 'not-an-address', false],
];

describe('same-domain rule', () => {
  test(`${PAIRS.length} tricky pairs (at least 40)`, () => {
    assert.ok(PAIRS.length >= 40, `only ${PAIRS.length} pairs`);
    for (const [a, b, expected] of PAIRS) {
      assert.equal(sameDomain(a, b), expected, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      assert.deepEqual(
        deliveryFor(a, b),
        expected ? { delivery: 'email', reason: 'same_domain' } : { delivery: 'link', reason: 'other_domain' },
        `delivery of ${JSON.stringify(b)}`,
      );
    }
  });

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const domain = fc.tuple(label, fc.constantFrom('com', 'de', 'net', 'io')).map(([l, t]) => `${l}.${t}`);
  const local = fc.stringMatching(/^[a-z0-9]{1,12}$/);

  test('property: the rule is symmetric, ignores case and the root dot, and only identical domains match', () => {
    fc.assert(
      fc.property(local, local, domain, domain, fc.boolean(), (l1, l2, d1, d2, upper) => {
        const b = upper ? `${l2}@${d2.toUpperCase()}.` : `${l2}@${d2}`;
        assert.equal(sameDomain(`${l1}@${d1}`, b), d1 === d2);
        assert.equal(sameDomain(b, `${l1}@${d1}`), sameDomain(`${l1}@${d1}`, b));
      }),
      { numRuns: 2000 },
    );
  });

  test("property: a subdomain, a suffix or a prefix of the inviter's domain is never the same domain", () => {
    fc.assert(
      fc.property(local, domain, label, (l, d, extra) => {
        assert.equal(sameDomain(`a@${d}`, `${l}@${extra}.${d}`), false);
        assert.equal(sameDomain(`a@${d}`, `${l}@${d}.${extra}.net`), false);
        assert.equal(sameDomain(`a@${d}`, `${l}@${extra}-${d}`), false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('invitation status', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  test('a pending invitation past its expiry is expired; other states and open-ended ones are as stored', () => {
    assert.equal(effectiveStatus({ status: 'pending', expiresAt: new Date(now.getTime() + 1) }, now), 'pending');
    assert.equal(effectiveStatus({ status: 'pending', expiresAt: now }, now), 'expired');
    assert.equal(effectiveStatus({ status: 'pending', expiresAt: null }, now), 'pending');
    assert.equal(effectiveStatus({ status: 'accepted', expiresAt: new Date(0) }, now), 'accepted');
    assert.equal(effectiveStatus({ status: 'revoked', expiresAt: null }, now), 'revoked');
  });
});
