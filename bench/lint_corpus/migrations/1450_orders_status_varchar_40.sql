-- New statuses like 'awaiting_payment_confirmation' need more than 20 characters.
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
