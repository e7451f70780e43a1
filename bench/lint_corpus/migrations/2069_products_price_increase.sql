-- 5% price increase across the catalogue (board decision 2026-11).
update products set price = round(price * 1.05, 2) where not discontinued;
