-- Round every order total to whole cents after the currency fix (one shot).
UPDATE orders SET total = round(total, 2) WHERE total IS NOT NULL;
