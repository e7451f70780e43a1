-- New orders start as 'new' unless the app says otherwise.
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
