ALTER TABLE sessions
    DROP CONSTRAINT sessions_pkey,
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token, customer_id);
