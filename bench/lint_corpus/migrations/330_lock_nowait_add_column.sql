-- Abort at once rather than queue behind long reports.
BEGIN;
LOCK TABLE ONLY order_items IN ACCESS EXCLUSIVE MODE NOWAIT;
ALTER TABLE order_items ADD COLUMN discount numeric(10,2);
COMMIT;
