-- Support notes are capped at 500 characters in the new UI.
ALTER TABLE customers ALTER COLUMN notes TYPE varchar(500);
