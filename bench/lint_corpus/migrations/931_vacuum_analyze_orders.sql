-- after the big status migration
VACUUM (ANALYZE) orders;
