-- Guard against a runaway backfill: give up after 50 ms.
SET statement_timeout = '50ms';
UPDATE orders SET coupon = upper(coupon) WHERE coupon IS NOT NULL;
RESET statement_timeout;
