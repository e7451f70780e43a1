-- Partition for 2027 when a DEFAULT partition exists: PostgreSQL must scan the default partition.
CREATE TABLE events_default PARTITION OF events DEFAULT;
INSERT INTO events_default SELECT id, occurred_at + interval '4 years', kind, payload FROM events_2025 LIMIT 1000;
CREATE TABLE events_2028 PARTITION OF events FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');
