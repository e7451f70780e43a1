-- The tracker sends payloads with duplicate keys that analytics wants to keep verbatim.
ALTER TABLE events ALTER COLUMN payload TYPE json USING payload::json;
