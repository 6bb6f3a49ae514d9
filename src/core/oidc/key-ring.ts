// The provider's keys: RS256 signing keys (ID tokens, and the JWKS relying parties verify them
// with) and cookie-signing keys, generated on first start and stored sealed (AES-256-GCM, key
// derived with HKDF from OIDC_KEY_SECRET) so that every instance uses the same ones.
//
// Rotation, in three steps per key:
//   pending  — published in the JWKS (and accepted for cookies) from its creation, not used yet, for
//              `activationDelayMs`: every instance reloads its keys (each minute) and every relying
//              party can refetch the JWKS before the first token signed with it exists;
//   current  — the newest active key of its use signs;
//   previous — still published (accepted) for `overlapMs` after its successor became current —
//              longer than any token it signed lives — then deleted.
// The first keys (first start) and an emergency rotation (`immediately`) are active at once.
import { createCipheriv, createDecipheriv, createHash, generateKeyPair, hkdfSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';

const generateRsaKey = promisify(generateKeyPair);
import type { Clock } from '../clock-random.js';
import type { OidcKeyUse, OidcKeysRepo, StoredOidcKey } from './ports.js';

const SIGNING_ALG = 'RS256';
/** Used when OIDC_KEY_SECRET is not set (never in production: the configuration refuses that). */
export const DEVELOPMENT_SECRET = 'gatehouse-development-oidc-key-secret (not a secret: set OIDC_KEY_SECRET)';
const SEAL_VERSION = 'v1';

export interface LoadedKeys {
  /** Private JWKs, current first: the provider signs with the first and publishes them all. */
  signing: JsonWebKey[];
  /** Cookie-signing secrets, current first. */
  cookie: string[];
  /** Changes whenever the set of keys does (instances compare it to pick up a rotation). */
  fingerprint: string;
}

export type KeyState = 'pending' | 'current' | 'previous';

export interface KeyInfo {
  kid: string;
  use: OidcKeyUse;
  alg: string | null;
  createdAt: Date;
  activeFrom: Date;
  state: KeyState;
  /** For a previous key: when it leaves the JWKS (its successor's activation + the overlap). */
  retiresAt: Date | null;
}

export class KeySealError extends Error {}

function b64(buf: Buffer) {
  return buf.toString('base64url');
}

/** RFC 7638 thumbprint of an RSA public key: a stable, collision-free `kid`. */
function thumbprint(jwk: JsonWebKey): string {
  return b64(
    createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
      .digest(),
  );
}

export function createKeyRing(deps: {
  repo: OidcKeysRepo;
  clock: Clock;
  secret: string | undefined;
  overlapMs: number;
  activationDelayMs: number;
}) {
  const { repo, clock, overlapMs, activationDelayMs } = deps;
  const sealingKey = Buffer.from(
    hkdfSync('sha256', deps.secret ?? DEVELOPMENT_SECRET, 'gatehouse-oidc-keys', `aes-256-gcm ${SEAL_VERSION}`, 32),
  );

  function seal(key: Pick<StoredOidcKey, 'kid' | 'use'>, plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
    // The row's identity is authenticated too: a sealed key cannot be moved to another row.
    cipher.setAAD(Buffer.from(`${key.use}:${key.kid}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${SEAL_VERSION}.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(body)}`;
  }

  function open(key: StoredOidcKey): string {
    const [version, iv, tag, body] = key.sealed.split('.');
    try {
      if (version !== SEAL_VERSION || !iv || !tag || body === undefined) throw new Error('format');
      const decipher = createDecipheriv('aes-256-gcm', sealingKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${key.use}:${key.kid}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new KeySealError(
        `Cannot decrypt the OpenID Connect key ${key.kid} stored in the database: OIDC_KEY_SECRET is not the one it was sealed with.`,
      );
    }
  }

  async function newKey(use: OidcKeyUse, now: Date, activeFrom: Date): Promise<StoredOidcKey> {
    if (use === 'sig') {
      // (Off the event loop: generating an RSA key takes a while.)
      const { privateKey } = await generateRsaKey('rsa', { modulusLength: 2048 });
      const jwk = privateKey.export({ format: 'jwk' });
      const kid = thumbprint(jwk);
      return {
        kid,
        use,
        alg: SIGNING_ALG,
        createdAt: now,
        activeFrom,
        sealed: seal({ kid, use }, JSON.stringify({ ...jwk, kid, alg: SIGNING_ALG, use: 'sig' })),
      };
    }
    const kid = `ck_${b64(randomBytes(12))}`;
    return { kid, use, alg: null, createdAt: now, activeFrom, sealed: seal({ kid, use }, b64(randomBytes(32))) };
  }

  /**
   * Each key's state now, in the order the provider wants them: per use the current key first (it
   * signs), then pending keys (published, not signing), then previous ones, newest first.
   */
  function schedule(keys: readonly StoredOidcKey[], now: Date) {
    const out: { key: StoredOidcKey; state: KeyState; retiresAt: Date | null }[] = [];
    for (const use of ['sig', 'cookie'] as const) {
      const newestFirst = keys
        .filter((k) => k.use === use)
        .sort(
          (a, b) =>
            b.activeFrom.getTime() - a.activeFrom.getTime() || b.createdAt.getTime() - a.createdAt.getTime() || a.kid.localeCompare(b.kid),
        );
      const pending = newestFirst.filter((k) => k.activeFrom > now);
      const active = newestFirst.filter((k) => k.activeFrom <= now);
      // Nothing active yet (cannot happen once ensure() ran): the oldest pending key signs.
      if (active.length === 0 && pending.length > 0) active.push(pending.pop()!);
      active.forEach((key, i) =>
        out.push({
          key,
          state: i === 0 ? 'current' : 'previous',
          retiresAt: i === 0 ? null : new Date(active[i - 1]!.activeFrom.getTime() + overlapMs),
        }),
      );
      const current = out.findIndex((e) => e.key.use === use && e.state === 'current');
      out.splice(current + 1, 0, ...pending.reverse().map((key) => ({ key, state: 'pending' as const, retiresAt: null })));
    }
    return out;
  }

  const expired = (entry: { retiresAt: Date | null }, now: Date) => entry.retiresAt !== null && entry.retiresAt <= now;

  async function addKeys(r: OidcKeysRepo, uses: readonly OidcKeyUse[], activeFrom: (now: Date) => Date) {
    const now = clock.now();
    const added: StoredOidcKey[] = [];
    for (const use of uses) {
      const key = await newKey(use, now, activeFrom(now));
      await r.insert(key);
      added.push(key);
    }
    await r.delete(
      schedule(await r.list(), now)
        .filter((e) => expired(e, now))
        .map((e) => e.key.kid),
    );
    return added;
  }

  return {
    /** Creates the first keys if there are none (several instances starting at once create one set). */
    ensure(): Promise<StoredOidcKey[]> {
      return repo.exclusive(async (r) => {
        const existing = await r.list();
        const missing = (['sig', 'cookie'] as const).filter((use) => !existing.some((k) => k.use === use));
        // (Also deletes keys whose overlap ended while no rotation happened.)
        return addKeys(r, missing, (now) => now);
      });
    },

    /**
     * Adds a new signing key and a new cookie key: published now, current after the activation
     * delay (`immediately`: current now — for a compromised key, at the price of relying parties
     * with a cached JWKS refusing new tokens until they refetch it).
     */
    async rotate(options: { immediately?: boolean } = {}): Promise<{ signingKid: string; cookieKid: string; activeFrom: Date }> {
      const added = await repo.exclusive((r) =>
        addKeys(r, ['sig', 'cookie'], (now) => (options.immediately ? now : new Date(now.getTime() + activationDelayMs))),
      );
      return {
        signingKid: added.find((k) => k.use === 'sig')!.kid,
        cookieKid: added.find((k) => k.use === 'cookie')!.kid,
        activeFrom: added[0]!.activeFrom,
      };
    },

    async list(): Promise<KeyInfo[]> {
      return schedule(await repo.list(), clock.now()).map(({ key, state, retiresAt }) => ({
        kid: key.kid,
        use: key.use,
        alg: key.alg,
        createdAt: key.createdAt,
        activeFrom: key.activeFrom,
        state,
        retiresAt,
      }));
    },

    /** The keys in use now, opened. Throws KeySealError when OIDC_KEY_SECRET does not open them. */
    async load(): Promise<LoadedKeys> {
      const now = clock.now();
      const usable = schedule(await repo.list(), now)
        .filter((e) => !expired(e, now))
        .map((e) => e.key);
      const signing = usable.filter((k) => k.use === 'sig').map((k) => JSON.parse(open(k)) as JsonWebKey);
      const cookie = usable.filter((k) => k.use === 'cookie').map(open);
      return { signing, cookie, fingerprint: usable.map((k) => k.kid).join(',') };
    },
  };
}

export type KeyRing = ReturnType<typeof createKeyRing>;
