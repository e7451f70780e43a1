-- Payment provider wants integer cents.
ALTER TABLE orders
  ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED;
