-- fix line prices that drifted from the catalogue during the pricing bug (INC-4410)
UPDATE order_items oi
SET unit_price = p.price
FROM products p
WHERE p.id = oi.product_id
  AND oi.unit_price IS DISTINCT FROM p.price;
