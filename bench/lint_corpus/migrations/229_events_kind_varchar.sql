-- Event kinds are short identifiers; cap them.
ALTER TABLE events ALTER COLUMN kind TYPE varchar(64);
