-- Loyalty programme, phase 1: store the tier; the app fills it lazily.
ALTER TABLE customers ADD COLUMN loyalty_tier text;
COMMENT ON COLUMN customers.loyalty_tier IS 'bronze/silver/gold, NULL until first computed';
