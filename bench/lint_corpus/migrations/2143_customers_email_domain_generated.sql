-- B2B wants to group customers by company domain.
ALTER TABLE customers
    ADD COLUMN email_domain text
    GENERATED ALWAYS AS (lower(split_part(email, '@', 2))) STORED;
