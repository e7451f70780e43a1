-- Every customer has a name since the signup form change.
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
