-- orders is large and churns; vacuum it sooner than the global default.
ALTER TABLE orders SET (
    autovacuum_vacuum_scale_factor  = 0.02,
    autovacuum_analyze_scale_factor = 0.01,
    autovacuum_vacuum_cost_limit    = 1000
);
