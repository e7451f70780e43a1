-- orders gets ~2% updates a day; default scale factor means autovacuum almost never runs
ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
