-- Stop truncating custom statuses from the ERP import; text like everywhere else.
ALTER TABLE orders ALTER COLUMN status TYPE text;
