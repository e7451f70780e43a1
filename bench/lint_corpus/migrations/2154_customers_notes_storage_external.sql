-- notes are often searched with LIKE; keep them uncompressed out of line (new values only).
ALTER TABLE customers ALTER COLUMN notes SET STORAGE EXTERNAL;
