-- Next year's partition, created ahead of time (the monthly job also checks this).
CREATE TABLE IF NOT EXISTS events_2027
    PARTITION OF events
    FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
