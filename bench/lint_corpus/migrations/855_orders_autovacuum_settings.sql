-- orders is update-heavy; vacuum it more often.
ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE order_items SET (autovacuum_vacuum_cost_limit = 1000);
