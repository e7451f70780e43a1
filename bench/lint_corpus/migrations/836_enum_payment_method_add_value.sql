CREATE TYPE payment_method AS ENUM ('card', 'transfer', 'cod');
ALTER TABLE orders ADD COLUMN payment_method payment_method;
-- BLIK launched in PL
ALTER TYPE payment_method ADD VALUE IF NOT EXISTS 'blik' AFTER 'card';
