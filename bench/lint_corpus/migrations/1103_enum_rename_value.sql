CREATE TYPE shipping_speed AS ENUM ('standard', 'express', 'overnight');
ALTER TABLE orders ADD COLUMN shipping_speed shipping_speed DEFAULT 'standard';
ALTER TYPE shipping_speed RENAME VALUE 'overnight' TO 'next_day';
