DO $$
BEGIN
    CREATE ROLE support_agent NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
    RAISE NOTICE 'support_agent exists';
END
$$;
GRANT SELECT (id, email, full_name, country, status) ON customers TO support_agent;
GRANT SELECT, UPDATE (status) ON orders TO support_agent;
