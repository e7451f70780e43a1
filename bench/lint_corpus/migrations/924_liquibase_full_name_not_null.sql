--liquibase formatted sql

--changeset akrol:2026-11-06-2
--preconditions onFail:MARK_RAN
UPDATE customers SET full_name = '' WHERE full_name IS NULL;
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
--rollback ALTER TABLE customers ALTER COLUMN full_name DROP NOT NULL;
