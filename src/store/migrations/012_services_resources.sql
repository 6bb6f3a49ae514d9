-- Smart Services plug in (shared/spec/PLATFORM.md): the catalog becomes data from manifests, and
-- access can be narrowed to a service's own objects ("resources") as it is to devices.
-- One migration for the schema the manifest, resource and access code share, so the branches
-- that build them meet on the same tables.

-- A registered service. `manifest` is the last applied manifest as given (for the diff of the next
-- one and for GET /services); the rows below are what the code reads.
CREATE TABLE services (
  slug       text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
  name       jsonb NOT NULL,          -- {"en": "...", "de": "..."}; English required
  url        text,                    -- the service's entry page (https)
  icon       text,                    -- sanitised SVG, at most 8 KB
  manifest   jsonb NOT NULL,
  version    integer NOT NULL DEFAULT 1,  -- raised by each manifest change
  built_in   boolean NOT NULL DEFAULT false, -- shipped with Gatehouse, applied at every start
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- A service key belongs to a service (it may write that service's manifest and resources). Keys
-- made before services existed belong to none: they may ask questions, nothing more.
ALTER TABLE service_clients ADD COLUMN service text REFERENCES services (slug) ON DELETE CASCADE;

-- The catalog's rows gain what the manifest says of each permission. A permission left out of a
-- manifest is deprecated, not deleted: custom roles keep it, so re-adding it restores them.
ALTER TABLE permissions
  ADD COLUMN label         jsonb,
  ADD COLUMN description   jsonb,
  ADD COLUMN resource_type text,        -- 'device', '<slug>:<type>', or NULL
  ADD COLUMN position      integer NOT NULL DEFAULT 0, -- order within its service, as the manifest lists it
  ADD COLUMN deprecated_at timestamptz;

-- A service's resource types, named '<slug>:<type>'. `parent` makes a hierarchy (depth <= 4).
CREATE TABLE resource_types (
  type       text PRIMARY KEY CHECK (type ~ '^[a-z][a-z0-9-]{1,39}:[a-z][a-z0-9-]{0,39}$'),
  service    text NOT NULL REFERENCES services (slug) ON DELETE CASCADE,
  parent     text REFERENCES resource_types (type),
  name       jsonb NOT NULL,
  position   integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL
);

-- A service's object in an organization, by the service's own id. Its parent is in the same
-- organization; deleting a resource deletes its descendants (and the grants on them).
CREATE TABLE resources (
  id          text PRIMARY KEY,        -- res_…
  org_id      text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  type        text NOT NULL REFERENCES resource_types (type),
  external_id text NOT NULL CHECK (char_length(external_id) BETWEEN 1 AND 200),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  parent_id   text,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT resources_org_type_external_key UNIQUE (org_id, type, external_id),
  CONSTRAINT resources_org_id_key UNIQUE (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES resources (org_id, id) ON DELETE CASCADE
);
CREATE INDEX resources_parent_idx ON resources (org_id, parent_id);
CREATE INDEX resources_org_type_name_idx ON resources (org_id, type, lower(name), id);

-- A member's access per resource type: `all_resources` (every resource of the type, present and
-- future), else the explicit set in member_resources. No row means nothing of that type.
-- (Devices keep memberships.all_devices and member_devices: the type 'device'.)
CREATE TABLE member_resource_access (
  org_id        text NOT NULL,
  user_id       text NOT NULL,
  type          text NOT NULL REFERENCES resource_types (type) ON DELETE CASCADE,
  all_resources boolean NOT NULL,
  PRIMARY KEY (org_id, user_id, type),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);

CREATE TABLE member_resources (
  org_id      text NOT NULL,
  user_id     text NOT NULL,
  resource_id text NOT NULL,
  PRIMARY KEY (org_id, user_id, resource_id),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, resource_id) REFERENCES resources (org_id, id) ON DELETE CASCADE
);
CREATE INDEX member_resources_resource_idx ON member_resources (org_id, resource_id);
