-- Index bloat after the big status cleanup; rebuild all indexes of orders.
REINDEX TABLE orders;
