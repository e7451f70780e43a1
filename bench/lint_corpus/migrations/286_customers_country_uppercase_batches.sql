-- Normalise country codes to upper case, in id-range batches (each statement commits on its own).
UPDATE customers SET country = upper(country) WHERE id BETWEEN 1 AND 50000 AND country <> upper(country);
UPDATE customers SET country = upper(country) WHERE id BETWEEN 50001 AND 100000 AND country <> upper(country);
UPDATE customers SET country = upper(country) WHERE id BETWEEN 100001 AND 150000 AND country <> upper(country);
UPDATE customers SET country = upper(country) WHERE id BETWEEN 150001 AND 200000 AND country <> upper(country);
