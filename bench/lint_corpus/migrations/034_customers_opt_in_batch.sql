-- First batch of the opt-in backfill; the job runs the rest.
UPDATE customers SET marketing_opt_in = false
WHERE id BETWEEN 1 AND 5000 AND marketing_opt_in IS NULL;
