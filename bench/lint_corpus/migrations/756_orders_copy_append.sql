-- Orders from the marketplace channel (export of 2026-11-08), appended.
COPY orders (id, customer_id, status, total, currency, created_at) FROM stdin WITH (FORMAT csv);
20000001,1,paid,19.99,EUR,2026-11-08 10:00:00
20000002,2,paid,5.00,EUR,2026-11-08 10:01:00
20000003,3,new,120.00,EUR,2026-11-08 10:02:30
20000004,4,shipped,42.10,EUR,2026-11-08 10:05:00
\.
ANALYZE orders;
