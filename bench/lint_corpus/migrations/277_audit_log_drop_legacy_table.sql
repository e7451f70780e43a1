-- The old audit log was exported to the warehouse; drop it and start a new one.
CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    row_id bigint,
    action text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    details jsonb
);
DROP TABLE audit_log;
