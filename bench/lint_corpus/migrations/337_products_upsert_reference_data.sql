-- Gift cards as catalogue items; rerunnable.
INSERT INTO products (id, sku, title, price, stock, tags, attrs)
VALUES (900001, 'GIFT-25', 'Gift card 25', 25.00, 0, ARRAY['giftcard'], '{"digital": true}'),
       (900002, 'GIFT-50', 'Gift card 50', 50.00, 0, ARRAY['giftcard'], '{"digital": true}')
ON CONFLICT (id) DO UPDATE
    SET title = EXCLUDED.title, price = EXCLUDED.price, tags = EXCLUDED.tags;
