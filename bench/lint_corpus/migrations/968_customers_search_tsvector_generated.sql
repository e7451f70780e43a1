ALTER TABLE customers ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(full_name, '') || ' ' || email)) STORED;
