-- One session per customer from now on (older duplicates were cleaned last week).
ALTER TABLE sessions ADD CONSTRAINT sessions_customer_id_key UNIQUE (customer_id);
