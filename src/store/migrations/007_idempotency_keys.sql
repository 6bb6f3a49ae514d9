-- Idempotency-Key (IETF draft): a signed-in user's key is inserted in the very transaction of the
-- write it guards, so "key recorded" and "write committed" are one fact; the answer is stored
-- right after the COMMIT, for a retry to replay. Keys expire after 24 hours (maintenance loop).
CREATE TABLE idempotency_keys (
  user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key          text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  status       integer,
  content_type text,
  body         text,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
