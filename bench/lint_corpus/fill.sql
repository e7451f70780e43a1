-- Rows for the corpus database, :scale × the base counts (psql variable `scale`).
INSERT INTO customers (email, full_name, country, created_at, marketing_opt_in, notes)
SELECT 'user' || g || '@example.com', 'Customer ' || g, (ARRAY['PL','DE','FR','GB'])[1 + g % 4],
       now() - (g % 1000) * interval '1 day', g % 3 = 0, CASE WHEN g % 10 = 0 THEN 'vip' END
FROM generate_series(1, 20000 * :scale) g;
INSERT INTO products
SELECT g, 'SKU-' || g, 'Product number ' || g, (g % 500) + 0.99, g % 100,
       ARRAY['tag' || g % 7], jsonb_build_object('color', g % 5), false
FROM generate_series(1, 2000 * :scale) g;
INSERT INTO orders
SELECT g, 1 + g % (20000 * :scale), (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4],
       (g % 1000) + 0.5, 'EUR', now() - (g % 700) * interval '1 day',
       CASE WHEN g % 4 = 2 THEN now() END, CASE WHEN g % 20 = 0 THEN 'spring' END
FROM generate_series(1, 50000 * :scale) g;
INSERT INTO order_items
SELECT 1 + g / 2, (g % 2)::smallint, 1 + g % (2000 * :scale), 1 + g % 5, (g % 300) + 0.25
FROM generate_series(0, 100000 * :scale - 1) g;
INSERT INTO events
SELECT g, timestamptz '2025-01-01' + (g % 700) * interval '1 day', 'view', '{"a": 1}'
FROM generate_series(1, 20000 * :scale) g;
INSERT INTO audit_log (table_name, row_id, action, details)
SELECT 'orders', g, 'update', 'changed status' FROM generate_series(1, 20000 * :scale) g;
INSERT INTO sessions
SELECT gen_random_uuid(), 1 + g % (20000 * :scale), now() + interval '1 day'
FROM generate_series(1, 10000 * :scale) g;
CREATE MATERIALIZED VIEW daily_revenue AS
    SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
VACUUM ANALYZE;
