-- Events and webhooks (shared/spec/PLATFORM.md "Events"): every change a Smart Service may care
-- about is a row here, written in the transaction of the change (store/unit-of-work.ts).

-- `position` is the commit order: taken from this sequence at the very end of the writing
-- transaction under a transaction-level advisory lock (store/unit-of-work.ts says why a plain
-- bigserial would not do). Positions are unique and rise in commit order; a rolled-back
-- transaction leaves a gap, which readers never wait for.
CREATE SEQUENCE events_position_seq;

CREATE TABLE events (
  position    bigint PRIMARY KEY,
  id          text NOT NULL UNIQUE,            -- evt_…
  type        text NOT NULL,
  org_id      text NOT NULL,                   -- no foreign key: organization.deleted outlives its organization
  occurred_at timestamptz NOT NULL,
  revision    bigint,                          -- the organization's authz_version after the change; NULL once it is gone
  data        jsonb NOT NULL
);
CREATE INDEX events_occurred_idx ON events (occurred_at);

-- A service's webhook. The signing secret must be usable to sign, so it cannot be hashed: it is
-- sealed (AES-256-GCM, key derived from OIDC_KEY_SECRET), so a dump of the database alone does not
-- give it away.
CREATE TABLE webhooks (
  id            text PRIMARY KEY,              -- whk_…
  service       text NOT NULL REFERENCES services (slug) ON DELETE CASCADE,
  url           text NOT NULL,
  types         text[] NOT NULL,
  secret_sealed text NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX webhooks_service_idx ON webhooks (service, created_at);

-- The delivery queue and its log: one row per (webhook, event), written with the event. A row is
-- due when pending and next_attempt_at has passed; a claimed row carries a lease (leased_until)
-- so that a crashed instance's delivery is taken over when the lease ends. Per webhook and
-- organization, only the oldest pending row (by event position) is ever delivered: that keeps
-- the order per organization.
CREATE TABLE webhook_deliveries (
  id              text PRIMARY KEY,            -- whd_…
  webhook_id      text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_position  bigint NOT NULL,
  event_id        text NOT NULL,
  org_id          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  leased_until    timestamptz,
  last_status     integer,                     -- the receiver's HTTP status of the last attempt
  last_error      text,                        -- why the last attempt failed (timeout, refused address …)
  created_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  UNIQUE (webhook_id, event_position)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (webhook_id, org_id, event_position) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, event_position DESC);
