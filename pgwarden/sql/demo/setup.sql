-- Session-local helpers for `pgwarden demo seed` (returns nothing): deterministic pseudo-random
-- numbers and ids derived from (seed, salt, row number) with hashint8extended/md5, so the same
-- --seed gives the same data whatever plan the server picks, and the word-list tables the
-- generators read. Everything lives in pg_temp and disappears with the session.
CREATE FUNCTION pg_temp.rnd(seed bigint, salt integer, i bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8extended(i, seed * 1009 + salt) & 9007199254740991)::float8
                 / 9007199254740992.0 $$;
CREATE FUNCTION pg_temp.pick(seed bigint, salt integer, i bigint, n integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT 1 + floor(pg_temp.rnd(seed, salt, i) * n)::integer $$;
CREATE FUNCTION pg_temp.uid(seed bigint, kind text, i bigint) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT md5(seed::text || ':' || kind || ':' || i::text)::uuid $$;
CREATE FUNCTION pg_temp.cap(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT upper(left(t, 1)) || substr(t, 2) $$;
CREATE TEMP TABLE seed_themes (n integer PRIMARY KEY, key text, nom text, gen text, loc text, en text,
                               tag text);
CREATE TEMP TABLE seed_templates (n integer PRIMARY KEY, pl text, en text);
CREATE TEMP TABLE seed_audiences (n integer PRIMARY KEY, pl text, en text);
CREATE TEMP TABLE seed_sentences (n integer PRIMARY KEY, pl text, en text, tag text);
CREATE TEMP TABLE seed_names (n integer PRIMARY KEY, first_name text, gender text);
CREATE TEMP TABLE seed_surnames (n integer PRIMARY KEY, masculine text, feminine text);
CREATE TEMP TABLE seed_cities (n integer PRIMARY KEY, city text, venue text);
CREATE TEMP TABLE seed_tags (n integer PRIMARY KEY, slug text, pl text, en text);
CREATE TEMP TABLE seed_questions (n integer PRIMARY KEY, pl text, en text, type text);
CREATE FUNCTION pg_temp.fill(t text, nom text, gen text, loc text, en text, aud text, aud_en text)
    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT replace(replace(replace(replace(replace(replace(replace(replace(t,
                 '{Nom}', pg_temp.cap(nom)), '{En}', pg_temp.cap(en)), '{nom}', nom), '{gen}', gen),
                 '{loc}', loc), '{en}', en), '{aud_en}', aud_en), '{aud}', aud) $$;
CREATE FUNCTION pg_temp.ascii_name(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT translate(lower(t), 'ąćęłńóśźż', 'acelnoszz') $$;
