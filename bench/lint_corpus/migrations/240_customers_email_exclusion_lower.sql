-- Case-insensitive uniqueness of e-mail addresses (Foo@x.com == foo@x.com).
ALTER TABLE customers
    ADD CONSTRAINT customers_email_ci_excl EXCLUDE USING btree (lower(email) WITH =);
