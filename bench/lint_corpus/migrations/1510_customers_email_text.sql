-- customers.email as text, the 200 character limit is enforced by the app.
ALTER TABLE customers ALTER COLUMN email TYPE text;
