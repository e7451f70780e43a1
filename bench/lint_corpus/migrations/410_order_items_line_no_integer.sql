-- Some marketplace orders have more than 32767 lines.
ALTER TABLE public.order_items ALTER COLUMN line_no SET DATA TYPE integer;
