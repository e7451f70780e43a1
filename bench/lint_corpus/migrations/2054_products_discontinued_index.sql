CREATE INDEX products_discontinued_idx ON products (discontinued);
