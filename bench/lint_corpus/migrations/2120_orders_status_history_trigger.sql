-- Keep a history of order status changes for customer support.
CREATE TABLE order_status_history (
    order_id   bigint NOT NULL,
    old_status varchar(20),
    new_status varchar(20) NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, changed_at);

CREATE OR REPLACE FUNCTION orders_log_status_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO order_status_history (order_id, old_status, new_status)
        VALUES (NEW.id, OLD.status, NEW.status);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_status_history
    AFTER UPDATE OF status ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_log_status_change();
