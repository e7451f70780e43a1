SET lock_timeout = 0;
ALTER TABLE products ADD COLUMN supplier text;
