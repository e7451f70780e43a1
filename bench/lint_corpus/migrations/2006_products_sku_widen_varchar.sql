-- New supplier SKUs are up to 64 characters long.
ALTER TABLE public.products ALTER COLUMN sku TYPE varchar(64);
