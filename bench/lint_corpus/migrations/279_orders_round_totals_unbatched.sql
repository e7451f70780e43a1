-- Totals were stored with rounding errors from the old pricing engine; round to cents.
UPDATE orders SET total = round(total, 0);
