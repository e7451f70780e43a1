-- Line renumbering in the cart swaps line numbers; the uniqueness must be checked at commit.
ALTER TABLE order_items
    ADD CONSTRAINT order_items_order_line_uniq UNIQUE (order_id, line_no) DEFERRABLE INITIALLY DEFERRED;
