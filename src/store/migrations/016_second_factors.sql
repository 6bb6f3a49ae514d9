-- Second factors (issue 17): TOTP, recovery codes, passkeys (WebAuthn), the short-lived state of a
-- sign-in that waits for its second factor and of WebAuthn ceremonies, the factors a session was
-- signed in with, and the organization's policy that requires them.

-- One TOTP authenticator per user. The secret is sealed (AES-256-GCM, key derived from
-- OIDC_KEY_SECRET), so a dump of the database alone does not yield it. `enabled_at` NULL: enrolment
-- started, not confirmed by a first code yet. `last_step`: the newest 30-second step a code was
-- accepted for; a code of that step or an older one is refused (no replay within its window).
CREATE TABLE user_totp (
  user_id       text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret_sealed text NOT NULL,
  created_at    timestamptz NOT NULL,
  enabled_at    timestamptz,
  last_step     bigint
);

-- Recovery codes: only their SHA-256 is stored; each is used once.
CREATE TABLE user_recovery_codes (
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  created_at timestamptz NOT NULL,
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Passkeys: WebAuthn credentials (public keys, nothing secret). A credential id is globally unique.
CREATE TABLE user_passkeys (
  id             text PRIMARY KEY,
  user_id        text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id  text NOT NULL UNIQUE,
  public_key     text NOT NULL,
  counter        bigint NOT NULL DEFAULT 0,
  transports     text[] NOT NULL DEFAULT '{}',
  device_type    text NOT NULL,
  backed_up      boolean NOT NULL,
  name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  created_at     timestamptz NOT NULL,
  last_used_at   timestamptz
);
CREATE INDEX user_passkeys_user_idx ON user_passkeys (user_id);

-- Short-lived single-use state, stored by the SHA-256 of its handle: a sign-in waiting for its
-- second factor (`mfa_login`: the handle is the mfaToken), and WebAuthn challenges
-- (`passkey_register`, `passkey_login`). `attempts` counts wrong second factors of an mfaToken.
CREATE TABLE auth_challenges (
  handle_hash text PRIMARY KEY,
  purpose     text NOT NULL CHECK (purpose IN ('mfa_login', 'passkey_register', 'passkey_login')),
  user_id     text REFERENCES users (id) ON DELETE CASCADE,
  challenge   text,
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX auth_challenges_expires_idx ON auth_challenges (expires_at);

-- How a session was signed in (OpenID Connect `amr` values: pwd, otp, hwk, swk). A session from
-- before this column was signed in with a password.
ALTER TABLE sessions ADD COLUMN amr text[] NOT NULL DEFAULT '{pwd}';

-- The organization requires a second factor of its members.
ALTER TABLE organizations ADD COLUMN require_mfa boolean NOT NULL DEFAULT false;
