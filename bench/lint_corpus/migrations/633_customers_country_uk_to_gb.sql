-- Some old imports used 'UK' instead of the ISO code.
BEGIN;
UPDATE customers SET country = 'GB' WHERE country = 'UK';
UPDATE customers SET notes = NULL WHERE notes = '';
COMMIT;
