-- Revision 0002 (up, transactional part): bilingual full-text search on workshops.
-- Idempotent (IF NOT EXISTS / OR REPLACE / existence checks) because the revision's
-- CONCURRENTLY steps commit along the way: a killed run re-runs this part unchanged.
-- Reads current_setting('pgwarden.polish_dictionary') (default pl_pl): the base name of the
-- hunspell files in the server's tsearch_data (pl_pl.dict, pl_pl.affix, as Debian's
-- pg_updatedicts converts them from hunspell-pl).
-- Order matters: the slow part (parsing the dictionary, 0.5 s or more) comes first, the
-- statements that lock workshops (ADD COLUMN: ACCESS EXCLUSIVE; the trigger: SHARE ROW
-- EXCLUSIVE) come last, so those locks are held for milliseconds until the commit.

CREATE EXTENSION IF NOT EXISTS unaccent;

DO $search$
DECLARE
    dict text := coalesce(nullif(current_setting('pgwarden.polish_dictionary', true), ''), 'pl_pl');
    schema_oid oid := (SELECT oid FROM pg_namespace WHERE nspname = current_schema());
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_dict
                   WHERE dictname = 'polish_hunspell' AND dictnamespace = schema_oid) THEN
        BEGIN
            -- the server opens and parses both files here: a missing file fails (F0000) and
            -- only this inner block is rolled back
            EXECUTE format('CREATE TEXT SEARCH DICTIONARY polish_hunspell '
                           '(TEMPLATE = ispell, DictFile = %L, AffFile = %L)', dict, dict);
        EXCEPTION WHEN config_file_error OR undefined_file THEN
            RAISE NOTICE 'pgwarden: the Polish hunspell dictionary (tsearch_data/%.dict and %.affix) '
                'is missing on this server, so text search configuration "polish" falls back to '
                '"simple" (no stemming: "warsztatów" will not find "warsztat"). Install it '
                '(apt-get install hunspell-pl; pg_updatedicts) and follow docs/search.md.', dict, dict;
        END;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_ts_config
                   WHERE cfgname = 'polish' AND cfgnamespace = schema_oid) THEN
        CREATE TEXT SEARCH CONFIGURATION polish (COPY = simple);
        IF EXISTS (SELECT 1 FROM pg_ts_dict
                   WHERE dictname = 'polish_hunspell' AND dictnamespace = schema_oid) THEN
            -- words hunspell does not know (names, English loanwords) still go through simple
            ALTER TEXT SEARCH CONFIGURATION polish
                ALTER MAPPING FOR asciiword, word, hword, hword_part, asciihword, hword_asciipart
                WITH polish_hunspell, simple;
        END IF;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_ts_config
                   WHERE cfgname = 'simple_unaccent' AND cfgnamespace = schema_oid) THEN
        -- accent-insensitive, no stemming: "zlobek" finds "żłobek", "Lodz" finds "Łódź"
        CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION simple_unaccent
            ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
    END IF;
END
$search$;

-- The weighted document: title A, short description B, description C; each in Polish
-- (hunspell stems) and English (snowball stems); the accent-free simple words of the title and
-- the short description only. The long description's accent-free copy would add a third of the
-- vector (every row's tsvector is read and ranked on each search) for words a user typing without
-- diacritics rarely needs beyond the title and summary: "zlobek" finds a workshop whose title or
-- short description says "żłobek", not one that mentions it only deep in its description (the
-- Polish and English readings still cover the description, with diacritics).
CREATE OR REPLACE FUNCTION workshop_search_vector(title jsonb, short_description jsonb,
                                                  description jsonb)
RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $fn$
    SELECT setweight(to_tsvector('polish', coalesce(title ->> 'pl', '')), 'A')
        || setweight(to_tsvector('english', coalesce(title ->> 'en', '')), 'A')
        || setweight(to_tsvector('simple_unaccent', concat_ws(' ', title ->> 'pl', title ->> 'en')), 'A')
        || setweight(to_tsvector('polish', coalesce(short_description ->> 'pl', '')), 'B')
        || setweight(to_tsvector('english', coalesce(short_description ->> 'en', '')), 'B')
        || setweight(to_tsvector('simple_unaccent', concat_ws(' ', short_description ->> 'pl',
                                                               short_description ->> 'en')), 'B')
        || setweight(to_tsvector('polish', coalesce(description ->> 'pl', '')), 'C')
        || setweight(to_tsvector('english', coalesce(description ->> 'en', '')), 'C')
$fn$;

-- What a search box's text becomes: the Polish, English and accent-free readings OR-ed, so a
-- query in either language, inflected or typed without diacritics, matches.
CREATE OR REPLACE FUNCTION workshop_search_query(q text)
RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $fn$
    SELECT websearch_to_tsquery('polish', q)
        || websearch_to_tsquery('english', q)
        || websearch_to_tsquery('simple_unaccent', q)
$fn$;

ALTER TABLE workshops ADD COLUMN IF NOT EXISTS search_vector tsvector;
-- Keep the vector in the row (MAIN: compressed if need be, moved out of line only as a last
-- resort; the jsonb texts go to TOAST first). With the default EXTENDED a workshop with a long
-- description has its barely compressible vector stored out of line, and every search then
-- fetches a TOAST chunk (an index lookup and another page) for each match it ranks. Catalog
-- only: rows written from now on (the backfill, the trigger) are stored that way.
ALTER TABLE workshops ALTER COLUMN search_vector SET STORAGE MAIN;

CREATE OR REPLACE FUNCTION workshops_search_vector_update()
RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
BEGIN
    -- an UPDATE that rewrites the texts unchanged (ORMs do) does not pay for the dictionary
    IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title
       AND NEW.short_description IS NOT DISTINCT FROM OLD.short_description
       AND NEW.description IS NOT DISTINCT FROM OLD.description
       AND OLD.search_vector IS NOT NULL THEN
        RETURN NEW;
    END IF;
    NEW.search_vector := workshop_search_vector(NEW.title, NEW.short_description, NEW.description);
    RETURN NEW;
END
$fn$;

DROP TRIGGER IF EXISTS workshops_search_vector_update ON workshops;
CREATE TRIGGER workshops_search_vector_update
    BEFORE INSERT OR UPDATE OF title, short_description, description ON workshops
    FOR EACH ROW EXECUTE FUNCTION workshops_search_vector_update();
