--liquibase formatted sql

--changeset mkowalski:2027-01-customers-country-format
ALTER TABLE customers ADD CONSTRAINT customers_country_format CHECK (country ~ '^[A-Z]{2}$');
--rollback ALTER TABLE customers DROP CONSTRAINT customers_country_format;
