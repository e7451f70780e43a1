ALTER TABLE sessions RENAME COLUMN expires_at TO expires_on;
