-- Normalise all customer country codes to upper case
UPDATE customers SET country = upper(country);
