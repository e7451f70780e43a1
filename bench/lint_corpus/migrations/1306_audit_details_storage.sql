-- Audit details are rarely read; keep them out of line and compressed with lz4.
ALTER TABLE audit_log ALTER COLUMN details SET STORAGE EXTERNAL;
ALTER TABLE audit_log ALTER COLUMN details SET COMPRESSION lz4;
