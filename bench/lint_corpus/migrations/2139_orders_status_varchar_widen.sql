-- New status 'awaiting_payment_confirmation' does not fit in varchar(20).
-- Raising a varchar limit is metadata-only.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
