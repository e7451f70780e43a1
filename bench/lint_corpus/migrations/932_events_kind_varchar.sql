-- kinds are short identifiers
ALTER TABLE events ALTER COLUMN kind TYPE varchar(50);
