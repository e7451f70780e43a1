-- One live session per customer: sessions get an explicit validity window and
-- overlapping windows for the same customer are forbidden.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE sessions ADD COLUMN valid_during tstzrange;

ALTER TABLE sessions
    ADD CONSTRAINT sessions_one_live_per_customer
    EXCLUDE USING gist (customer_id WITH =, valid_during WITH &&);
