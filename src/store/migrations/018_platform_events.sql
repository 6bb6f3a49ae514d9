-- Events of the platform itself, and the horizon of the purged events (shared/spec/PLATFORM.md "Events").

-- `service.manifest_changed` belongs to no organization: it is the platform's event, with
-- `organizationId: null`. Every other type names its organization (unit-of-work.ts writes them).
ALTER TABLE events ALTER COLUMN org_id DROP NOT NULL;
ALTER TABLE events ADD CONSTRAINT events_org_or_platform
  CHECK ((org_id IS NULL) = (type = 'service.manifest_changed'));

-- A delivery's organization orders it among the webhook's deliveries (one after another per
-- organization); the platform's events are one such group of their own, under ''. Not NULL: the
-- queue's "no older pending one of the same organization" must be an equality the index serves.
COMMENT ON COLUMN webhook_deliveries.org_id IS 'The event''s organization; '''' for the platform''s own events (one ordering group)';

-- The highest position the retention purge has deleted: a cursor below it may have missed events
-- (GET /events answers 410 events.cursor_expired), at or above it has missed none. Events still
-- awaited by a delivery outlive the purge, so the kept ones do not say it alone. One row.
CREATE TABLE events_purged (
  one     boolean PRIMARY KEY DEFAULT true CHECK (one),
  through bigint NOT NULL
);
INSERT INTO events_purged (one, through) VALUES (true, 0);
