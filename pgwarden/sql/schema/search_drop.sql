-- Revision 0002 (down, transactional part, after the GIN index is dropped): the trigger,
-- functions, column and text search objects. The unaccent extension stays (other code may
-- use it; DROP EXTENSION unaccent by hand if nothing does).
DROP FUNCTION IF EXISTS workshop_search(regconfig, text, integer);
DROP TRIGGER IF EXISTS workshops_search_vector_update ON workshops;
DROP FUNCTION IF EXISTS workshops_search_vector_update();
ALTER TABLE workshops DROP COLUMN IF EXISTS search_vector;
DROP FUNCTION IF EXISTS workshop_search_query(text);
DROP FUNCTION IF EXISTS workshop_search_vector(jsonb, jsonb, jsonb);
DROP TEXT SEARCH CONFIGURATION IF EXISTS polish;
DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;
DROP TEXT SEARCH DICTIONARY IF EXISTS polish_hunspell;
