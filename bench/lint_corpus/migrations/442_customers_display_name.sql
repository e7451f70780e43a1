-- The app calls it "display name" everywhere; align the column.
ALTER TABLE customers RENAME COLUMN full_name TO display_name;
