-- Start new customer ids at 10 million so they never collide with the legacy shop's.
ALTER TABLE customers ALTER COLUMN id RESTART WITH 10000000;
