-- Sales channel as an enum.
CREATE TYPE sales_channel AS ENUM ('web', 'app', 'pos', 'marketplace');

ALTER TABLE orders ADD COLUMN channel sales_channel;
