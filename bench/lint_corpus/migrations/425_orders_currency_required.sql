-- Every order has a currency (the default has always been EUR).
ALTER TABLE orders ALTER COLUMN currency SET NOT NULL;
