-- Refresh planner statistics after the bulk import
ANALYZE orders;
ANALYZE order_items;
