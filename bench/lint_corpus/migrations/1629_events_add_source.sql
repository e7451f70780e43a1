-- Record which client produced each event
ALTER TABLE events ADD COLUMN source text;
