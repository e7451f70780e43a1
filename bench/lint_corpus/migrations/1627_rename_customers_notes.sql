-- Rename notes to internal_notes so nobody shows it to the customer
ALTER TABLE customers RENAME COLUMN notes TO internal_notes;
