-- Member search by trigrams (issue 18): "contains" over the name and the e-mail address, which a
-- b-tree cannot serve, read through a GIN trigram index instead of scanning the organization.
-- pg_trgm is a trusted extension (PostgreSQL 13+: a database owner may create it) and is built
-- into PGlite's contrib (loaded in store/db.ts). The expression is the one memberships.repo.ts
-- searches; the newline keeps a search from matching across the name and the address.
-- An extension lives once per database, in one schema: where it already is (another schema of the
-- same database, as the tests' schemas are, or an operator's `extensions` schema), it is used there.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
DO $$
DECLARE ext_schema text;
BEGIN
  SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  EXECUTE format(
    'CREATE INDEX memberships_search_trgm_idx ON memberships USING gin ((first_name_key || %L || last_name_key || %L || email_key) %I.gin_trgm_ops)',
    ' ', E'\n', ext_schema);
END $$;
