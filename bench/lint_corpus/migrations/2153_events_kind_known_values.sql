-- Only known event kinds may be stored (the consumer drops unknown ones anyway).
ALTER TABLE events
    ADD CONSTRAINT events_kind_known
    CHECK (kind IN ('view', 'click', 'add_to_cart', 'purchase', 'signup'));
