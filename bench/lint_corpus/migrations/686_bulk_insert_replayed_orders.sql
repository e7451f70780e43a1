-- Replay orders lost in the 2026-10-30 outage (recovered from the payment provider).
BEGIN;
INSERT INTO orders (id, customer_id, status, total, currency, created_at)
SELECT 10000000 + g, 1 + g % 1000, 'paid', 25.00, 'EUR', timestamp '2026-10-30 12:00' + g * interval '1 second'
FROM generate_series(1, 20000) g;
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT 10000000 + g, 0, 1 + g % 1000, 1, 25.00
FROM generate_series(1, 20000) g;
COMMIT;
