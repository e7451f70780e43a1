-- Revert shop:orders_audit_trigger from pg

BEGIN;

DROP TRIGGER IF EXISTS orders_audit ON orders;
DROP FUNCTION IF EXISTS orders_audit_fn();

COMMIT;
