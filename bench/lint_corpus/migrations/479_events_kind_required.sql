-- Every event has a kind since the tracker rewrite.
ALTER TABLE events ALTER COLUMN kind SET NOT NULL;
