-- Rename orders to purchases; a view keeps the old name working during the rollout.
BEGIN;
ALTER TABLE orders RENAME TO purchases;
CREATE VIEW orders AS SELECT * FROM purchases;
COMMIT;
