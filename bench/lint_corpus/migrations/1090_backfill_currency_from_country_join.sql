-- UK customers pay in GBP; fix the currency on their orders.
UPDATE orders o
   SET currency = CASE c.country WHEN 'GB' THEN 'GBP' WHEN 'PL' THEN 'PLN' ELSE 'EUR' END
  FROM customers c
 WHERE c.id = o.customer_id;
