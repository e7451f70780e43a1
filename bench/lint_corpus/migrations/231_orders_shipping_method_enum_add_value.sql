-- Shipping methods as an enum; later add one more value.
CREATE TYPE shipping_method AS ENUM ('standard', 'express');
ALTER TABLE orders ADD COLUMN shipping_method shipping_method;
ALTER TYPE shipping_method ADD VALUE IF NOT EXISTS 'pickup' AFTER 'express';
