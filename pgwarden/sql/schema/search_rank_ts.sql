-- The public search: live published workshops matching the search box text ``q`` read with text
-- search configuration ``config`` (websearch syntax: words, "phrases", or, -not), best first
-- (id, slug, title jsonb, start_date, rank), at most ``max_rows``. This version ranks with
-- ts_rank over the GIN-indexed matches (every match's vector is read and ranked); revision 0006
-- replaces it with one that ranks inside a RUM index when the server has the rum extension
-- (search_rank_rum.sql) and its downgrade puts this one back.
-- LANGUAGE sql, STABLE, no SET clause, not STRICT: PostgreSQL inlines the call into the calling
-- query, so the planner sees the literal query and the partial index predicate.
CREATE OR REPLACE FUNCTION workshop_search(config regconfig, q text, max_rows integer DEFAULT 20)
RETURNS TABLE (id uuid, slug text, title jsonb, start_date timestamptz, rank real)
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
    SELECT w.id, w.slug, w.title, w.start_date, ts_rank(w.search_vector, query) AS rank
    FROM workshops AS w, websearch_to_tsquery(config, q) AS query
    WHERE w.search_vector @@ query AND w.status = 'published' AND w.deleted_at IS NULL
    ORDER BY rank DESC, w.start_date
    LIMIT max_rows
$fn$;
