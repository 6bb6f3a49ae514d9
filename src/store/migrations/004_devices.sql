-- Devices, each member's device access, and the service clients of the authorization API.

CREATE TABLE devices (
  id          text PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- The hardware UUID printed on the housing; the uuid type makes it case-insensitive, and one
  -- device is registered in one organization only.
  uuid        uuid NOT NULL CONSTRAINT devices_uuid_key UNIQUE,
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  location    text CHECK (char_length(location) <= 200),
  tags        text[] NOT NULL DEFAULT '{}',
  description text CHECK (char_length(description) <= 1000),
  -- Only the SHA-256 of the device token; the token is shown once.
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  created_by  text,
  CONSTRAINT devices_org_id_key UNIQUE (org_id, id)
);
CREATE INDEX devices_tags_idx ON devices USING gin (tags);
CREATE INDEX devices_org_name_idx ON devices (org_id, lower(name), id);

-- A member's explicit device set. Both foreign keys name the organization: a grant can only join a
-- member and a device of the same organization, and it disappears with either.
CREATE TABLE member_devices (
  org_id    text NOT NULL,
  user_id   text NOT NULL,
  device_id text NOT NULL,
  PRIMARY KEY (org_id, user_id, device_id),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, device_id) REFERENCES devices (org_id, id) ON DELETE CASCADE
);
CREATE INDEX member_devices_device_idx ON member_devices (org_id, device_id);

CREATE TABLE service_clients (
  id         text PRIMARY KEY,
  name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  key_hash   text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
