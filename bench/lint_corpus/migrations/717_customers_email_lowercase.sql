-- Lower-case all emails before the unique index goes in.
UPDATE customers SET email = lower(email);
