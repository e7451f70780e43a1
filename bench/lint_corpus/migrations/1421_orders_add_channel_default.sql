-- Record the sales channel of each order; existing orders came from the web shop.
ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT 'web';
