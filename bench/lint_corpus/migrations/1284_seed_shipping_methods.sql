-- Lookup table for shipping methods, seeded with the carriers we use.
CREATE TABLE shipping_methods (
    code text PRIMARY KEY,
    label text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
INSERT INTO shipping_methods (code, label) VALUES
    ('standard', 'Standard (3-5 days)'),
    ('express', 'Express (next day)'),
    ('pickup', 'Pickup point'),
    ('freight', 'Freight');
