-- The expiry sweeper reads token + expires_at only.
CREATE INDEX CONCURRENTLY sessions_expires_at_covering
    ON sessions (expires_at) INCLUDE (token, customer_id);
