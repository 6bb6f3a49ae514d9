-- Access to resources (shared/spec/PLATFORM.md, "Access to resources"): when a resource type first
-- appears, every existing non-Admin member gets `all` for it, so nothing they could see before
-- disappears (as Proficloud did when it introduced device access). Members who join later get what
-- their invitation says, else nothing. A trigger, so that whatever registers the type (a manifest,
-- the CLI, a test) cannot forget it, and in the same transaction as the type.
CREATE FUNCTION resource_types_grant_existing_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_resource_access (org_id, user_id, type, all_resources)
  SELECT m.org_id, m.user_id, NEW.type, true FROM memberships m WHERE m.role_id <> 'admin'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER resource_types_grant_existing_members AFTER INSERT ON resource_types
  FOR EACH ROW EXECUTE FUNCTION resource_types_grant_existing_members();

-- An invitation's access to resources, per type (`access: {"<type>": {all, ids}}`), applied at
-- acceptance like its device access. Kept as given: the type and ids are checked again then.
ALTER TABLE invitations ADD COLUMN resource_access jsonb NOT NULL DEFAULT '{}'::jsonb;

