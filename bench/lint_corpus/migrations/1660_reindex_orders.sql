-- Ops: rebuild bloated indexes on orders
REINDEX TABLE orders;
