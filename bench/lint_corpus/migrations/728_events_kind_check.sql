-- Reject empty kinds from misconfigured trackers.
ALTER TABLE events ADD CONSTRAINT events_kind_nonempty CHECK (kind <> '');
