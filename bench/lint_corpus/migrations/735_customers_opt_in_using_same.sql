-- ORM diff: marketing_opt_in "boolean -> boolean" (nullability/collation change detected)
ALTER TABLE customers ALTER COLUMN marketing_opt_in TYPE boolean USING marketing_opt_in::boolean;
