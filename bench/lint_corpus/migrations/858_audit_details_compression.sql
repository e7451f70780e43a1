-- new TOAST values use lz4; existing rows keep pglz until rewritten
ALTER TABLE audit_log ALTER COLUMN details SET COMPRESSION lz4;
