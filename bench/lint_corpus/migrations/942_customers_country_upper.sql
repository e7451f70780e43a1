-- Some imports wrote lower-case country codes.
UPDATE customers SET country = upper(country);
