-- normalise country codes imported from the old shop
UPDATE customers SET country = upper(country) WHERE country IS NOT NULL;
