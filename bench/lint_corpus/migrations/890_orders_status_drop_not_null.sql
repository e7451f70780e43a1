-- drafts have no status yet
ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;
