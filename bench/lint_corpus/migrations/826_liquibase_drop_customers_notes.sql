--liquibase formatted sql

--changeset mkowalski:2026-11-04-1
--comment: notes moved to the CRM
ALTER TABLE customers DROP COLUMN notes;
--rollback ALTER TABLE customers ADD COLUMN notes text;
