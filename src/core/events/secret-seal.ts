// Webhook signing secrets must be usable to sign, so they cannot be stored as a hash. They are
// sealed instead, with the facility the OpenID Connect keys use (AES-256-GCM, key derived with
// HKDF from OIDC_KEY_SECRET under a label of its own): a dump of the database alone does not
// give them away. Each sealed secret is bound to its webhook's id (AAD): it cannot be moved.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DEVELOPMENT_SECRET } from '../oidc/key-ring.js';

const VERSION = 'v1';
const b64 = (b: Buffer) => b.toString('base64url');

export interface SecretSeal {
  seal(webhookId: string, secret: string): string;
  open(webhookId: string, sealed: string): string;
}

export function createSecretSeal(secret: string | undefined): SecretSeal {
  const key = Buffer.from(hkdfSync('sha256', secret ?? DEVELOPMENT_SECRET, 'gatehouse-webhook-secrets', `aes-256-gcm ${VERSION}`, 32));
  return {
    seal(webhookId, plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(webhookId));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(body)}`;
    },
    open(webhookId, sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error(`webhook ${webhookId}: unknown seal format`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(webhookId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
