-- Loyalty tiers. Everybody starts on standard.
ALTER TABLE customers
    ADD COLUMN tier text NOT NULL DEFAULT 'standard'
        CONSTRAINT customers_tier_check CHECK (tier IN ('standard', 'silver', 'gold'));
