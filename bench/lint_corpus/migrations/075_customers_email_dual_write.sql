-- Expand step of moving email to citext-like lower-cased storage.
ALTER TABLE customers ADD COLUMN email_normalized text;
CREATE FUNCTION customers_email_normalize() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.email_normalized := lower(NEW.email);
    RETURN NEW;
END
$$;
CREATE TRIGGER customers_email_normalize BEFORE INSERT OR UPDATE OF email ON customers
    FOR EACH ROW EXECUTE FUNCTION customers_email_normalize();
UPDATE customers SET email_normalized = lower(email) WHERE id <= 2000;
