-- Revision 0006 (up, after its RUM index is valid): workshop_search (same signature and columns
-- as search_rank_ts.sql) ranked inside the RUM index workshops_search_rank_idx: the index
-- stores each lexeme's positions and weights, so the scan returns the best max_rows matches in
-- rank order and only those rows' heap tuples are read (the ts_rank version reads and ranks the
-- vector of every match). rank is RUM's score, 1 / (search_vector <=> query): for a one-word
-- query it is ts_rank's value (weights A 1.0, B 0.4, C 0.2, repeated occurrences count); for
-- several words it rewards words that occur close together more than ts_rank does (cover
-- density, like ts_rank_cd), so equally relevant matches can come in another order than with
-- the ts_rank version. Ties on rank: earliest start_date first.
CREATE OR REPLACE FUNCTION workshop_search(config regconfig, q text, max_rows integer DEFAULT 20)
RETURNS TABLE (id uuid, slug text, title jsonb, start_date timestamptz, rank real)
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
    SELECT best.id, best.slug, best.title, best.start_date, best.rank
    FROM (SELECT w.id, w.slug, w.title, w.start_date,
                 (1 / (w.search_vector <=> query))::real AS rank
          FROM workshops AS w, websearch_to_tsquery(config, q) AS query
          WHERE w.search_vector @@ query AND w.status = 'published' AND w.deleted_at IS NULL
          ORDER BY w.search_vector <=> query
          LIMIT max_rows) AS best
    ORDER BY best.rank DESC, best.start_date
$fn$;
