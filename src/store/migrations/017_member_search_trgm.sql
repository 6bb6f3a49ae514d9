-- Member search by trigrams (issue 18): "contains" over the name and the e-mail address, which a
-- b-tree cannot serve, read through a GIN trigram index instead of scanning the organization.
-- pg_trgm is a trusted extension (PostgreSQL 13+: a database owner may create it) and is built
-- into PGlite's contrib (loaded in store/db.ts). The expression is the one memberships.repo.ts
-- searches; the newline keeps a search from matching across the name and the address.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX memberships_search_trgm_idx ON memberships
  USING gin ((first_name_key || ' ' || last_name_key || E'\n' || email_key) gin_trgm_ops);
