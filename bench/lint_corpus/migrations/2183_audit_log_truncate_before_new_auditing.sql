-- The new auditing pipeline writes to the warehouse; the old rows were exported yesterday.
TRUNCATE audit_log RESTART IDENTITY;
