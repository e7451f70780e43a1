-- daily_revenue bloated after many concurrent refreshes; compact it.
VACUUM FULL daily_revenue;
