// Seals secrets the service must read back (a TOTP shared secret, unlike a password or a token,
// cannot be stored as a hash: the service computes codes from it). AES-256-GCM with a key derived
// (HKDF) from OIDC_KEY_SECRET, the project's one secret for data at rest, under its own label, so a
// dump of the database alone does not yield the secrets. The owner's id is authenticated with
// each, so a sealed secret cannot be moved to another account's row.
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import type { Random } from '../clock-random.js';

const VERSION = 's1';
/** Used when OIDC_KEY_SECRET is not set (never in production: the configuration refuses that). */
const DEVELOPMENT_SECRET = 'gatehouse-development-oidc-key-secret (not a secret: set OIDC_KEY_SECRET)';

export function createSecretBox(secret: string | undefined, random: Random, label = 'gatehouse-totp-secrets') {
  const key = Buffer.from(hkdfSync('sha256', secret ?? DEVELOPMENT_SECRET, label, `aes-256-gcm ${VERSION}`, 32));
  return {
    seal(owner: string, plaintext: string): string {
      const iv = random.bytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(owner));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    /** Throws when the secret was sealed with another key or for another owner. */
    open(owner: string, sealed: string): string {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('sealed secret: unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(owner));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
