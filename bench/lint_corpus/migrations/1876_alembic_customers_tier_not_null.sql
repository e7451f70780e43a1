-- Running upgrade 4c1e7a9b2d10 -> 9e0b55d3c2a1

ALTER TABLE customers ADD COLUMN tier VARCHAR(20) NOT NULL;
