-- A/B test: a random tenth of the catalogue is featured on the home page.
ALTER TABLE products ADD COLUMN is_featured boolean NOT NULL DEFAULT (random() < 0.1);
