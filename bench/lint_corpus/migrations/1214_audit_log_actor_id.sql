-- Track which staff member made the change; 0 means the system.
ALTER TABLE audit_log ADD COLUMN actor_id bigint NOT NULL DEFAULT 0;
