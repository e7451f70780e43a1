BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade 91d2e4f5a6b7 -> a3c8e1f09d42

CREATE TABLE loyalty_tiers (
    id SERIAL NOT NULL, 
    name VARCHAR(40) NOT NULL, 
    min_points INTEGER NOT NULL, 
    PRIMARY KEY (id), 
    UNIQUE (name)
);

ALTER TABLE customers ADD COLUMN loyalty_tier_id INTEGER;

CREATE INDEX ix_customers_loyalty_tier_id ON customers (loyalty_tier_id);

ALTER TABLE customers ADD CONSTRAINT fk_customers_loyalty_tier_id_loyalty_tiers FOREIGN KEY(loyalty_tier_id) REFERENCES loyalty_tiers (id);

INSERT INTO alembic_version (version_num) VALUES ('a3c8e1f09d42') RETURNING alembic_version.version_num;

COMMIT;
