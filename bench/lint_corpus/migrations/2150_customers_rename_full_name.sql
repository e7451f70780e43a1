-- Naming cleanup agreed in the data-model review: full_name -> display_name.
ALTER TABLE customers RENAME COLUMN full_name TO display_name;
