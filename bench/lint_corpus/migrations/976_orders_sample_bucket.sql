-- A/B testing: assign every order a random bucket 0-99.
ALTER TABLE orders ADD COLUMN sample_bucket smallint NOT NULL DEFAULT (random() * 99)::smallint;
