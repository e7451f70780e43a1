CREATE TYPE ticket_priority AS ENUM ('low', 'high');
ALTER TYPE ticket_priority ADD VALUE IF NOT EXISTS 'medium' BEFORE 'high';
