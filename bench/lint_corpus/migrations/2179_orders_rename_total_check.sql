-- Constraint naming convention: <table>_<column>_<rule>.
ALTER TABLE orders RENAME CONSTRAINT orders_total_nonneg TO orders_total_check_non_negative;
