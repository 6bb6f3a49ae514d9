// A software WebAuthn authenticator for the HTTP tests of passkeys (no maintained one exists for
// Node; the browser tests use Chromium's virtual authenticator instead). It answers the options
// the service hands out as `@simplewebauthn/browser` would: a discoverable ES256 credential,
// attestation "none", user presence and verification set, a signature counter. Nothing here is
// used by the service.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64u = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** Flags of authenticator data: user present, user verified, (backup eligible/state), attested credential data. */
const UP = 0x01;
const UV = 0x04;
const BE = 0x08;
const BS = 0x10;
const AT = 0x40;

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  userHandle: string;
  counter: number;
}

export function softwareAuthenticator(options: { origin: string; synced?: boolean; userVerification?: boolean } = { origin: '' }) {
  const credentials: SoftCredential[] = [];
  const uv = options.userVerification === false ? 0 : UV;
  const backup = options.synced ? BE | BS : 0;

  function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin = options.origin) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  return {
    credentials,

    /** `navigator.credentials.create()` for the service's creation options. */
    create(opts: { challenge: string; rp: { id: string }; user: { id: string } }, overrides: { origin?: string } = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const cose = new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]);
      const id = randomBytes(16);
      const credentialPublicKey = Buffer.from(isoCBOR.encode(cose));
      const length = Buffer.alloc(2);
      length.writeUInt16BE(id.length);
      const authData = Buffer.concat([
        sha256(opts.rp.id),
        Buffer.from([UP | uv | AT | backup]),
        Buffer.alloc(4), // counter 0
        Buffer.alloc(16), // AAGUID
        length,
        id,
        credentialPublicKey,
      ]);
      const attestationObject = Buffer.from(
        isoCBOR.encode(
          new Map<string, unknown>([
            ['fmt', 'none'],
            ['attStmt', new Map()],
            ['authData', authData],
          ]) as never,
        ),
      );
      const userHandle = opts.user.id;
      credentials.push({ id, privateKey, userHandle, counter: 0 });
      return {
        id: b64u(id),
        rawId: b64u(id),
        type: 'public-key',
        response: {
          clientDataJSON: b64u(clientData('webauthn.create', opts.challenge, overrides.origin)),
          attestationObject: b64u(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },

    /** `navigator.credentials.get()`: signs with the given credential (default: the first). */
    get(opts: { challenge: string; rpId: string }, credential = credentials[0]!, overrides: { origin?: string; counter?: number } = {}) {
      credential.counter = overrides.counter ?? credential.counter + 1;
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(credential.counter);
      const authData = Buffer.concat([sha256(opts.rpId), Buffer.from([UP | uv | backup]), counter]);
      const data = clientData('webauthn.get', opts.challenge, overrides.origin);
      const signature = sign('sha256', Buffer.concat([authData, sha256(data)]), credential.privateKey);
      return {
        id: b64u(credential.id),
        rawId: b64u(credential.id),
        type: 'public-key',
        response: {
          clientDataJSON: b64u(data),
          authenticatorData: b64u(authData),
          signature: b64u(signature),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}
