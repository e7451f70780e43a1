-- Case-insensitive uniqueness of e-mail addresses (login looks them up by lower(email)).
create unique index concurrently if not exists customers_email_lower_uniq
    on customers (lower(email));
