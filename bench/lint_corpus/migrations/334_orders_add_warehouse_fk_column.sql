-- Orders are fulfilled from a warehouse.
CREATE TABLE warehouses (
    id smallint PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO warehouses VALUES (1, 'Poznan'), (2, 'Leipzig');
ALTER TABLE orders ADD COLUMN warehouse_id smallint REFERENCES warehouses (id);
