-- For this session: plans avoid sequential scans (the standby's report then uses the index).
SET enable_seqscan = off;
