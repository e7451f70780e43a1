--liquibase formatted sql

--changeset jdoe:customers-full-name-required
UPDATE customers SET full_name = '' WHERE full_name IS NULL;
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
