-- Refresh the revenue report after the currency fix-up. daily_revenue has a unique index on
-- day, so readers keep the old contents until the new ones are swapped in.
refresh materialized view concurrently daily_revenue;
