-- Rename customers.notes to internal_notes so it is not confused with order notes.
ALTER TABLE customers RENAME COLUMN notes TO internal_notes;
