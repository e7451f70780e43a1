-- status becomes derived from the account service; allow NULL during the transition.
ALTER TABLE customers ALTER COLUMN status DROP NOT NULL;
