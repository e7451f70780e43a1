-- order_items is append-mostly and huge: vacuum/analyze it more often.
ALTER TABLE order_items SET (autovacuum_vacuum_scale_factor = 0.02,
                             autovacuum_analyze_scale_factor = 0.01);
