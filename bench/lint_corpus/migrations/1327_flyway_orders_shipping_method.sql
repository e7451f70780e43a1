-- V57__orders_shipping_method.sql: every order gets a shipping method, 'standard' for old ones.
ALTER TABLE orders ADD COLUMN shipping_method VARCHAR(20) DEFAULT 'standard' NOT NULL;
