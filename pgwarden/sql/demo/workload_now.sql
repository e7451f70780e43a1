-- The server's clock (now), the anchor of the workload's relative dates.
SELECT now();
