-- ops: after the bulk status migration
VACUUM (ANALYZE, VERBOSE) orders;
