-- Cap event kind length to match the ingestion API
ALTER TABLE events ALTER COLUMN kind TYPE varchar(64);
