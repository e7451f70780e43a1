-- Product weight in grams for shipping cost calculation.
--liquibase formatted sql

--changeset anowak:2026-12-07-2
ALTER TABLE products ADD weight_grams INTEGER;
--rollback ALTER TABLE products DROP COLUMN weight_grams;
