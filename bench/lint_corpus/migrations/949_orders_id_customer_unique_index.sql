-- Needed as the target of a composite FK from invoices (id, customer_id).
CREATE UNIQUE INDEX orders_id_customer_id_key ON orders (id, customer_id);
