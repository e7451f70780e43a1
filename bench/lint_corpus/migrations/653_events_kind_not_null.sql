-- kind is always written by the tracker; enforce it.
ALTER TABLE events ALTER COLUMN kind SET NOT NULL;
