-- Customer segmentation for the loyalty programme: add the column and fill it atomically,
-- so the app never sees a customer without a segment.
BEGIN;

ALTER TABLE customers ADD COLUMN segment text;

UPDATE customers
SET segment = CASE
        WHEN notes = 'vip'              THEN 'vip'
        WHEN marketing_opt_in           THEN 'engaged'
        ELSE 'standard'
    END;

COMMIT;
