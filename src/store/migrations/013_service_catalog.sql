-- The catalog from manifests (core/services/): services keep the order they were registered in
-- (the seed's first, in their shipped order), so the catalog and the Roles page list them stably.
ALTER TABLE services ADD COLUMN position integer NOT NULL DEFAULT 0;
