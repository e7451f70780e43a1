-- Refresh planner statistics after the bulk import.
VACUUM (ANALYZE) orders;
