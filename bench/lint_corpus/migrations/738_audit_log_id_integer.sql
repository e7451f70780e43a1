-- audit_log ids will never pass 2^31 after the retention job; save the 4 bytes.
ALTER TABLE audit_log ALTER COLUMN id TYPE integer;
