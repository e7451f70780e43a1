-- Before PostgreSQL 15 there is no way to flush this session's pending statistics on demand
-- (the collector receives them within about half a second); returns nothing useful.
SELECT NULL AS flushed
