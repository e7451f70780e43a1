-- The validation session's settings, set before it touches any temporary table (temp_buffers
-- cannot change after that): local buffers large enough to hold a sampled copy, so that timed
-- runs read it from memory as a warm shared_buffers would. Returns one row.
SELECT set_config('temp_buffers', %(temp_buffers)s, false) AS temp_buffers
