-- A small shop schema with skew, for the advisor's tests (about 1 s to build).
CREATE TABLE customers (
    id integer PRIMARY KEY,
    email text NOT NULL,
    country text NOT NULL,
    name text NOT NULL,
    last_seen_at timestamptz NOT NULL
);
INSERT INTO customers
SELECT g, 'User' || g || '@Example.com',
       CASE WHEN g % 10 < 7 THEN 'PL' WHEN g % 10 < 9 THEN 'DE' ELSE 'FR' END,
       'name ' || md5(g::text), now() - (g % 1000) * interval '1 hour'
FROM generate_series(1, 20000) g;

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id integer NOT NULL,
    status text NOT NULL,
    total numeric(10, 2) NOT NULL,
    note text,
    created_at timestamptz NOT NULL,
    shipped_at timestamptz
);
-- status is skewed: 'done' 97%, 'new' ~2.9%, 'failed' 0.1%; shipped_at NULL for 'new' only
-- customer 1 places 20% of the orders (skew: a common and a rare customer plan differently)
INSERT INTO orders
SELECT g, CASE WHEN g % 5 = 0 THEN 1 ELSE 1 + (g * 7919) % 20000 END,
       CASE WHEN g % 1000 = 0 THEN 'failed' WHEN g % 100 < 3 THEN 'new' ELSE 'done' END,
       (g % 500) + 0.99,
       CASE WHEN g % 50 = 0 THEN 'gift wrap please ' || md5(g::text) ELSE md5(g::text) END,
       now() - (g % 100000) * interval '5 minutes',
       CASE WHEN g % 100 < 3 AND g % 1000 <> 0 THEN NULL ELSE now() END
FROM generate_series(1, 60000) g;
ANALYZE customers;
ANALYZE orders;
