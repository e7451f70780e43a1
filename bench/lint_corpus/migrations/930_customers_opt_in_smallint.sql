-- Marketing wants a tri-state consent (0 no, 1 yes, 2 double opt-in).
ALTER TABLE customers
    ADD COLUMN consent_source text,
    ALTER COLUMN marketing_opt_in TYPE smallint USING marketing_opt_in::int;
