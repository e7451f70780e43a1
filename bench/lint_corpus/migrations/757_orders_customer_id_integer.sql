-- customer ids fit in 32 bits; align with the int4 ids in the CRM.
ALTER TABLE orders ALTER COLUMN customer_id TYPE integer;
