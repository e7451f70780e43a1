-- Orders get an optional carrier
CREATE TABLE carriers (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
ALTER TABLE orders ADD COLUMN carrier_id integer REFERENCES carriers (id);
