-- Every customer has a name since the signup form made it mandatory.
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
