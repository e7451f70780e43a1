ALTER TABLE orders
    ADD COLUMN promised_at timestamptz,
    ADD COLUMN priority smallint NOT NULL DEFAULT 0,
    ALTER COLUMN coupon SET STATISTICS 200;
