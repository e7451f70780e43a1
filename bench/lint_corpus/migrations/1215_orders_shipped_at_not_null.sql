-- Every order should have a shipped_at once the fulfilment rewrite is live.
ALTER TABLE orders ALTER COLUMN shipped_at SET NOT NULL;
