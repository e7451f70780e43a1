-- products is small; VACUUM FULL is quick
VACUUM FULL products;
