-- psql: generate one UPDATE per 10k id range and run each as its own transaction.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS tier text;

SELECT format('UPDATE customers SET tier = CASE WHEN notes = %L THEN %L ELSE %L END WHERE id BETWEEN %s AND %s AND tier IS NULL',
              'vip', 'gold', 'standard', lo, lo + 9999)
FROM generate_series(1, (SELECT max(id) FROM customers), 10000) AS lo
\gexec
