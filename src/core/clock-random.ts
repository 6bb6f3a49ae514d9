// Time and randomness are the only things tests may replace; everything reads them from here.
import { hash, randomBytes } from 'node:crypto';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Random {
  bytes(n: number): Buffer;
}
export const systemRandom: Random = { bytes: (n) => randomBytes(n) };

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

export type IdPrefix =
  | 'usr'
  | 'org'
  | 'inv'
  | 'rol'
  | 'dev'
  | 'res'
  | 'svc'
  | 'evt'
  | 'ses'
  | 'tok'
  | 'msg'
  | 'app'
  | 'whk'
  | 'whd'
  | 'pky';

/**
 * `usr_` + 48-bit millisecond time + 80 random bits, Crockford base32 (26 chars): ids sort by
 * creation time, which keeps keyset pagination and B-tree inserts cheap, and stay unguessable.
 * Generated here rather than with uuidv7() because the CI server is PostgreSQL 15.
 */
export function newId(prefix: IdPrefix, clock: Clock = systemClock, random: Random = systemRandom): string {
  const buf = Buffer.alloc(16);
  const ms = BigInt(clock.now().getTime());
  buf.writeUIntBE(Number(ms >> 16n), 0, 4);
  buf.writeUInt16BE(Number(ms & 0xffffn), 4);
  random.bytes(10).copy(buf, 6);
  return `${prefix}_${base32(buf).slice(0, 26)}`;
}

/** A secret for links and sessions: 256 bits, URL-safe. Only its hash is ever stored. */
export function newSecret(random: Random = systemRandom): string {
  return random.bytes(32).toString('base64url');
}

/**
 * Tokens are 256-bit random values, so a fast hash is enough to make a stolen table useless
 * (no dictionary to try); it also lets us look a token up by its hash in one indexed query.
 */
export function hashSecret(secret: string): string {
  // The one-shot form (the same digest, text as UTF-8): a third of createHash's time, on every
  // request with a service key.
  return hash('sha256', secret, 'hex');
}
