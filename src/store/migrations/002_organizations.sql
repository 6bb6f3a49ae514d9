-- Permissions attached to roles, custom roles, the member list's sort keys, billing information and
-- the append-only audit log.

-- The catalog is data in the code (core/authz/permissions.ts); `syncCatalog` mirrors it here at
-- every start, so role_permissions can reference real rows.
CREATE TABLE permissions (
  key           text PRIMARY KEY,
  service       text NOT NULL,
  device_scoped boolean NOT NULL
);

CREATE TABLE role_permissions (
  role_id    text NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  permission text NOT NULL REFERENCES permissions (key) ON DELETE CASCADE,
  PRIMARY KEY (role_id, permission)
);

-- A custom role's name is unique in its organization, whatever the case. (Built-in names are
-- reserved by the service: a custom role cannot be called "Admin".)
CREATE UNIQUE INDEX roles_org_name_key ON roles (org_id, lower(name)) WHERE org_id IS NOT NULL;

-- Admins always have every device; any other member has every device or (issue: devices) a set.
ALTER TABLE memberships ADD COLUMN all_devices boolean NOT NULL DEFAULT false;

-- Sort keys of the member list, copied from the user and the role so that each sort order of an
-- organization of 100,000 members is one index range scan (keyset pagination), not a join and a
-- sort. "C" collation: the same order, and so the same cursors, on every PostgreSQL build.
ALTER TABLE memberships
  ADD COLUMN first_name_key text COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN last_name_key  text COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN email_key      text COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN role_key       text COLLATE "C" NOT NULL DEFAULT '';

CREATE FUNCTION memberships_fill_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT lower(u.first_name), lower(u.last_name), u.email INTO NEW.first_name_key, NEW.last_name_key, NEW.email_key
    FROM users u WHERE u.id = NEW.user_id;
  SELECT lower(r.name) INTO NEW.role_key FROM roles r WHERE r.id = NEW.role_id;
  RETURN NEW;
END $$;
CREATE TRIGGER memberships_sort_keys BEFORE INSERT OR UPDATE OF role_id, user_id ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_fill_sort_keys();

CREATE FUNCTION users_propagate_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships SET first_name_key = lower(NEW.first_name), last_name_key = lower(NEW.last_name), email_key = NEW.email
   WHERE user_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER users_sort_keys AFTER UPDATE OF first_name, last_name, email ON users
  FOR EACH ROW WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION users_propagate_sort_keys();

CREATE FUNCTION roles_propagate_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships SET role_key = lower(NEW.name) WHERE role_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER roles_sort_keys AFTER UPDATE OF name ON roles
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION roles_propagate_sort_keys();

UPDATE memberships SET role_id = role_id; -- fills the keys of existing rows

DROP INDEX memberships_role_idx;
CREATE INDEX memberships_role_idx ON memberships (org_id, role_id, user_id);
CREATE INDEX memberships_first_name_idx ON memberships (org_id, first_name_key, user_id);
CREATE INDEX memberships_last_name_idx ON memberships (org_id, last_name_key, user_id);
CREATE INDEX memberships_email_idx ON memberships (org_id, email_key, user_id);
CREATE INDEX memberships_role_key_idx ON memberships (org_id, role_key, user_id);
CREATE INDEX memberships_joined_idx ON memberships (org_id, joined_at, user_id);

CREATE TABLE organization_billing (
  org_id        text PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  company_name  text NOT NULL CHECK (char_length(company_name) BETWEEN 1 AND 200),
  street        text NOT NULL CHECK (char_length(street) BETWEEN 1 AND 200),
  postal_code   text NOT NULL CHECK (char_length(postal_code) BETWEEN 1 AND 20),
  city          text NOT NULL CHECK (char_length(city) BETWEEN 1 AND 100),
  country       text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  vat_id        text CHECK (vat_id IS NULL OR char_length(vat_id) BETWEEN 2 AND 20),
  billing_email text NOT NULL,
  updated_at    timestamptz NOT NULL,
  updated_by    text
);

-- The audit log. No foreign keys: an event outlives the member, role or organization it is about.
-- Ids are time-ordered, so (org_id, id) is the newest-first order and the cursor.
CREATE TABLE audit_events (
  id          text PRIMARY KEY,
  org_id      text NOT NULL,
  action      text NOT NULL,
  actor_id    text,
  target_type text,
  target_id   text,
  before      jsonb,
  after       jsonb,
  details     jsonb,
  request_id  text,
  created_at  timestamptz NOT NULL
);
CREATE INDEX audit_events_org_idx ON audit_events (org_id, id);
CREATE INDEX audit_events_org_action_idx ON audit_events (org_id, action, id);
CREATE INDEX audit_events_org_actor_idx ON audit_events (org_id, actor_id, id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
