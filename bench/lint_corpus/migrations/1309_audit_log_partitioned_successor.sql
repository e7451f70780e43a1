-- New partitioned audit table; the app will dual-write before we switch reads.
CREATE TABLE audit_log_v2 (
    id bigint NOT NULL,
    table_name text,
    row_id bigint,
    action text,
    at timestamptz NOT NULL DEFAULT now(),
    details text,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE audit_log_v2_2026_12 PARTITION OF audit_log_v2
    FOR VALUES FROM ('2026-12-01') TO ('2027-01-01');
CREATE TABLE audit_log_v2_2027_01 PARTITION OF audit_log_v2
    FOR VALUES FROM ('2027-01-01') TO ('2027-02-01');
