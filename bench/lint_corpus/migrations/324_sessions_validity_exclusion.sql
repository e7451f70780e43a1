-- One live session per customer: exclusion on (customer_id, validity range).
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE sessions ADD COLUMN valid_during tstzrange;
ALTER TABLE sessions ADD CONSTRAINT sessions_one_live_per_customer
    EXCLUDE USING gist (customer_id WITH =, valid_during WITH &&);
