-- A credential event (password changed or reset, e-mail change, account deleted, signing out) ends
-- the user's OpenID Connect state in the event's own transaction. Two things make that one
-- statement each:

-- The user an object of the provider belongs to. Sessions, grants, codes and tokens carry it in
-- their payload as `accountId`; an interaction under a signed-in provider session as
-- `session.accountId`. Kept in step with the payload by PostgreSQL itself.
ALTER TABLE oidc_payloads ADD COLUMN account_id text
  GENERATED ALWAYS AS (coalesce(payload ->> 'accountId', payload -> 'session' ->> 'accountId')) STORED;
CREATE INDEX oidc_payloads_account_idx ON oidc_payloads (account_id) WHERE account_id IS NOT NULL;

-- What a credential event ends is not deleted but ended: the row stays, emptied, until it expires,
-- so that a write of the provider racing the event (an authorization that read a grant or a
-- session just before, and saves it back just after) cannot bring it back under the same id — the
-- adapter's upsert leaves an ended row alone, and every read skips it.
ALTER TABLE oidc_payloads ADD COLUMN ended boolean NOT NULL DEFAULT false;

-- Which Gatehouse session (the UI's sign-in) each provider session was last confirmed through, so
-- that signing out of Gatehouse ends that provider session and what was issued in it. Keyed by the
-- provider session's `uid` (its id changes at every sign-in; the uid stays). Written only while
-- the Gatehouse session row is held with FOR KEY SHARE, so a link to a session that a credential
-- event is deleting cannot appear after that event read the links (see oidc.repo.ts).
CREATE TABLE oidc_session_links (
  session_uid          text PRIMARY KEY,
  gatehouse_session_id text NOT NULL,
  user_id              text NOT NULL,
  expires_at           timestamptz NOT NULL
);
CREATE INDEX oidc_session_links_gatehouse_idx ON oidc_session_links (gatehouse_session_id);
CREATE INDEX oidc_session_links_user_idx ON oidc_session_links (user_id);
CREATE INDEX oidc_session_links_expires_idx ON oidc_session_links (expires_at);
