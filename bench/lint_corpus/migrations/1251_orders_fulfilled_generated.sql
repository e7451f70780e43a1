-- Expose a fulfilled flag for the BI tool without changing the app.
ALTER TABLE orders ADD COLUMN fulfilled boolean GENERATED ALWAYS AS (shipped_at IS NOT NULL) STORED;
