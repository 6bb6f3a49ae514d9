// The pure parts of second factors: TOTP against RFC 6238's test vector on a fixed clock, the
// sealing of secrets at rest, recovery codes, `amr`, the WebAuthn response readers, and the
// decision index's answer for an organization that requires a factor.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from 'otpauth';
import { newTotpSecret, totpCodeAt, totpStepAt, totpStepOf, totpUri } from '../../src/core/mfa/totp.js';
import { createSecretBox } from '../../src/core/mfa/secret-box.js';
import { hasSecondFactor, passkeyMethod } from '../../src/core/mfa/amr.js';
import { challengeOf, credentialIdOf, webauthnParties } from '../../src/core/mfa/webauthn.js';
import { hashRecoveryCode, normalizeRecoveryCode, proofCount } from '../../src/core/accounts/second-factors.js';
import { catalogIndex, decide, permissionBits, type OrgIndex } from '../../src/core/authz/decision-index.js';
import { applyDelta } from '../../src/core/authz/org-index.js';
import { indexFrom } from '../support/org-index.js';
import { CATALOG } from '../support/shipped-catalog.js';
import type { Random } from '../../src/core/clock-random.js';

/** Randomness the test chooses: the same bytes every time. */
const fixedRandom = (byte: number): Random => ({ bytes: (n) => Buffer.alloc(n, byte) });
// RFC 6238 appendix B: the SHA-1 secret is the ASCII of "12345678901234567890".
const RFC_SECRET = new Secret({ buffer: new Uint8Array(Buffer.from('12345678901234567890')).buffer }).base32;

describe('TOTP', () => {
  test("RFC 6238's test vector, on a fixed clock (6 digits of the 8 in the RFC)", () => {
    // T = 59 s → 94287082; T = 1111111109 → 07081804; T = 2000000000 → 69279037.
    for (const [seconds, code] of [
      [59, '287082'],
      [1111111109, '081804'],
      [2000000000, '279037'],
    ] as const) {
      const at = new Date(seconds * 1000);
      assert.equal(totpCodeAt(RFC_SECRET, at), code, `T=${seconds}`);
      assert.equal(totpStepOf(RFC_SECRET, code, at), totpStepAt(at), `T=${seconds}: accepted, in its own step`);
    }
  });

  test('one step of drift either way is accepted, two are not; anything but 6 digits is refused', () => {
    const now = new Date(1_700_000_015_000);
    const step = totpStepAt(now);
    const at = (steps: number) => totpCodeAt(RFC_SECRET, new Date(now.getTime() + steps * 30_000));
    assert.equal(totpStepOf(RFC_SECRET, at(-1), now), step - 1, 'the previous step');
    assert.equal(totpStepOf(RFC_SECRET, at(1), now), step + 1, 'the next step');
    assert.equal(totpStepOf(RFC_SECRET, at(2), now), undefined, 'two steps ahead');
    assert.equal(totpStepOf(RFC_SECRET, at(-2), now), undefined, 'two steps behind');
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 287082']) assert.equal(totpStepOf(RFC_SECRET, bad, now), undefined, `"${bad}"`);
  });

  test('a new secret is 160 bits of the randomness given; the URI names issuer, account and parameters', () => {
    const secret = newTotpSecret(fixedRandom(0xab));
    assert.equal(secret.length, 32, '160 bits in base32');
    assert.equal(secret, newTotpSecret(fixedRandom(0xab)), 'made from the injected randomness only');
    const uri = new URL(totpUri(secret, 'ada@example.com'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp', 'a time-based code');
    assert.equal(decodeURIComponent(uri.pathname), '/Gatehouse:ada@example.com', 'issuer and account');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('issuer'), 'Gatehouse');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
  });
});

describe('sealing secrets at rest', () => {
  test('round trip; no plaintext in the sealed text; another owner or key cannot open it', () => {
    const box = createSecretBox('a'.repeat(32), fixedRandom(7));
    const sealed = box.seal('usr_1', 'JBSWY3DPEHPK3PXP');
    assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'), 'not in the clear');
    assert.equal(box.open('usr_1', sealed), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => box.open('usr_2', sealed), 'moved to another account: refused');
    assert.throws(() => createSecretBox('b'.repeat(32), fixedRandom(7)).open('usr_1', sealed), 'another key: refused');
    assert.throws(() => box.open('usr_1', `${sealed.slice(0, -2)}AA`), 'tampered: refused');
    assert.throws(() => box.open('usr_1', 'v9.x.y.z'), 'unknown format');
  });
});

describe('recovery codes and proofs', () => {
  test('typed in any case, with or without dashes and spaces, and with O/I/L for 0/1', () => {
    const code = 'k3f0-1abc-9xyz-q7m2';
    for (const typed of ['K3F0-1ABC-9XYZ-Q7M2', 'k3f01abc9xyzq7m2', ' k3fo 1abc 9xyz q7m2 ', 'K3FO-IABC-9XYZ-Q7M2', 'k3fo-labc-9xyz-q7m2'])
      assert.equal(hashRecoveryCode(typed), hashRecoveryCode(code), typed);
    assert.equal(normalizeRecoveryCode(code), 'k3f01abc9xyzq7m2');
    assert.notEqual(hashRecoveryCode(code), hashRecoveryCode('k3f0-1abc-9xyz-q7m3'), 'another code');
  });

  test('a proof counts the factors given', () => {
    assert.equal(proofCount({}), 0);
    assert.equal(proofCount({ code: '123456' }), 1);
    assert.equal(proofCount({ code: '123456', recoveryCode: 'x', passkeyResponse: {} }), 3);
  });
});

describe('amr', () => {
  test('pwd alone is no second factor; otp, hwk and swk are', () => {
    assert.equal(hasSecondFactor(['pwd']), false);
    assert.equal(hasSecondFactor([]), false);
    for (const m of ['otp', 'hwk', 'swk']) assert.equal(hasSecondFactor(['pwd', m]), true, m);
    assert.equal(hasSecondFactor(['hwk']), true, 'a passkey alone (with user verification)');
    assert.equal(passkeyMethod('multiDevice'), 'swk', 'a synced passkey is a software key');
    assert.equal(passkeyMethod('singleDevice'), 'hwk');
  });
});

describe('WebAuthn response readers', () => {
  test('the challenge and credential id of a response, and nothing from garbage', () => {
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: 'abc123' })).toString('base64url');
    assert.equal(challengeOf({ response: { clientDataJSON } }), 'abc123');
    for (const garbage of [
      undefined,
      null,
      42,
      {},
      { response: {} },
      { response: { clientDataJSON: 'not json' } },
      { response: { clientDataJSON: 7 } },
    ])
      assert.equal(challengeOf(garbage), undefined, JSON.stringify(garbage));
    assert.equal(credentialIdOf({ id: 'cred' }), 'cred');
    assert.equal(credentialIdOf({ id: '' }), undefined);
    assert.equal(credentialIdOf(null), undefined);
  });

  test('the relying party is the host of PUBLIC_URL, the origin its origin', () => {
    assert.deepEqual(webauthnParties('https://id.example.com/'), { rpID: 'id.example.com', origin: 'https://id.example.com' });
    assert.deepEqual(webauthnParties('http://localhost:3000'), { rpID: 'localhost', origin: 'http://localhost:3000' });
  });
});

