-- btree_gin for combined tag + status GIN indexes later on.
CREATE EXTENSION IF NOT EXISTS btree_gin;
