--liquibase formatted sql
--changeset marta:2024-11-03-1
-- Customer segments for the CRM sync
CREATE TABLE customer_segments (
    customer_id bigint NOT NULL REFERENCES customers (id),
    segment text NOT NULL,
    PRIMARY KEY (customer_id, segment)
);
--rollback DROP TABLE customer_segments;
