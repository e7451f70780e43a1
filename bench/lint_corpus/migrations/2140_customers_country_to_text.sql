-- char(2) pads with blanks and surprises everybody; use text like every other column.
ALTER TABLE customers ALTER COLUMN country TYPE text;
