-- Give order_items a surrogate key (the ORM wants a single-column id).
ALTER TABLE order_items ADD COLUMN id bigserial;
