-- Lock the set of order statuses down with an enum.
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled', 'refunded');

ALTER TABLE orders
    ALTER COLUMN status TYPE order_status USING status::order_status;
