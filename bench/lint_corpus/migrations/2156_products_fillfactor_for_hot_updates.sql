-- Stock counters are updated constantly; leave room on each page for HOT updates.
-- Only pages written from now on honour the new fillfactor; nothing is rewritten.
ALTER TABLE products SET (fillfactor = 80);
