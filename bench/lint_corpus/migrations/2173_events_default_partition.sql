-- Late or early events outside the yearly ranges currently fail to insert; catch them.
CREATE TABLE events_default PARTITION OF events DEFAULT;
