// oidc-provider's storage adapter over PostgreSQL: one adapter per model name. Clients come from
// the `oidc_clients` table (registered with the CLI); everything else is a row of `oidc_payloads`.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcClients } from '../../core/oidc/oidc-clients.service.js';
import type { OidcClientRecord, OidcStateRepo, OidcStateRow } from '../../core/oidc/ports.js';
import { hashSecret } from '../../core/clock-random.js';

/**
 * The kinds whose id is a bearer value handed to a client: the opaque access and refresh tokens, the
 * authorization code, the pushed request's `request_uri`. oidc-provider uses that value as the row's
 * id (and as `jti` in the payload); stored so, a dump or a backup of the table would hold live
 * credentials. Like every other Gatehouse token they are stored under their SHA-256 only: the adapter
 * hashes the id on every call and drops `jti` from the stored payload, and `find` puts it back from
 * the value it was asked for (the provider re-reads `jti` from the payload it gets).
 *
 * Not hashed, on purpose: `Grant` (its id names a grant but opens nothing: every use of it comes
 * with a code or token of the kinds above), `Session` (the provider finds sessions by `uid` too
 * — `findByUid` — and must get the id back, which a hash cannot give; a provider session cookie alone
 * signs no one in, since every authorization also needs the user's Gatehouse session) and
 * `Interaction` (lives minutes, its id is in the browser's URL anyway). Kinds looked up by a
 * `userCode` (device flow, CIBA) are not enabled; enabling one means deciding the same for it.
 * Migration 009 hashed the rows written before.
 */
const HASHED_KINDS: ReadonlySet<string> = new Set([
  'AccessToken',
  'RefreshToken',
  'AuthorizationCode',
  'ClientCredentials',
  'PushedAuthorizationRequest',
]);

/**
 * Client metadata as oidc-provider expects it. `client_secret` holds the SHA-256 of the secret, never
 * the secret: the provider's secret comparison is replaced by a hash comparison (oidc-provider.ts),
 * and nothing else uses the value (no client_secret_jwt, no symmetric ID token algorithms).
 */
function clientMetadata(c: OidcClientRecord): AdapterPayload {
  const service = c.kind === 'service';
  return {
    client_id: c.id,
    client_name: c.name,
    application_type: 'web',
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    grant_types: service ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
    response_types: service ? [] : ['code'],
    token_endpoint_auth_method: c.kind === 'public' ? 'none' : 'client_secret_basic',
    ...(c.secretHash !== null && { client_secret: c.secretHash }),
    id_token_signed_response_alg: 'RS256',
  };
}

function toPayload(row: OidcStateRow | undefined, jti?: string): AdapterPayload | undefined {
  if (!row) return undefined;
  return {
    ...(row.payload as AdapterPayload),
    ...(jti !== undefined && { jti }),
    ...(row.consumedAt && { consumed: Math.floor(row.consumedAt.getTime() / 1000) }),
  };
}

/**
 * Expiry is the provider's own clock (it computes `exp` from Date.now()), so the adapter compares
 * with the real time too, not the service's test clock.
 */
const now = () => new Date();

export function adapterFactory(deps: { state: OidcStateRepo; clients: OidcClients }) {
  const { state, clients } = deps;
  const clientAdapter: Adapter = {
    async find(id) {
      const c = await clients.find(id);
      return c && clientMetadata(c);
    },
    // Clients are registered with the CLI only (dynamic registration is off): nothing to write.
    async upsert() {},
    async findByUid() {
      return undefined;
    },
    async findByUserCode() {
      return undefined;
    },
    async consume() {},
    async destroy() {},
    async revokeByGrantId() {},
  };
  return (name: string): Adapter => {
    if (name === 'Client') return clientAdapter;
    const hashed = HASHED_KINDS.has(name);
    const key = (id: string) => (hashed ? hashSecret(id) : id);
    return {
      async upsert(id, payload, expiresIn) {
        // `jti: undefined` is left out of the stored JSON: the value exists only as its hash.
        const stored = hashed ? { ...payload, jti: undefined } : payload;
        await state.upsert(name, key(id), stored as Record<string, unknown>, expiresIn ? new Date(Date.now() + expiresIn * 1000) : null);
      },
      async find(id) {
        return toPayload(await state.find(name, key(id), now()), hashed ? id : undefined);
      },
      async findByUid(uid) {
        return toPayload(await state.findByUid(name, uid, now()));
      },
      async findByUserCode(userCode) {
        return toPayload(await state.findByUserCode(name, userCode, now()));
      },
      async consume(id) {
        await state.consume(name, key(id), now());
      },
      async destroy(id) {
        await state.destroy(name, key(id));
      },
      async revokeByGrantId(grantId) {
        await state.revokeByGrantId(name, grantId);
      },
    };
  };
}
