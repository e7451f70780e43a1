-- Add a loyalty tier to customers for the new rewards programme (filled in later by the app).
ALTER TABLE customers ADD COLUMN loyalty_tier text;
