-- customers_pkey bloated after the dedup job; rebuild it.
REINDEX INDEX customers_pkey;
