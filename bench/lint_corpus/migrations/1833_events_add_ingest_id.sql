-- every event gets a unique ingest id for dedup in the warehouse
ALTER TABLE events ADD COLUMN ingest_id uuid NOT NULL DEFAULT gen_random_uuid();
