-- Currency codes as text (char padding bit us in comparisons)
ALTER TABLE orders ALTER COLUMN currency TYPE text;
