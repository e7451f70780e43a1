-- Record which client emitted the event (web, ios, android).
ALTER TABLE events ADD COLUMN source text;
