-- A counter per organization, raised by every write that changes what the authorization API
-- answers. An instance that holds the organization's index at version v applies the change of
-- version v + 1 in place; any other gap means reload (core/authz/authz-engine.ts).
ALTER TABLE organizations ADD COLUMN authz_version bigint NOT NULL DEFAULT 0;