describe('the decision index and a required second factor', () => {
  const catalog = catalogIndex(CATALOG.map((e) => ({ key: e.key, resourceType: e.deviceScoped ? 'device' : null, deprecated: false })));
  const member = (hasFactor?: boolean) => ({
    permissions: permissionBits(catalog, ['device-management:access']),
    isAdmin: false,
    allDevices: true,
    ...(hasFactor === undefined ? {} : { hasFactor }),
  });
  const index = (requireMfa: boolean): OrgIndex =>
    indexFrom({
      orgId: 'org_1',
      version: 1,
      members: [
        ['with', member(true)],
        ['without', member()],
      ],
      devices: ['dev_1'],
      catalog,
      requireMfa,
    });

  test('members without a factor are refused with mfa_required, only while the organization requires one', () => {
    const on = index(true);
    assert.deepEqual(decide(on, 'with', 'device-management:access'), { allowed: true, reason: 'granted' });
    assert.deepEqual(decide(on, 'without', 'device-management:access'), { allowed: false, reason: 'mfa_required' });
    assert.deepEqual(
      decide(on, 'nobody', 'device-management:access'),
      { allowed: false, reason: 'not_member' },
      'non-members stay not_member',
    );
    assert.deepEqual(decide(on, 'without', 'no:such'), { allowed: false, reason: 'unknown_permission' });
    assert.deepEqual(decide(on, 'without', 'device-management:access', 'dev_x'), { allowed: false, reason: 'unknown_device' });
    assert.deepEqual(decide(index(false), 'without', 'device-management:access'), { allowed: true, reason: 'granted' }, 'policy off');
  });

  test('enrolment and removal update the index in place', () => {
    const on = index(true);
    applyDelta(on, { kind: 'member_mfa', userId: 'without', hasFactor: true });
    assert.equal(decide(on, 'without', 'device-management:access').allowed, true, 'enrolled');
    applyDelta(on, { kind: 'member_mfa', userId: 'with', hasFactor: false });
    assert.equal(decide(on, 'with', 'device-management:access').reason, 'mfa_required', 'last factor removed');
    applyDelta(on, { kind: 'member_mfa', userId: 'ghost', hasFactor: true });
    assert.equal(on.members.has('ghost'), false, 'a delta for a non-member adds nobody');
  });
});
