-- Country codes stored as varchar(2) to match the ORM model (no more blank-padded char).
ALTER TABLE customers ALTER COLUMN country TYPE varchar(2);
