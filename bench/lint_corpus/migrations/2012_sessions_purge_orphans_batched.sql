-- Remove sessions of customers that no longer exist, a few thousand at a time.
DELETE FROM sessions
WHERE token IN (
    SELECT s.token FROM sessions s
    LEFT JOIN customers c ON c.id = s.customer_id
    WHERE c.id IS NULL
    LIMIT 5000
);
DELETE FROM sessions
WHERE token IN (
    SELECT s.token FROM sessions s
    LEFT JOIN customers c ON c.id = s.customer_id
    WHERE c.id IS NULL
    LIMIT 5000
);
