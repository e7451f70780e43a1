-- A default partition exists since last sprint; now carve 2027 out of it.
CREATE TABLE IF NOT EXISTS events_default PARTITION OF events DEFAULT;
INSERT INTO events (id, occurred_at, kind, payload)
SELECT 20000000 + g, timestamptz '2027-02-01' + g * interval '1 minute', 'late', NULL
FROM generate_series(1, 1000) g;
-- 2027 gets its own partition
CREATE TABLE events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
