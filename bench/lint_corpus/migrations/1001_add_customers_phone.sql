-- Add a phone number for customers (support asked for callback numbers).
ALTER TABLE customers ADD COLUMN phone text;
