-- Every order has a currency (the default has always been EUR); make the schema say so.
ALTER TABLE orders ALTER COLUMN currency SET NOT NULL;
