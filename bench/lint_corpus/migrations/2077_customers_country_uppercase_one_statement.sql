-- normalise country codes (one statement, it is "only" the customers table)
UPDATE customers SET country = upper(country), full_name = btrim(full_name);
