-- Rebuild order_items indexes after the archive job deleted a third of the rows.
REINDEX TABLE CONCURRENTLY order_items;
