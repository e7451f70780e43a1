-- Event kinds are short identifiers; make the column varchar(32).
ALTER TABLE events ALTER COLUMN kind TYPE varchar(32);
