ALTER TABLE sessions ADD CONSTRAINT sessions_token_excl EXCLUDE USING btree (token WITH =);
