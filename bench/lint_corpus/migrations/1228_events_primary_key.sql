-- Logical replication needs a primary key on events.
ALTER TABLE events ADD PRIMARY KEY (id, occurred_at);
