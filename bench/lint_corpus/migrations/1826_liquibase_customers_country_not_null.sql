--liquibase formatted sql

--changeset mkowalski:customers-country-not-null
ALTER TABLE customers ALTER COLUMN country SET NOT NULL;
--rollback ALTER TABLE customers ALTER COLUMN country DROP NOT NULL;
