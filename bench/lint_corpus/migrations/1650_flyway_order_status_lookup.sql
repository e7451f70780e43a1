-- Flyway V57__order_status_lookup.sql: lookup table for order statuses
CREATE TABLE order_statuses (
    code varchar(20) PRIMARY KEY,
    label text NOT NULL,
    is_final boolean NOT NULL DEFAULT false
);
INSERT INTO order_statuses (code, label, is_final) VALUES
    ('new', 'New', false), ('paid', 'Paid', false),
    ('shipped', 'Shipped', true), ('cancelled', 'Cancelled', true);
