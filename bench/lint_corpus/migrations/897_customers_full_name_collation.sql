-- Sort names byte-wise in the export; no index on full_name.
ALTER TABLE customers ALTER COLUMN full_name TYPE text COLLATE "C";
