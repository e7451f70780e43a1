INSERT INTO products (id, sku, title, price, stock, tags, attrs)
VALUES (900001, 'GIFT-50', 'Gift card 50', 50.00, 0, ARRAY['gift'], '{"digital": true}'),
       (900002, 'GIFT-100', 'Gift card 100', 100.00, 0, ARRAY['gift'], '{"digital": true}')
ON CONFLICT (id) DO NOTHING;
