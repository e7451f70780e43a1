-- Renumbering lines on edit swaps line_no values; make the key deferrable.
BEGIN;
ALTER TABLE order_items DROP CONSTRAINT order_items_pkey;
ALTER TABLE order_items ADD CONSTRAINT order_items_pkey
    PRIMARY KEY (order_id, line_no) DEFERRABLE INITIALLY IMMEDIATE;
COMMIT;
