-- Normalise emails to lower case (only rows that differ).
UPDATE customers SET email = lower(email) WHERE email <> lower(email);
