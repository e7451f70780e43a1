--liquibase formatted sql

--changeset mkowalski:2026-11-08-customers-status-check
--comment: only known statuses are allowed from now on
ALTER TABLE customers ADD CONSTRAINT customers_status_check CHECK (status IN ('active', 'blocked', 'deleted'));
--rollback ALTER TABLE customers DROP CONSTRAINT customers_status_check;
