-- Require shipped_at, defaulting historical orders to their creation time.
--liquibase formatted sql

--changeset mkowalski:2026-12-07-1
UPDATE orders SET shipped_at = created_at WHERE shipped_at IS NULL;
ALTER TABLE orders ALTER COLUMN shipped_at SET NOT NULL;
--rollback ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;
