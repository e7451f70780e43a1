-- How long this standby's replay waits for a conflicting query before cancelling it:
-- max_standby_streaming_delay as shown and in milliseconds (-1: wait for ever).
SELECT current_setting('max_standby_streaming_delay') AS setting,
       (SELECT setting::int FROM pg_settings WHERE name = 'max_standby_streaming_delay') AS delay_ms
