-- Backfill marketing_opt_in for legacy rows, in id ranges so each UPDATE commits quickly.
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 1 AND 25000;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 25001 AND 50000;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 50001 AND 75000;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 75001 AND 100000;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 100001 AND 125000;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 125001 AND 150000;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 150001 AND 175000;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NOT TRUE AND id BETWEEN 175001 AND 200000;
