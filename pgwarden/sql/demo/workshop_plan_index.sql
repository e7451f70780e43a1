-- Indexes and analyses the workshop plan table (returns nothing); the later generators join on k and id.
ALTER TABLE seed_w ADD PRIMARY KEY (k);
CREATE UNIQUE INDEX ON seed_w (id);
ANALYZE seed_w;
