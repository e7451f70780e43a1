ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic'
    CONSTRAINT customers_tier_known CHECK (tier IN ('basic', 'silver', 'gold'));
