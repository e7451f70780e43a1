-- Normalise order currency codes to upper case (some importers wrote 'eur').
UPDATE orders SET currency = upper(currency);
