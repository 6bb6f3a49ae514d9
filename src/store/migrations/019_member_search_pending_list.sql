-- The member search's trigram index (017) with a small pending list (issue 18). GIN collects new
-- entries in an unsorted "pending list" (fastupdate) that every search reads in full until a
-- vacuum or the list's limit (4 MB by default) merges it; PGlite has no autovacuum, so after
-- members were added one at a time a rare search read ~317 pending pages at 100,000 members
-- (23.5 ms instead of 1.8 ms on PGlite, 11.1 ms instead of 5.3 ms on PostgreSQL 15). At 64 kB (the
-- minimum) the list is merged every few dozen inserts: a probe of 30,000 single-row inserts on
-- PGlite measured 0.22 ms a row against 0.29 ms with the default and 0.53 ms with fastupdate off,
-- and the same search time as a clean index.
ALTER INDEX memberships_search_trgm_idx SET (gin_pending_list_limit = 64);
