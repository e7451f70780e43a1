-- events never had a primary key; logical replication needs one.
-- On a partitioned table the key must include the partition column.
ALTER TABLE events ADD PRIMARY KEY (id, occurred_at);
