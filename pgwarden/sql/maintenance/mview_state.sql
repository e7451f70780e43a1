-- What pgwarden recorded about each materialized view's last refresh.
SELECT view_schema, view_name, last_success_at, input_write_counter, last_outcome
FROM pgwarden.mview_refresh
