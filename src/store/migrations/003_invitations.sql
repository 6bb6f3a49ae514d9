-- Invitations to an organization, with the role and device access they grant on acceptance.

CREATE TABLE invitations (
  id           text PRIMARY KEY,
  org_id       text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- Canonical address (lower case, IDNA ASCII domain): compared with the accepting user's.
  email        text NOT NULL CHECK (email = lower(email)),
  -- RESTRICT: a role a pending invitation grants cannot disappear underneath it (`role.in_use`).
  role_id      text NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
  all_devices  boolean NOT NULL DEFAULT false,
  device_ids   text[] NOT NULL DEFAULT '{}',
  message      text CHECK (char_length(message) <= 1000),
  invited_by   text REFERENCES users (id) ON DELETE SET NULL,
  -- Only the SHA-256 of the link's token; a resend replaces it, killing the old link.
  token_hash   text NOT NULL UNIQUE,
  delivery     text NOT NULL CHECK (delivery IN ('email', 'link')),
  status       text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked', 'expired')),
  created_at   timestamptz NOT NULL,
  -- NULL: never expires (INVITATION_TTL=0).
  expires_at   timestamptz,
  responded_at timestamptz,
  accepted_by  text
);
-- One pending invitation per address and organization; the constraint makes concurrent invites of
-- one address end in exactly one.
CREATE UNIQUE INDEX invitations_pending_key ON invitations (org_id, email) WHERE status = 'pending';
CREATE INDEX invitations_org_idx ON invitations (org_id, status, id);
CREATE INDEX invitations_email_idx ON invitations (email) WHERE status = 'pending';

-- The invitation a newcomer signed up from, accepted once the address is verified.
ALTER TABLE users ADD COLUMN signup_invitation_id text REFERENCES invitations (id) ON DELETE SET NULL;
