-- Tag where an event came from. Old events were all produced by the web app.
ALTER TABLE events ADD COLUMN source text DEFAULT 'web';
