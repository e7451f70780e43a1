-- Revision 0006 (up): the rum extension when the server has it and this role may create it
-- (rum is not a trusted extension: a superuser, or one who installed it before). Anything else
-- is a NOTICE, not an error: the revision then keeps the ts_rank search (see v0006's docstring).
DO $rum$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
        RAISE NOTICE 'pgwarden: the rum extension is not available on this server, so searches '
            'keep ranking every match with ts_rank (install postgresql-NN-rum and see docs/search.md)';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION rum;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'pgwarden: % may not create the rum extension, so searches keep ranking every '
            'match with ts_rank (a superuser runs CREATE EXTENSION rum; see docs/search.md)', current_user;
    END;
END
$rum$;
