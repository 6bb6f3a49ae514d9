-- Gatehouse as an OpenID Connect provider: the Smart Services registered as clients, the provider's
-- state (sessions, grants, codes, tokens…) and its keys. All of it here, so that any number of
-- instances can serve the provider.

CREATE TABLE oidc_clients (
  id                        text PRIMARY KEY,
  name                      text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- confidential: authorization code with a secret; public: authorization code without a secret
  -- (PKCE only); service: client credentials only, no user.
  kind                      text NOT NULL CHECK (kind IN ('confidential', 'public', 'service')),
  -- SHA-256 of the 256-bit secret, shown once; none for public clients.
  secret_hash               text UNIQUE,
  redirect_uris             text[] NOT NULL DEFAULT '{}',
  post_logout_redirect_uris text[] NOT NULL DEFAULT '{}',
  created_at                timestamptz NOT NULL,
  revoked_at                timestamptz,
  CONSTRAINT oidc_clients_secret_check CHECK ((kind = 'public') = (secret_hash IS NULL)),
  CONSTRAINT oidc_clients_redirect_check CHECK ((kind = 'service') = (cardinality(redirect_uris) = 0))
);

-- Everything oidc-provider stores, one row per (model, id), as its adapter contract describes.
CREATE TABLE oidc_payloads (
  kind        text NOT NULL,
  id          text NOT NULL,
  payload     jsonb NOT NULL,
  grant_id    text,
  uid         text,
  user_code   text,
  -- Set once, atomically, when a code or refresh token is used.
  consumed_at timestamptz,
  expires_at  timestamptz,
  -- Grants of the `organization` scope: the organization the grant acts in. Only the id: names,
  -- roles and permissions are read fresh from the organization's tables at every use.
  org_id      text,
  PRIMARY KEY (kind, id)
);
CREATE INDEX oidc_payloads_grant_idx ON oidc_payloads (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_payloads_uid_idx ON oidc_payloads (uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_payloads_user_code_idx ON oidc_payloads (user_code) WHERE user_code IS NOT NULL;
CREATE INDEX oidc_payloads_expires_idx ON oidc_payloads (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX oidc_payloads_client_idx ON oidc_payloads ((payload ->> 'clientId'));

-- Signing keys (`sig`) and cookie-signing keys (`cookie`), sealed with AES-256-GCM under a key
-- derived from OIDC_KEY_SECRET. A new key is published from its creation and used from
-- `active_from`; the newest active key of each use is current; older ones stay published (or
-- accepted) for an overlap period after their successor became active, then are deleted.
CREATE TABLE oidc_keys (
  kid         text PRIMARY KEY,
  use         text NOT NULL CHECK (use IN ('sig', 'cookie')),
  alg         text,
  sealed      text NOT NULL,
  created_at  timestamptz NOT NULL,
  active_from timestamptz NOT NULL CHECK (active_from >= created_at)
);
CREATE INDEX oidc_keys_use_idx ON oidc_keys (use, active_from DESC);
