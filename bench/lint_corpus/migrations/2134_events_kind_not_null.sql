-- Every producer sets kind now; enforce it.
ALTER TABLE events ALTER COLUMN kind SET NOT NULL;
