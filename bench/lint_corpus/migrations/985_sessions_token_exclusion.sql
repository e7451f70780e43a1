CREATE EXTENSION IF NOT EXISTS btree_gist;
-- one live session per token and customer
ALTER TABLE sessions ADD CONSTRAINT sessions_token_customer_excl
    EXCLUDE USING gist (token WITH =, customer_id WITH =);
