-- The bulk audit writer hammers the sequence; cache some values per session.
ALTER SEQUENCE audit_log_id_seq CACHE 50;
ALTER TABLE customers ALTER COLUMN id SET CACHE 10;
