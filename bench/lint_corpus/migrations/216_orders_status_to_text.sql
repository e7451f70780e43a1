-- Stop fighting varchar limits: status becomes plain text, validated by the app.
ALTER TABLE orders ALTER COLUMN status SET DATA TYPE text;
