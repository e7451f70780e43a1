-- Orders 1..20000 were imported from the old shop in PLN; fix their currency.
UPDATE orders SET currency = 'PLN' WHERE id BETWEEN 1 AND 20000;
