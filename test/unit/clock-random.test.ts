// Ids, secrets and their hashes, from an injected clock and random source.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hashSecret, newId, newSecret, systemClock, systemRandom, type Clock, type Random } from '../../src/core/clock-random.js';

const at = (iso: string): Clock => ({ now: () => new Date(iso) });
const bytes = (fill: number): Random => ({ bytes: (n) => Buffer.alloc(n, fill) });
const CROCKFORD = /^[0-9abcdefghjkmnpqrstvwxyz]{26}$/;

describe('newId', () => {
  test('prefix, then 26 Crockford base32 characters: 48 bits of milliseconds, then 80 random bits', () => {
    assert.equal(newId('usr', at('1970-01-01T00:00:00.000Z'), bytes(0)), `usr_${'0'.repeat(26)}`, 'all zero');
    // 1 ms sets bit 47, the third bit of the 10th character (bits 45–49): 0b00100.
    assert.equal(newId('org', at('1970-01-01T00:00:00.001Z'), bytes(0)), `org_${'0'.repeat(9)}4${'0'.repeat(16)}`, '1 ms');
    // Random bits 48–127: the 10th character holds two of them (0b00011), the last three and two
    // bits of padding (0b11100 = w).
    assert.equal(
      newId('dev', at('1970-01-01T00:00:00.000Z'), bytes(0xff)),
      `dev_${'0'.repeat(9)}3${'z'.repeat(15)}w`,
      'all random bits set',
    );
    // The largest time that fits 48 bits, all random bits clear.
    assert.equal(
      newId('usr', { now: () => new Date(2 ** 48 - 1) }, bytes(0)),
      `usr_${'z'.repeat(9)}w${'0'.repeat(16)}`,
      'the last millisecond of 48 bits',
    );
  });

  test('ids sort by creation time, whatever their random part', () => {
    const ids = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z', '2026-01-01T00:00:01.000Z', '2031-06-01T00:00:00.000Z'].map(
      (t, i) => newId('inv', at(t), bytes(i % 2 ? 0xff : 0)),
    );
    assert.deepEqual([...ids].sort(), ids, 'lexical order is time order');
    for (const id of ids) assert.match(id.slice(4), CROCKFORD, id);
  });

  test('the defaults are the system clock and randomness: distinct, well-formed ids', () => {
    const a = newId('ses');
    const b = newId('ses');
    assert.notEqual(a, b, 'two ids differ');
    assert.match(a, /^ses_[0-9abcdefghjkmnpqrstvwxyz]{26}$/, 'shape');
    assert.ok(Math.abs(systemClock.now().getTime() - Date.now()) < 60_000, 'the system clock is the wall clock');
    assert.equal(systemRandom.bytes(7).length, 7, 'n random bytes');
  });
});

describe('secrets', () => {
  test('newSecret: 32 random bytes, base64url (43 characters)', () => {
    assert.equal(newSecret(bytes(0)), 'A'.repeat(43), 'zero bytes');
    assert.equal(newSecret(bytes(0xff)), `${'_'.repeat(42)}8`, 'all bits set');
    assert.match(newSecret(), /^[A-Za-z0-9_-]{43}$/, 'from the system source');
    assert.notEqual(newSecret(), newSecret(), 'two secrets differ');
  });

  test('hashSecret: SHA-256 of the UTF-8 text, in hex', () => {
    assert.equal(hashSecret('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'the FIPS 180-2 test vector');
    assert.equal(hashSecret('Müller'), createHash('sha256').update(Buffer.from('Müller', 'utf8')).digest('hex'), 'UTF-8');
  });
});
