ALTER TABLE customers ADD COLUMN last_seen_at timestamptz DEFAULT now();
