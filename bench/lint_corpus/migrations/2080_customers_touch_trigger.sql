ALTER TABLE customers ADD COLUMN modified_at timestamptz;

CREATE FUNCTION customers_touch() RETURNS trigger AS $$
BEGIN
  NEW.modified_at := now();
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER customers_touch BEFORE UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_touch();
